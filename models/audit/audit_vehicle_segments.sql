-- One row per month x kind ('month' or 'ytd') x segment identity whose whole and every part CAAM's figures give:
-- the whole beside the sum of its parts, with the printing of all of them and the revision allowance. A market is
-- its domestic sales and exports; vehicle exports are NEV and ICE exports, or passenger cars and commercial vehicles.
with

levels as (
    select * from {{ ref('audit_vehicle_levels') }}
),

identities as (
    select identity_parts.*
    from (values
        ('all_sales_are_domestic_plus_exports', 'all', 'total', 'all', 'domestic'),
        ('all_sales_are_domestic_plus_exports', 'all', 'total', 'all', 'export'),
        ('nev_sales_are_domestic_plus_exports', 'nev', 'total', 'nev', 'domestic'),
        ('nev_sales_are_domestic_plus_exports', 'nev', 'total', 'nev', 'export'),
        ('exports_are_nev_plus_ice', 'all', 'export', 'nev', 'export'),
        ('exports_are_nev_plus_ice', 'all', 'export', 'ice', 'export'),
        ('exports_are_cars_plus_commercial', 'all', 'export', 'passenger_car', 'export'),
        ('exports_are_cars_plus_commercial', 'all', 'export', 'commercial_vehicle', 'export')
    ) as identity_parts (identity_name, whole_segment, whole_market, part_segment, part_market)
),

parts as (
    select
        identities.identity_name,
        identities.whole_segment,
        identities.whole_market,
        levels.period_month,
        levels.kind,
        sum(levels.vehicles) as parts_vehicles,
        sum(levels.tolerance) as parts_tolerance,
        count(levels.vehicles) as parts_published
    from identities
    inner join levels
        on identities.part_segment = levels.vehicle_segment
        and identities.part_market = levels.market
    group by identities.identity_name, identities.whole_segment, identities.whole_market, levels.period_month,
        levels.kind
),

parts_expected as (
    select identity_name, count(*) as parts_in_identity
    from identities
    group by identity_name
),

compared as (
    select
        parts.identity_name,
        parts.period_month,
        parts.kind,
        whole.vehicles as whole_vehicles,
        parts.parts_vehicles,
        whole.vehicles - parts.parts_vehicles as gap,
        whole.tolerance + parts.parts_tolerance as rounding_tolerance,
        {{ revision_allowance('whole.vehicles') }} as revision_allowance
    from parts
    inner join parts_expected
        on parts.identity_name = parts_expected.identity_name
        and parts.parts_published = parts_expected.parts_in_identity
    inner join levels as whole
        on parts.whole_segment = whole.vehicle_segment
        and parts.whole_market = whole.market
        and parts.period_month = whole.period_month
        and parts.kind = whole.kind
    where whole.vehicles is not null
),

final as (
    select
        *,
        {{ gap_verdicts() }}
    from compared
)

select * from final
