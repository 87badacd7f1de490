{#- Schemas are named exactly as configured (raw, reference, staging, intermediate, marts), not prefixed with the
    target schema, so that BI users find the marts at marts.<table>. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
