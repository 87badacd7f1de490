-- partner shares, latest period
with latest as (
    select max(period_end_month) as period_end_month
    from marts.fct_partner_trade
)

select
    fct_partner_trade.partner_name,
    fct_partner_trade.flow,
    fct_partner_trade.share_pct_cny_computed,
    fct_partner_trade.share_pct_reported
from marts.fct_partner_trade
inner join latest on fct_partner_trade.period_end_month = latest.period_end_month
