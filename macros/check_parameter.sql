{#- The value of a named parameter of the checks (seeds/reference/ref_check_parameters.csv: a tolerance, an
    allowance, an expected month), as a scalar subquery. column: value_number, or value_month for a month. A name the
    seed does not hold stops the query with an error naming it, so that a check never compares with null (and finds
    nothing). DuckDB's error(); the audit models run where the suites do. -#}
{% macro check_parameter(name, column='value_number') -%}
    coalesce(
        (
            select check_parameters.{{ column }}
            from {{ ref('stg_reference__check_parameters') }} as check_parameters
            where check_parameters.parameter_name = '{{ name }}'
        ),
        error('check parameter {{ name }} is not in seeds/reference/ref_check_parameters.csv')
    )
{%- endmacro %}
