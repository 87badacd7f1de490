{#- How a raw seed of printed observations (customs, CAAM, industry: columns period, period_basis,
    value_as_published, unit) is read in staging: its period as labelled with its first and last months, and its
    figure as printed, with the decimals printed and its unit. Columns at a select's indent. -#}
{% macro printed_period_columns() -%}
    period as period_label,
        period_basis,
        {{ period_bound_month('period', 'period_basis', 'start') }} as period_start_month,
        {{ period_bound_month('period', 'period_basis', 'end') }} as period_end_month
{%- endmacro %}

{% macro printed_value_columns() -%}
    cast(value_as_published as decimal(38, 6)) as value_published,
        {{ printed_decimals('value_as_published') }} as value_printed_decimals,
        unit as unit_code
{%- endmacro %}
