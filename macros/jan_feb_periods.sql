{#- January and February in customs' releases: one home for the rule (how a period shows it: period_label.sql). -#}

{#- Whether customs released the year of month_expr with January and February as one figure (from the year in var
    customs_combined_jan_feb_from_year; before it each month came out on its own). -#}
{% macro is_customs_jan_feb_combined_year(month_expr) -%}
    year({{ month_expr }}) >= {{ var('customs_combined_jan_feb_from_year') }}
{%- endmacro %}

{#- Whether a headline period is a January-February released as one figure: its first and last months differ. -#}
{% macro is_jan_feb_period(start_month, end_month) -%}
    {{ start_month }} <> {{ end_month }}
{%- endmacro %}
