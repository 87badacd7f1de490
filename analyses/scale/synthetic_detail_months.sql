-- The frame of the synthetic detailed data (ctw.scale.synthetic_detail), one row per month x flow with a published
-- single-month total in both currencies, which that month's synthetic rows sum to exactly. January-February, published
-- as one two-month period, has no single month to hang rows on and is left out, as is a flow whose total is a gap.
-- Read with the published file attached as `published`; $first_month and $last_month bound the months.
select
    period_month,
    flow,
    month_value_usd as total_usd,
    month_value_cny as total_cny
from published.marts.fct_monthly_trade
where
    flow in ('exports', 'imports')
    and period_start_month = period_month
    and month_value_usd is not null
    and month_value_cny is not null
    and period_month between cast($first_month as date) and cast($last_month as date)
order by period_month, flow
