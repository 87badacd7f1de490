-- One row per CAAM month x segment x market with a reported and a computed year-on-year growth and a month a year
-- earlier: the two growth rates side by side; they agree within the printing of the rate and of both
-- months (else a warning), and within that plus the revision allowance for growth (else an error: CAAM revises its
-- prior-year months by a few points, not by tens).
with

vehicles as (
    select * from {{ ref('fct_vehicle_sales') }}
),

compared as (
    select
        current_period.period_month,
        current_period.vehicle_segment,
        current_period.market,
        current_period.month_yoy_pct_reported,
        current_period.month_yoy_pct_computed,
        current_period.month_observation_id,
        abs(current_period.month_yoy_pct_reported - current_period.month_yoy_pct_computed) as gap_pp,
        {{ check_parameter('growth_printed_half_unit_pp') }}
        + 100 * abs(current_period.month_vehicles / previous_year.month_vehicles)
        * (current_period.month_vehicles_tolerance / current_period.month_vehicles
            + previous_year.month_vehicles_tolerance / previous_year.month_vehicles) as rounding_tolerance_pp
    from vehicles as current_period
    inner join vehicles as previous_year
        on current_period.vehicle_segment = previous_year.vehicle_segment
        and current_period.market = previous_year.market
        and current_period.period_month - interval 12 month = previous_year.period_month
    where current_period.month_yoy_pct_reported is not null
        and current_period.month_yoy_pct_computed is not null
),

final as (
    select
        *,
        gap_pp > rounding_tolerance_pp as is_beyond_printing,
        gap_pp > rounding_tolerance_pp + {{ check_parameter('yoy_revision_allowance_pp') }}
            as is_beyond_revision_allowance
    from compared
)

select * from final
