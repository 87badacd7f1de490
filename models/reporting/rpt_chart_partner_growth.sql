-- The growth by partner chart: one row per partner with a year-on-year growth of its total trade in yuan for the
-- latest partner period, the one the source reported, else the one computed from published values.
with

latest_totals as (
    select * from {{ ref('rpt_partner_latest_totals') }}
),

final as (
    select
        partner_code,
        period_start_month,
        period_end_month,
        coalesce(yoy_pct_cny_reported, yoy_pct_cny_computed) as yoy_pct_cny,
        yoy_pct_cny_reported is null as is_computed
    from latest_totals
    where coalesce(yoy_pct_cny_reported, yoy_pct_cny_computed) is not null
)

select * from final
