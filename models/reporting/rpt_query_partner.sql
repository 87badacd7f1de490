-- The query command's question "partner CODE YYYY-MM..YYYY-MM": one row per partner x flow x period (single months
-- and years to date) in billions of yuan and US dollars, with its share and growth, reported and computed.
with

partner_trade as (
    select * from {{ ref('fct_partner_trade') }}
),

final as (
    select
        partner_code,
        period_start_month,
        period_end_month,
        months_covered,
        case when months_covered = 1 then 'month' else 'year to date' end as period,
        strftime(period_start_month, '%Y-%m') || '..' || strftime(period_end_month, '%Y-%m') as months,
        flow,
        round(value_cny / 1e9, 1) as cny_bn,
        round(value_usd / 1e9, 1) as usd_bn,
        round(share_pct_cny_computed, 1) as share_computed_pct,
        share_pct_reported as share_reported_pct,
        coalesce(yoy_pct_cny_reported, yoy_pct_usd_reported, yoy_pct_unspecified_basis_reported)
            as yoy_reported_pct,
        round(coalesce(yoy_pct_cny_computed, yoy_pct_usd_computed), 1) as yoy_computed_pct
    from partner_trade
)

select * from final
