-- One row per month from the expected first month whose exports or imports have no value in either currency for
-- the month: gaps in the sources, listed so that they can be filled. Empty when there are none.
with

monthly as (
    select * from {{ ref('fct_monthly_trade') }}
),

final as (
    select
        period_label,
        flow
    from monthly
    where period_month >= {{ check_parameter('expected_first_month', 'value_month') }}
        and flow in ('exports', 'imports')
        and month_value_usd is null and month_value_cny is null
)

select * from final
