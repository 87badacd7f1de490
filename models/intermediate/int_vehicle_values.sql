-- One row per month x vehicle segment x market: CAAM vehicles for the single month and January-to-month, each
-- published or, for a month CAAM's sources did not print, derived as YTD(m) - YTD(m-1). CAAM publishes January
-- on its own, so there is no combined January-February period here.
with

figures as (
    select *
    from {{ ref('int_vehicle_observations_ranked') }}
    where is_chosen
),

months as (
    select * from {{ ref('int_months') }}
),

series as (
    select distinct vehicle_segment, market from figures
),

grid as (
    select months.period_month, series.vehicle_segment, series.market
    from months
    cross join series
),

level_figures as (
    select * from figures
    where measure = 'level'
),

final as (
    select
        grid.period_month,
        grid.vehicle_segment,
        grid.market,
        -- January: the year-to-date joins below are empty, so the month is CAAM's January figure or missing
        {{ month_from_ytd('month_level', 'ytd_level', 'previous_ytd_level', 'month_vehicles') }},
        coalesce(ytd_level.value_base, case when month(grid.period_month) = 1 then month_level.value_base end)
            as ytd_vehicles,
        coalesce(ytd_level.rounding_half_unit_base, case when month(grid.period_month) = 1
            then month_level.rounding_half_unit_base end) as ytd_vehicles_tolerance,
        month_level.observation_id as month_observation_id,
        ytd_level.observation_id as ytd_observation_id
    from grid
    left join level_figures as month_level
        on grid.vehicle_segment = month_level.vehicle_segment
        and grid.market = month_level.market
        and grid.period_month = month_level.period_start_month
        and grid.period_month = month_level.period_end_month
    left join level_figures as ytd_level
        on grid.vehicle_segment = ytd_level.vehicle_segment
        and grid.market = ytd_level.market
        and ytd_level.period_start_month = date_trunc('year', grid.period_month)
        and grid.period_month = ytd_level.period_end_month
        and month(grid.period_month) > 1
    left join level_figures as previous_ytd_level
        on grid.vehicle_segment = previous_ytd_level.vehicle_segment
        and grid.market = previous_ytd_level.market
        and previous_ytd_level.period_start_month = date_trunc('year', grid.period_month)
        and previous_ytd_level.period_end_month = cast(grid.period_month - interval 1 month as date)
        and month(grid.period_month) > 1
)

select * from final
