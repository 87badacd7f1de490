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
        {{ by_flow('value') }},
        {{ by_flow('tolerance', '_tolerance') }},
        {{ by_flow('source_id', '_source_id') }}
    from published
    group by period_kind, period_end_month, currency
)

select * from final
