{#- The key of a customs figure, in order: partner x product x enterprise type x flow x period. A list of column
    names, for select lists, joins and group bys that name a figure (the measure and basis are not part of it). -#}
{% macro figure_key() -%}
    {{ return(['partner_code', 'product_code', 'enterprise_type', 'flow', 'period_start_month', 'period_end_month']) }}
{%- endmacro %}
