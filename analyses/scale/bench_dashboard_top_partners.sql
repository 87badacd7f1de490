-- top 10 partners in a month
select
    partner_name,
    value_usd,
    share_pct_usd
from synthetic.fct_detail_trade_by_partner
where period_month = $month and flow = 'exports'
order by value_usd desc
limit 10
