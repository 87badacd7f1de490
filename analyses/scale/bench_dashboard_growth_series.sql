-- growth series, long format
select
    period_month,
    flow,
    value
from marts.fct_trade_series_long
where metric = 'yoy_pct_computed' and currency = 'USD' and period_kind = 'month'
order by period_month, flow
