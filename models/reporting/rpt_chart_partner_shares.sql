-- The partner shares chart: one row per partner with a share computed for the latest partner period.
with

partner_trade as (
    select * from {{ ref('fct_partner_trade') }}
),

latest_period as (
    select * from {{ ref('rpt_partner_latest_period') }}
),

final as (
    select
        partner_trade.partner_code,
        partner_trade.period_start_month,
        partner_trade.period_end_month,
        partner_trade.share_pct_cny_computed,
        partner_trade.share_pct_reported,
        partner_trade.is_share_disjoint
    from partner_trade
    inner join latest_period
        on partner_trade.period_start_month = latest_period.period_start_month
        and partner_trade.period_end_month = latest_period.period_end_month
    where partner_trade.flow = 'total'
        and partner_trade.share_pct_cny_computed is not null
)

select * from final
