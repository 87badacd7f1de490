-- The vehicle exports chart: one row per month with CAAM's vehicle exports, all segments.
with

vehicle_sales as (
    select * from {{ ref('fct_vehicle_sales') }}
),

final as (
    select
        period_month,
        month_vehicles / 1e3 as month_vehicles_thousands,
        month_vehicles_method as method
    from vehicle_sales
    where {{ is_all_vehicle_segments('vehicle_segment') }}
        and market = 'export'
        and month_vehicles is not null
)

select * from final
