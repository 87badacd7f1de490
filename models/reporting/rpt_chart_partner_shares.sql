-- The partner shares chart: one row per partner with a share computed for the latest partner period.
with

latest_totals as (
    select * from {{ ref('rpt_partner_latest_totals') }}
),

final as (
    select
        partner_code,
        period_start_month,
        period_end_month,
        share_pct_cny_computed,
        share_pct_reported,
        is_share_disjoint
    from latest_totals
    where share_pct_cny_computed is not null
)

select * from final
