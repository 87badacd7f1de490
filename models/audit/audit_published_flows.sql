-- One row per headline period kind x period x currency (the partners' identity: audit_partner_balance_gaps): the four flows side by side where each was published in
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
    where partner_code = '{{ var("headline_partner_code") }}' and product_code = '{{ var("headline_product_code") }}'
    group by period_kind, period_end_month, currency
)

select * from final
