-- One row per partner x period x currency where the partner's exports, imports and balance with China were all
-- published in that currency (all goods, all enterprises): the balance against exports - imports, with the printing
-- tolerance of the three and the revision allowance. A balance keyed with the wrong sign misses by twice itself.
with

figures as (
    select * from {{ ref('int_trade_figures_chosen') }}
),

flows as (
    select
        partner_code,
        period_start_month,
        period_end_month,
        lower(basis) as currency,
        {{ by_flow('value_base') }},
        {{ by_flow('rounding_half_unit_base', '_tolerance') }},
        {{ by_flow('chosen_source_id', '_source_id') }}
    from figures
    where measure = 'level' and basis in ('CNY', 'USD')
        and partner_code <> '{{ var("headline_partner_code") }}'
        and product_code = '{{ var("headline_product_code") }}' and enterprise_type = 'all'
    group by partner_code, period_start_month, period_end_month, basis
),

gaps as (
    {{ flow_identity_gaps('balance', 'exports - imports', 'greatest(abs(exports), abs(imports))',
        keys=['partner_code', 'period_start_month', 'period_end_month', 'currency']) }}
),

final as (
    select
        *,
        {{ gap_verdicts() }}
    from gaps
)

select * from final
