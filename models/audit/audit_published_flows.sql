-- One row per headline period kind x period x currency: the four flows side by side where each was published in
-- that currency, with its printing tolerance and its source (the identities compare them).
with

published as (
    select * from {{ ref('audit_published_values') }}
),

final as (
    select
        period_kind,
        period_end_month,
        currency,
        max(value) filter (where flow = 'exports') as exports,
        max(value) filter (where flow = 'imports') as imports,
        max(value) filter (where flow = 'balance') as balance,
        max(value) filter (where flow = 'total') as total,
        max(tolerance) filter (where flow = 'exports') as exports_tolerance,
        max(tolerance) filter (where flow = 'imports') as imports_tolerance,
        max(tolerance) filter (where flow = 'balance') as balance_tolerance,
        max(tolerance) filter (where flow = 'total') as total_tolerance,
        max(source_id) filter (where flow = 'exports') as exports_source_id,
        max(source_id) filter (where flow = 'imports') as imports_source_id,
        max(source_id) filter (where flow = 'balance') as balance_source_id,
        max(source_id) filter (where flow = 'total') as total_source_id
    from published
    group by period_kind, period_end_month, currency
)

select * from final
