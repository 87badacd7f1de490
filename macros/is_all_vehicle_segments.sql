{#- True for CAAM's figures over every vehicle segment (vehicle_segment 'all'): the vehicles' total, as the vars
    headline_partner_code and headline_product_code name China's trade with the world in all goods. One home for
    the code, for models, checks and charts. -#}
{% macro is_all_vehicle_segments(segment_column) -%}
    ({{ segment_column }} = 'all')
{%- endmacro %}
