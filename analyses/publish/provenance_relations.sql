-- The relations of the given schemas (the ones dbt builds and the seed check loads) whose rows provenance counts.
select
    table_schema,
    table_name,
    table_type
from information_schema.tables
where table_catalog = current_database() and list_contains($schemas, table_schema)
order by table_schema, table_name
