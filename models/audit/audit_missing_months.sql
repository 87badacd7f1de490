-- One row per month x flow missing from fct_monthly_trade between its first and last month (a year whose February
-- row is a combined January-February has no January row: that January is not missing). Empty when whole.
with

monthly as (
    select * from {{ ref('fct_monthly_trade') }}
),

bounds as (
    select
        min(period_month) as first_month,
        max(period_month) as last_month
    from monthly
),

expected as (
    select
        cast(spine.month_start as date) as period_month,
        flows.flow
    from bounds,
        range(bounds.first_month, bounds.last_month + interval 1 month, interval 1 month) as spine (month_start),
        (values ('exports'), ('imports'), ('balance'), ('total')) as flows (flow)
),

combined_januaries as (
    select cast(period_month - interval 1 month as date) as period_month
    from monthly
    where is_jan_feb_combined
),

final as (
    select
        expected.period_month,
        expected.flow
    from expected
    left join monthly
        on expected.period_month = monthly.period_month and expected.flow = monthly.flow
    where monthly.period_month is null
        and expected.period_month not in (select combined_januaries.period_month from combined_januaries)
)

select * from final
