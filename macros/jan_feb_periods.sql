{#- January and February in customs' releases: one home for the rule and for how a period shows it. -#}

{#- Whether customs released the year of month_expr with January and February as one figure (from the year in var
    customs_combined_jan_feb_from_year; before it each month came out on its own). -#}
{% macro is_customs_jan_feb_combined_year(month_expr) -%}
    year({{ month_expr }}) >= {{ var('customs_combined_jan_feb_from_year') }}
{%- endmacro %}

{#- Whether a headline period is a January-February released as one figure: its first and last months differ. -#}
{% macro is_jan_feb_period(start_month, end_month) -%}
    {{ start_month }} <> {{ end_month }}
{%- endmacro %}

{#- The label customs gives a headline period: 'YYYY-MM', or 'YYYY-01/02' for January-February released as one
    figure. -#}
{% macro period_label(start_month, end_month) -%}
    case when {{ is_jan_feb_period(start_month, end_month) }}
        then left(cast({{ start_month }} as {{ dbt.type_string() }}), 7) || '/02'
        else left(cast({{ end_month }} as {{ dbt.type_string() }}), 7) end
{%- endmacro %}
