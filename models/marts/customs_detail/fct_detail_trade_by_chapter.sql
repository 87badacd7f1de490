-- One row per month x flow x HS chapter, summed from the detailed customs lines. Incremental on the month, like the
-- aggregate it rolls up.
with

by_partner_chapter as (
    select * from {{ ref('int_customs_detail_by_partner_chapter') }}
),

to_load as (
    select *
    from by_partner_chapter
    where period_month in ({{ months_to_load_from(ref('int_customs_detail_by_partner_chapter')) }})
),

by_chapter as (
    select
        period_month,
        flow,
        hs_chapter,
        {{ detail_rollup_measures() }}
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
