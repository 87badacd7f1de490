-- The relations the published build recorded that the candidate lacks or holds fewer rows of. A month of detailed
-- lines delivered again may hold fewer lines: for them, months count (loss_audit_lost_detail_months.sql).
select
    p.schema_name || '.' || p.relation_name as relation,
    p.row_count as published_rows,
    c.row_count as candidate_rows
from published.provenance.relation_rows as p
left join candidate.provenance.relation_rows as c
    on p.schema_name = c.schema_name and p.relation_name = c.relation_name
where (c.row_count is null or c.row_count < p.row_count)
    and p.relation_name not like '%' || $detail_mark || '%'
order by relation
