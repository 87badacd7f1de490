-- The one pass over the detailed lines: each month's lines summed to partner x HS chapter x flow, with the counts
-- the line-level tests need (a line that breaks a rule is counted here and the count is tested, so checking the
-- lines costs no second read). Incremental on the month: a build reads only new months and months whose files
-- changed, and replaces those months whole (delete+insert).
with

files as (
    {{ detail_files_by_month() }}
),

lines as (
    select *
    from {{ ref('stg_customs_detail__lines') }}
    where period_month in ({{ months_to_load(detail_files_by_month()) }})
),

aggregated as (
    select
        period_month,
        flow,
        partner_code,
        hs_chapter,
        sum(value_usd) as value_usd,
        sum(value_cny) as value_cny,
        sum(quantity_kg) as quantity_kg,
        count(*) as line_count,
        count(*) filter (where not {{ ctw_regexp_full_match('hs8_code', "'[0-9]{8}'") }}) as malformed_hs8_lines,
        count(*) filter (
            where value_usd is null or value_cny is null or value_usd < 0 or value_cny < 0
        ) as missing_or_negative_value_lines,
        count(*) filter (where quantity_kg < 0) as negative_quantity_lines,
        count(*) - count(distinct hs8_code) as repeated_hs8_lines,
        count(*) filter (where is_synthetic) as synthetic_line_count
    from lines
    group by period_month, flow, partner_code, hs_chapter
),

final as (
    select
        aggregated.*,
        files.source_file_version
    from aggregated
    inner join files on aggregated.period_month = files.period_month
)

select * from final
