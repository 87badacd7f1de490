-- Whether both files hold the detailed lines' table (a build without CTW_WITH_DETAIL=1 has none).
select count(distinct database_name) = 2 as is_in_both
from duckdb_tables()
where database_name in ('candidate', 'published')
    and schema_name = 'intermediate'
    and table_name = 'int_customs_detail_by_partner_chapter'
