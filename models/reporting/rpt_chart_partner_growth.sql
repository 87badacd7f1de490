-- The growth by partner chart: one row per partner with a year-on-year growth of its total trade in yuan for the
-- latest partner period, the one the source reported, else the one computed from published values.
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
        coalesce(partner_trade.yoy_pct_cny_reported, partner_trade.yoy_pct_cny_computed) as yoy_pct_cny,
        partner_trade.yoy_pct_cny_reported is null as is_computed
    from partner_trade
    inner join latest_period
        on partner_trade.period_start_month = latest_period.period_start_month
        and partner_trade.period_end_month = latest_period.period_end_month
    where partner_trade.flow = 'total'
        and coalesce(partner_trade.yoy_pct_cny_reported, partner_trade.yoy_pct_cny_computed) is not null
)

select * from final
