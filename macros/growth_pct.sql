{#- Growth in percent from a base to a current value; null where the base is missing or zero. -#}
{% macro growth_pct(current_value, base_value) -%}
    case when {{ base_value }} is null or {{ base_value }} = 0 then null
         else round(100.0 * ({{ current_value }} - {{ base_value }}) / abs({{ base_value }}), 4) end
{%- endmacro %}
