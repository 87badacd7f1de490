-- The query command's question "vehicles YYYY-MM": one row per month x CAAM vehicle segment x market, with the
-- month's vehicles, their growth reported and computed, and the year to date.
with

vehicle_sales as (
    select * from {{ ref('fct_vehicle_sales') }}
),

final as (
    select
        period_month,
        vehicle_segment,
        market,
        month_vehicles,
        month_yoy_pct_reported,
        round(month_yoy_pct_computed, 1) as month_yoy_pct_computed,
        ytd_vehicles
    from vehicle_sales
)

select * from final
