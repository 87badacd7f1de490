-- One row per month: exports, imports, trade balance (surplus) and total trade side by side, for the month and
-- January-to-month, in US dollars and yuan, with the tolerance the balance identity is held to.
with

headline as (
    select * from {{ ref('int_headline_values') }}
),

pivoted as (
    select
        period_end_month as period_month,
        any_value(period_start_month) filter (where period_kind = 'month') as period_start_month,
        {%- for kind in ['month', 'ytd'] %}
        {%- for currency in ['usd', 'cny'] %}
        max(value_{{ currency }}) filter (where period_kind = '{{ kind }}' and flow = 'exports') as {{ kind }}_export_value_{{ currency }},
        max(value_{{ currency }}) filter (where period_kind = '{{ kind }}' and flow = 'imports') as {{ kind }}_import_value_{{ currency }},
        max(value_{{ currency }}) filter (where period_kind = '{{ kind }}' and flow = 'balance') as {{ kind }}_trade_balance_{{ currency }},
        max(value_{{ currency }}) filter (where period_kind = '{{ kind }}' and flow = 'total') as {{ kind }}_total_trade_value_{{ currency }},
        max(value_{{ currency }}_method) filter (where period_kind = '{{ kind }}' and flow = 'balance') as {{ kind }}_trade_balance_{{ currency }}_method,
        sum(value_{{ currency }}_tolerance) filter (where period_kind = '{{ kind }}' and flow in ('exports', 'imports', 'balance'))
            as {{ kind }}_balance_identity_tolerance_{{ currency }},
        sum(value_{{ currency }}_tolerance) filter (where period_kind = '{{ kind }}' and flow in ('exports', 'imports', 'total'))
            as {{ kind }}_total_identity_tolerance_{{ currency }},
        -- the source that published exports, imports and balance, when one source published all three
        case when count(distinct {{ currency }}_source_id) filter (where period_kind = '{{ kind }}' and flow in ('exports', 'imports', 'balance')) = 1
                and count({{ currency }}_source_id) filter (where period_kind = '{{ kind }}' and flow in ('exports', 'imports', 'balance')) = 3
            then max({{ currency }}_source_id) filter (where period_kind = '{{ kind }}' and flow = 'balance')
        end as {{ kind }}_balance_single_source_id_{{ currency }},
        {%- endfor %}
        {%- endfor %}
    from headline
    group by period_end_month
)

select * from pivoted
