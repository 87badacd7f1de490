-- One row per headline period kind x period x currency where exports, imports and the balance were all published
-- and not all by one source (one source's own three figures: dbt's identity test on fct_monthly_trade_balance):
-- the balance against exports - imports, with the printing tolerance of the three and the revision allowance.
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
        balance,
        balance - (exports - imports) as gap,
        exports_tolerance + imports_tolerance + balance_tolerance as rounding_tolerance,
        {{ check_parameter('revision_allowance_pct') }} / 100 * greatest(abs(exports), abs(imports))
            as revision_allowance,
        exports_source_id,
        imports_source_id,
        balance_source_id
    from flows
    where exports is not null and imports is not null and balance is not null
        and not (exports_source_id = balance_source_id and imports_source_id = balance_source_id)
),

final as (
    select
        *,
        abs(gap) > rounding_tolerance as is_beyond_rounding,
        abs(gap) > rounding_tolerance + revision_allowance as is_beyond_revision_allowance
    from gaps
)

select * from final
