{#- True for a figure of China's trade with the world in all goods by all enterprises (the headline): partner and
    product as in vars headline_partner_code and headline_product_code. relation: the alias to qualify the columns
    with, or none. One home for the filter that every model, check and chart of the headline reads. -#}
{% macro is_world_total(relation=none) -%}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    {{ prefix }}partner_code = '{{ var("headline_partner_code") }}'
    and {{ prefix }}product_code = '{{ var("headline_product_code") }}'
    and {{ prefix }}enterprise_type = 'all'
{%- endmacro %}
