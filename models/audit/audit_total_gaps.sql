-- One row per headline period kind x period x currency where exports, imports and total trade were all published:
-- the total against exports + imports, with the printing tolerance of the three and the revision allowance.
with

flows as (
    select * from {{ ref('audit_published_flows') }}
),

gaps as (
    select
        period_kind,
        period_end_month,
        currency,
        exports,
        imports,
        total,
        total - (exports + imports) as gap,
        exports_tolerance + imports_tolerance + total_tolerance as rounding_tolerance,
        {{ check_parameter('revision_allowance_pct') }} / 100 * abs(total) as revision_allowance,
        exports_source_id,
        imports_source_id,
        total_source_id
    from flows
    where exports is not null and imports is not null and total is not null
),

final as (
    select
        *,
        abs(gap) > rounding_tolerance as is_beyond_rounding,
        abs(gap) > rounding_tolerance + revision_allowance as is_beyond_revision_allowance
    from gaps
)

select * from final
