-- The vehicle checks' rows: one row per month x kind ('month' or 'ytd') x segment x market with CAAM's vehicles for
-- the kind and their printing. Ephemeral: the nesting and the segment identities compare these.
{{ config(materialized='ephemeral') }}
with

vehicles as (
    select * from {{ ref('fct_vehicle_sales') }}
),

final as (
    select
        period_month,
        'month' as kind,
        vehicle_segment,
        market,
        month_vehicles as vehicles,
        month_vehicles_tolerance as tolerance
    from vehicles
    union all
    select
        period_month,
        'ytd' as kind,
        vehicle_segment,
        market,
        ytd_vehicles as vehicles,
        ytd_vehicles_tolerance as tolerance
    from vehicles
)

select * from final
