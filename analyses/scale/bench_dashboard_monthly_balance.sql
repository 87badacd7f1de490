-- monthly balance, 24 months
select
    period_month,
    month_trade_balance_usd,
    month_export_value_usd,
    month_import_value_usd
from marts.fct_monthly_trade_balance
order by period_month
