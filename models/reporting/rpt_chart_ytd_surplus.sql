-- The year-to-date surplus chart: one row per month with a year-to-date dollar balance.
with

monthly as (
    select * from {{ ref('fct_monthly_trade') }}
),

final as (
    select
        period_month,
        year(period_month) as year,
        month(period_month) as month,
        ytd_value_usd / 1e9 as value_bn,
        ytd_value_usd_method as method
    from monthly
    where flow = 'balance'
        and ytd_value_usd is not null
)

select * from final
