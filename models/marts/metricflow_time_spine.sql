-- The calendar MetricFlow needs to place metrics in time: one row per day of every month the warehouse covers.
select cast(spine.day as date) as date_day
from {{ ref('dim_months') }} as months,
    {{ ctw_date_series('months.period_month', 'months.period_month + interval 1 month', 'day', 'spine', 'day') }}
