-- One row per headline period kind x period x currency where exports, imports and the balance were all published
-- and not all by one source (one source's own three figures: dbt's identity test on fct_monthly_trade_balance):
-- the balance against exports - imports, with the printing tolerance of the three and the revision allowance.
with

flows as (
    select * from {{ ref('audit_published_flows') }}
),

gaps as (
    {{ flow_identity_gaps('balance', 'exports - imports', 'greatest(abs(exports), abs(imports))') }}
        and not (exports_source_id = balance_source_id and imports_source_id = balance_source_id)
),

final as (
    select
        *,
        {{ gap_verdicts() }}
    from gaps
)

select * from final
