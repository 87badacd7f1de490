-- One row per month x vehicle segment x market (CAAM): vehicles sold in the month and January-to-month, with the
-- growth CAAM's sources reported beside the growth computed from the levels.
with

values_by_month as (
    select * from {{ ref('int_vehicle_values') }}
),

reported as (
    select *
    from {{ ref('int_vehicle_observations_ranked') }}
    where is_chosen and measure in ('yoy_pct', 'mom_pct')
),

final as (
    select
        current_period.period_month,
        current_period.vehicle_segment,
        current_period.market,
        -- whole vehicles, as CAAM prints them (int_vehicle_values tests that no count has a fraction)
        cast(round(current_period.month_vehicles) as {{ dbt.type_bigint() }}) as month_vehicles,
        current_period.month_vehicles_method,
        current_period.month_vehicles_tolerance,
        {{ growth_pct('current_period.month_vehicles', 'previous_year.month_vehicles') }} as month_yoy_pct_computed,
        month_yoy.value_base as month_yoy_pct_reported,
        {{ growth_pct('current_period.month_vehicles', 'previous_month.month_vehicles') }} as month_mom_pct_computed,
        month_mom.value_base as month_mom_pct_reported,
        cast(round(current_period.ytd_vehicles) as {{ dbt.type_bigint() }}) as ytd_vehicles,
        current_period.ytd_vehicles_tolerance,
        {{ growth_pct('current_period.ytd_vehicles', 'previous_year.ytd_vehicles') }} as ytd_yoy_pct_computed,
        ytd_yoy.value_base as ytd_yoy_pct_reported,
        current_period.month_observation_id,
        current_period.ytd_observation_id
    from values_by_month as current_period
    left join values_by_month as previous_year
        on current_period.vehicle_segment = previous_year.vehicle_segment
        and current_period.market = previous_year.market
        and previous_year.period_month = cast(current_period.period_month - interval 12 month as date)
    left join values_by_month as previous_month
        on current_period.vehicle_segment = previous_month.vehicle_segment
        and current_period.market = previous_month.market
        and previous_month.period_month = cast(current_period.period_month - interval 1 month as date)
    left join reported as month_yoy
        on current_period.vehicle_segment = month_yoy.vehicle_segment
        and current_period.market = month_yoy.market
        and month_yoy.measure = 'yoy_pct'
        and current_period.period_month = month_yoy.period_start_month
        and current_period.period_month = month_yoy.period_end_month
    left join reported as month_mom
        on current_period.vehicle_segment = month_mom.vehicle_segment
        and current_period.market = month_mom.market
        and month_mom.measure = 'mom_pct'
        and current_period.period_month = month_mom.period_start_month
        and current_period.period_month = month_mom.period_end_month
    left join reported as ytd_yoy
        on current_period.vehicle_segment = ytd_yoy.vehicle_segment
        and current_period.market = ytd_yoy.market
        and ytd_yoy.measure = 'yoy_pct'
        and ytd_yoy.period_start_month = date_trunc('year', current_period.period_month)
        and current_period.period_month = ytd_yoy.period_end_month
        and month(current_period.period_month) > 1
    where current_period.month_vehicles is not null
        or current_period.ytd_vehicles is not null
        or month_yoy.value_base is not null
        or ytd_yoy.value_base is not null
)

select * from final
