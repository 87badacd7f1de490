{#- The four headline flows side by side, for a group by: column's value in each flow's row, named <flow><suffix>
    (exports, imports, balance, total), as the identities compare them. One column a line, at a select's indent. -#}
{% macro by_flow(column, suffix='') -%}
    {%- set columns = [] -%}
    {%- for flow in ['exports', 'imports', 'balance', 'total'] -%}
        {%- do columns.append("max(" ~ column ~ ") filter (where flow = '" ~ flow ~ "') as " ~ flow ~ suffix) -%}
    {%- endfor -%}
    {{ columns | join(",\n        ") }}
{%- endmacro %}
