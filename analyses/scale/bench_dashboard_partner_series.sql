-- one partner's monthly series
select
    period_month,
    flow,
    value_usd,
    value_cny
from synthetic.fct_detail_trade_by_partner
where partner_code = 'US'
order by period_month, flow
