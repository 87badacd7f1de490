{#- The label customs gives a headline period: 'YYYY-MM', or 'YYYY-01/02' for January-February released as one
    figure. -#}
{% macro period_label(start_month, end_month) -%}
    case when {{ is_jan_feb_period(start_month, end_month) }}
        then left(cast({{ start_month }} as {{ dbt.type_string() | lower }}), 7) || '/02'
        else left(cast({{ end_month }} as {{ dbt.type_string() | lower }}), 7) end
{%- endmacro %}
