-- One row: the months with an ECB reference rate of yuan per US dollar, the first, the last and how many.
with

monthly_rates as (
    select * from {{ ref('int_fx_monthly_rates') }}
),

final as (
    select
        min(period_month) as first_month,
        max(period_month) as last_month,
        count(*) as months
    from monthly_rates
    where fx_rate_cny_per_usd is not null
)

select * from final
