-- One row per month x flow x partner country, summed from the detailed customs lines. Incremental on the month,
-- like the aggregate it rolls up.
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

partners as (
    select * from {{ ref('dim_partners') }}
),

to_load as (
    select *
    from by_partner_chapter
    where period_month in ({{ months_to_load(offered) }})
),

by_partner as (
    select
        period_month,
        flow,
        partner_code,
        sum(value_usd) as value_usd,
        sum(value_cny) as value_cny,
        sum(quantity_kg) as quantity_kg,
        cast(sum(line_count) as bigint) as line_count,
        sum(synthetic_line_count) > 0 as is_synthetic,
        max(source_file_version) as source_file_version
    from to_load
    group by period_month, flow, partner_code
),

final as (
    select
        by_partner.period_month,
        by_partner.flow,
        by_partner.partner_code,
        partners.partner_name,
        by_partner.value_usd,
        by_partner.value_cny,
        by_partner.quantity_kg,
        100 * by_partner.value_usd
            / sum(by_partner.value_usd) over (partition by by_partner.period_month, by_partner.flow)
            as share_pct_usd,
        by_partner.line_count,
        by_partner.is_synthetic,
        by_partner.source_file_version
    from by_partner
    left join partners on by_partner.partner_code = partners.partner_code
)

select * from final
