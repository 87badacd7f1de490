-- One row per month: exports, imports, trade balance (surplus) and total trade side by side, for the month and
-- January-to-month, in US dollars and yuan, with the tolerance the balance identity is held to.
with

headline as (
    select * from {{ ref('int_world_trade_values') }}
),

pivoted as (
    select
        {%- for series in headline_series() %}
        {%- set kind, currency = series.kind, series.currency %}
        {%- set of_kind = "period_kind = '" ~ kind ~ "'" %}
        {%- set flows_of_balance = of_kind ~ " and flow in ('exports', 'imports', 'balance')" %}
        max(value_{{ currency }}) filter (where {{ of_kind }} and flow = 'exports')
            as {{ kind }}_export_value_{{ currency }},
        max(value_{{ currency }}) filter (where {{ of_kind }} and flow = 'imports')
            as {{ kind }}_import_value_{{ currency }},
        max(value_{{ currency }}) filter (where {{ of_kind }} and flow = 'balance')
            as {{ kind }}_trade_balance_{{ currency }},
        max(value_{{ currency }}) filter (where {{ of_kind }} and flow = 'total')
            as {{ kind }}_total_trade_value_{{ currency }},
        max(value_{{ currency }}_method) filter (where {{ of_kind }} and flow = 'balance')
            as {{ kind }}_trade_balance_{{ currency }}_method,
        -- how each value was obtained, as for the balance: a converted value never looks published
        max(value_{{ currency }}_method) filter (where {{ of_kind }} and flow = 'exports')
            as {{ kind }}_export_value_{{ currency }}_method,
        max(value_{{ currency }}_method) filter (where {{ of_kind }} and flow = 'imports')
            as {{ kind }}_import_value_{{ currency }}_method,
        max(value_{{ currency }}_method) filter (where {{ of_kind }} and flow = 'total')
            as {{ kind }}_total_trade_value_{{ currency }}_method,
        -- summed exactly (a float sum's last digit would follow the engine's plan and row order)
        cast(sum(cast(value_{{ currency }}_tolerance as decimal(38, 6))) filter (where {{ flows_of_balance }})
            as double) as {{ kind }}_balance_identity_tolerance_{{ currency }},
        cast(sum(cast(value_{{ currency }}_tolerance as decimal(38, 6)))
            filter (where {{ of_kind }} and flow in ('exports', 'imports', 'total'))
            as double) as {{ kind }}_total_identity_tolerance_{{ currency }},
        -- the source that published exports, imports and balance, when one source published all three
        case when count(distinct {{ currency }}_source_id) filter (where {{ flows_of_balance }}) = 1
                and count({{ currency }}_source_id) filter (where {{ flows_of_balance }}) = 3
            then max({{ currency }}_source_id) filter (where {{ of_kind }} and flow = 'balance')
        end as {{ kind }}_balance_single_source_id_{{ currency }},
        {%- for flow in ['exports', 'imports', 'balance'] %}
        max({{ currency }}_source_id) filter (where {{ of_kind }} and flow = '{{ flow }}')
            as {{ kind }}_{{ flow }}_source_id_{{ currency }},
        {%- endfor %}
        {%- endfor %}
        period_end_month as period_month,
        any_value(period_start_month) filter (where period_kind = 'month') as period_start_month
    from headline
    group by period_end_month
),

{%- set source_columns = [] %}
{%- for series in headline_series(flows=['exports', 'imports', 'balance']) %}
{%- do source_columns.append(series.kind ~ '_' ~ series.flow ~ '_source_id_' ~ series.currency) %}
{%- endfor %}
{%- set not_printed = "'not printed in this currency'" %}

final as (
    select
        {{ ctw_star_except(source_columns, 'pivoted.') }},
        -- the period as customs labels it: January-February is one period from 2020, so no February spike
        {{ period_label('pivoted.period_start_month', 'pivoted.period_month') }} as period_label,
        {{ is_jan_feb_period('pivoted.period_start_month', 'pivoted.period_month') }} as is_jan_feb_combined,
        {%- for series in headline_series() %}
        {%- set kind, currency = series.kind, series.currency %}
        -- where the chosen exports, imports and balance are printings that disagree (each kept as printed), say so
        case
            when abs({{ kind }}_export_value_{{ currency }} - {{ kind }}_import_value_{{ currency }}
                    - {{ kind }}_trade_balance_{{ currency }}) > {{ kind }}_balance_identity_tolerance_{{ currency }}
                then 'exports - imports misses the published balance by '
                    || cast(round(({{ kind }}_export_value_{{ currency }} - {{ kind }}_import_value_{{ currency }}
                        - {{ kind }}_trade_balance_{{ currency }}) / 1e9, 3) as {{ dbt.type_string() | lower }})
                    || ' billion, beyond printing: the balance ('
                    || coalesce('source ' || {{ kind }}_balance_source_id_{{ currency }}, {{ not_printed }})
                    || ') and the flows ('
                    || coalesce({{ kind }}_exports_source_id_{{ currency }}, {{ not_printed }}) || ', '
                    || coalesce({{ kind }}_imports_source_id_{{ currency }}, {{ not_printed }})
                    || ') come from printings that disagree, or from the other currency converted figure by figure;'
                    || ' every printing is in fct_observations'
        end as {{ kind }}_balance_identity_note_{{ currency }}{{ "," if not loop.last }}
        {%- endfor %}
    from pivoted
)

select * from final
