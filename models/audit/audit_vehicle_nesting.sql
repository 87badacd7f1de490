-- One row per month x kind ('month' or 'ytd'): CAAM's NEV exports, vehicle exports and total sales side by side with
-- their printing, for the nesting NEV exports <= vehicle exports <= total sales.
with

levels as (
    select * from {{ ref('audit_vehicle_levels') }}
),

nested as (
    select
        period_month,
        kind,
        max(vehicles) filter (where vehicle_segment = 'nev' and market = 'export') as nev_exports,
        max(vehicles) filter (where vehicle_segment = 'all' and market = 'export') as vehicle_exports,
        max(vehicles) filter (where vehicle_segment = 'all' and market = 'total') as total_sales,
        max(tolerance) filter (where vehicle_segment = 'nev' and market = 'export') as nev_exports_tolerance,
        max(tolerance) filter (where vehicle_segment = 'all' and market = 'export') as vehicle_exports_tolerance,
        max(tolerance) filter (where vehicle_segment = 'all' and market = 'total') as total_sales_tolerance
    from levels
    group by period_month, kind
),

final as (
    select
        *,
        nev_exports - vehicle_exports > nev_exports_tolerance + vehicle_exports_tolerance
            as is_nev_above_vehicle_exports,
        vehicle_exports - total_sales > vehicle_exports_tolerance + total_sales_tolerance
            as is_exports_above_total_sales
    from nested
)

select * from final
