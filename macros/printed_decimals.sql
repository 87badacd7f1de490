{#- The number of decimals printed in a figure kept as text ('2.20' -> 2, '330' -> 0). -#}
{% macro printed_decimals(value_text) -%}
    coalesce(length(split_part({{ value_text }}, '.', 2)), 0)
{%- endmacro %}
