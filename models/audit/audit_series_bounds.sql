-- One row: the first and the latest month of fct_monthly_trade with a value (published or derived, in either
-- currency, month or year to date) beside the months expected (ref_check_parameters), so that a lost year or a
-- month not taken in shows.
with

monthly as (
    select * from {{ ref('fct_monthly_trade') }}
),

with_values as (
    select
        max(period_month) as latest_month_with_values,
        min(period_start_month) as first_month_with_values
    from monthly
    where coalesce(month_value_usd, month_value_cny, ytd_value_usd, ytd_value_cny) is not null
),

expected as (
    select
        latest_month_with_values,
        {{ check_parameter('expected_latest_month', 'value_month') }} as expected_latest_month,
        first_month_with_values,
        {{ check_parameter('expected_first_month', 'value_month') }} as expected_first_month
    from with_values
),

final as (
    select
        *,
        coalesce(latest_month_with_values < expected_latest_month, true) as is_latest_before_expected,
        coalesce(first_month_with_values > expected_first_month, true) as is_first_after_expected
    from expected
)

select * from final
