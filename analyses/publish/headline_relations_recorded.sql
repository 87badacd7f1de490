-- The headline relations the published build recorded (every relation but the detailed data's), with their rows:
-- a detail-only candidate must hold each with the same count.
select
    schema_name,
    relation_name,
    row_count
from published.provenance.relation_rows
where relation_name not like '%' || $detail_mark || '%'
