{#- The label customs gives a headline period: 'YYYY-MM', or 'YYYY-01/02' for January-February released as one
    figure (a period whose first and last months differ). One home for the marts that show it. -#}
{% macro period_label(start_month, end_month) -%}
    case when {{ start_month }} <> {{ end_month }}
        then left(cast({{ start_month }} as {{ dbt.type_string() }}), 7) || '/02'
        else left(cast({{ end_month }} as {{ dbt.type_string() }}), 7) end
{%- endmacro %}
