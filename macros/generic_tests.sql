{#- Generic tests written here because dbt's package hub is out of reach. Each returns the failing rows;
    tests/fixtures/generic_tests_project proves each one fails on a known-bad table. -#}

{#- The columns together identify a row: the model's grain. -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
    select {{ combination_of_columns | join(', ') }}, count(*) as n_rows
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
    having count(*) > 1
{% endtest %}

{#- A boolean expression that must hold on every row (in-row identities such as balance = exports - imports). -#}
{% test expression_is_true(model, expression, where_clause=none) %}
    select *
    from {{ model }}
    where not coalesce(({{ expression }}), false)
    {% if where_clause %} and ({{ where_clause }}) {% endif %}
{% endtest %}

{#- Every non-null value lies between min_value and max_value (inclusive); either bound may be omitted. -#}
{% test accepted_range(model, column_name, min_value=none, max_value=none) %}
    select *
    from {{ model }}
    where {{ column_name }} is not null
      and (
          false
          {% if min_value is not none %} or {{ column_name }} < {{ min_value }} {% endif %}
          {% if max_value is not none %} or {{ column_name }} > {{ max_value }} {% endif %}
      )
{% endtest %}

{#- A *_method column says how its value was obtained. The five ways are listed here and nowhere else (what each
    means: the value_method doc block in models/marts/_marts__docs.md). `only` narrows them for a column that can
    take fewer (a mart that never derives a value, say); a name outside the five fails the test when it compiles.
    A null passes (a missing value has no method), as with dbt's accepted_values. -#}
{% test value_method(model, column_name, only=none) %}
    {%- set methods = ['published', 'derived_from_ytd', 'derived_from_flows', 'converted_from_usd',
        'converted_from_cny'] -%}
    {%- set allowed = methods if only is none else only -%}
    {%- for method in allowed if method not in methods -%}
        {{ exceptions.raise_compiler_error("value_method: '" ~ method ~ "' is not one of " ~ methods | join(', ')) }}
    {%- endfor %}
    select {{ column_name }} as value_method, count(*) as n_rows
    from {{ model }}
    where {{ column_name }} is not null
      and {{ column_name }} not in ('{{ allowed | join("', '") }}')
    group by {{ column_name }}
{% endtest %}
