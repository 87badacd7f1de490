-- The provenance tables that hold a column of the given name, for its description.
select table_name
from duckdb_columns()
where schema_name = $schema_name and column_name = $column_name
