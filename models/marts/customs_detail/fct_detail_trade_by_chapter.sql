-- One row per month x flow x HS chapter, summed from the detailed customs lines. Incremental on the month, like the
-- aggregate it rolls up.
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='period_month',
    on_schema_change='fail'
) }}

{%- set offered -%}
    select period_month, max(source_file_version) as source_file_version
    from {{ ref('int_customs_detail_by_partner_chapter') }}
    group by period_month
{%- endset %}

with

by_partner_chapter as (
    select * from {{ ref('int_customs_detail_by_partner_chapter') }}
),

to_load as (
    select *
    from by_partner_chapter
    where period_month in ({{ months_to_load(offered) }})
),

by_chapter as (
    select
        period_month,
        flow,
        hs_chapter,
        sum(value_usd) as value_usd,
        sum(value_cny) as value_cny,
        sum(quantity_kg) as quantity_kg,
        cast(sum(line_count) as bigint) as line_count,
        sum(synthetic_line_count) > 0 as is_synthetic,
        max(source_file_version) as source_file_version
    from to_load
    group by period_month, flow, hs_chapter
),

final as (
    select
        period_month,
        flow,
        hs_chapter,
        value_usd,
        value_cny,
        quantity_kg,
        100 * value_usd / sum(value_usd) over (partition by period_month, flow) as share_pct_usd,
        line_count,
        is_synthetic,
        source_file_version
    from by_chapter
)

select * from final
