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
