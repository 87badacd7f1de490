-- One row per month x flow x partner country, summed from the detailed customs lines. Incremental on the month,
-- like the aggregate it rolls up.
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
    where period_month in ({{ months_to_load_from(ref('int_customs_detail_by_partner_chapter')) }})
),

by_partner as (
    select
        period_month,
        flow,
        partner_code,
        {{ detail_rollup_measures() }}
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
