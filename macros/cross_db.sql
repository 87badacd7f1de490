{#- Constructs that differ between DuckDB and Spark SQL, one home each (issue 16; decision 0018). -#}

{#- The whole text matches the pattern. Patterns must not rely on backslash escapes: Spark's parser unescapes string
    literals, so '\d' reaches the regex engine as 'd' (silently never matching). -#}
{% macro ctw_regexp_full_match(value, pattern) -%}
    {{ return(adapter.dispatch('ctw_regexp_full_match')(value, pattern)) }}
{%- endmacro %}
{% macro default__ctw_regexp_full_match(value, pattern) -%}
    regexp_full_match({{ value }}, {{ pattern }})
{%- endmacro %}
{% macro spark__ctw_regexp_full_match(value, pattern) -%}
    regexp_like({{ value }}, concat('^(?:', {{ pattern }}, ')$'))
{%- endmacro %}

{#- An aggregate: the values as a sorted array; and an empty array literal. -#}
{% macro ctw_sorted_list(expression) -%}
    {{ return(adapter.dispatch('ctw_sorted_list')(expression)) }}
{%- endmacro %}
{% macro default__ctw_sorted_list(expression) -%}
    list({{ expression }} order by {{ expression }})
{%- endmacro %}
{% macro spark__ctw_sorted_list(expression) -%}
    array_sort(collect_list({{ expression }}))
{%- endmacro %}
{% macro ctw_empty_list() -%}
    {{ return(adapter.dispatch('ctw_empty_list')()) }}
{%- endmacro %}
{% macro default__ctw_empty_list() -%}[]{%- endmacro %}
{% macro spark__ctw_empty_list() -%}array(){%- endmacro %}

{#- <prefix>* less some columns: DuckDB's * exclude (...), Spark's * except (...). -#}
{% macro ctw_star_except(columns, prefix='') -%}
    {{ return(adapter.dispatch('ctw_star_except')(columns, prefix)) }}
{%- endmacro %}
{% macro default__ctw_star_except(columns, prefix) -%}
    {{ prefix }}* exclude ({{ columns | join(', ') }})
{%- endmacro %}
{% macro spark__ctw_star_except(columns, prefix) -%}
    {{ prefix }}* except ({{ columns | join(', ') }})
{%- endmacro %}

{#- FROM-clause items: one row per step from start to stop_exclusive, as column <alias>.<column>. DuckDB's range()
    table function; Spark's explode(sequence()), whose stop is inclusive. -#}
{% macro ctw_date_series(start, stop_exclusive, step, alias, column) -%}
    {{ return(adapter.dispatch('ctw_date_series')(start, stop_exclusive, step, alias, column)) }}
{%- endmacro %}
{% macro default__ctw_date_series(start, stop_exclusive, step, alias, column) -%}
    range({{ start }}, {{ stop_exclusive }}, interval 1 {{ step }}) as {{ alias }} ({{ column }})
{%- endmacro %}
{% macro spark__ctw_date_series(start, stop_exclusive, step, alias, column) -%}
    lateral (
        select explode(sequence(cast({{ start }} as date),
            cast({{ stop_exclusive }} - interval 1 {{ step }} as date), interval 1 {{ step }})) as {{ column }}
    ) as {{ alias }}
{%- endmacro %}

{#- FROM-clause: a relation's column pairs unpivoted into rows (name_column, value_columns...). DuckDB keeps its own
    UNPIVOT statement, whose row order the DuckDB marts were built with (a float sum downstream depends on it);
    Spark takes the standard UNPIVOT clause. pairs: [(name, [column, column]), ...]. -#}
{% macro ctw_unpivot_pairs(relation, name_column, value_columns, pairs) -%}
    {{ return(adapter.dispatch('ctw_unpivot_pairs')(relation, name_column, value_columns, pairs)) }}
{%- endmacro %}
{% macro default__ctw_unpivot_pairs(relation, name_column, value_columns, pairs) -%}
    unpivot {{ relation }}
    on {% for name, columns in pairs %}({{ columns | join(', ') }}) as {{ name }}{{ ", " if not loop.last }}{% endfor %}
    into name {{ name_column }} value {{ value_columns | join(', ') }}
{%- endmacro %}
{% macro spark__ctw_unpivot_pairs(relation, name_column, value_columns, pairs) -%}
    select *
    from {{ relation }}
    unpivot (({{ value_columns | join(', ') }}) for {{ name_column }} in (
        {%- for name, columns in pairs %}({{ columns | join(', ') }}) as {{ name }}{{ ", " if not loop.last }}{% endfor -%}
    ))
{%- endmacro %}

{#- Whole months from start_month to end_month (both first days of months). -#}
{% macro ctw_months_between(start_month, end_month) -%}
    {{ return(adapter.dispatch('ctw_months_between')(start_month, end_month)) }}
{%- endmacro %}
{% macro default__ctw_months_between(start_month, end_month) -%}
    date_diff('month', {{ start_month }}, {{ end_month }})
{%- endmacro %}
{% macro spark__ctw_months_between(start_month, end_month) -%}
    cast(months_between({{ end_month }}, {{ start_month }}) as bigint)
{%- endmacro %}
