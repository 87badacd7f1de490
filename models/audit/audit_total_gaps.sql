-- One row per headline period kind x period x currency where exports, imports and total trade were all published:
-- the total against exports + imports, with the printing tolerance of the three and the revision allowance.
with

flows as (
    select * from {{ ref('audit_published_flows') }}
),

gaps as (
    {{ flow_identity_gaps('total', 'exports + imports', 'abs(total)') }}
),

final as (
    select
        *,
        {{ gap_verdicts() }}
    from gaps
)

select * from final
