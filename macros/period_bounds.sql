{#-
    The first or last month (a date, first day of the month) of a period as published.
    period_basis says how to read the period text (the grammar is var period_grammar in dbt_project.yml, which the
    seed check reads too):
      month      'YYYY-MM' (one month) or 'YYYY-01/02' (January-February released as one figure)
      ytd        'YYYY-MM' = January through that month
      quarter    'YYYY-Qn'       half_year  'YYYY-Hn'       year  'YYYY'
    Anything else yields null (scripts/check_seeds.py rejects it before the build; not_null tests catch it after).
-#}
{% macro period_bound_month(period, period_basis, bound) -%}
    {%- set grammar = var('period_grammar') -%}
    {%- set year -%} cast(left({{ period }}, 4) as integer) {%- endset -%}
    {%- set digit -%} cast(right({{ period }}, 1) as integer) {%- endset -%}
    case
        when {{ period_basis }} = 'month' and {{ ctw_regexp_full_match(period, "'" ~ grammar.month.jan_feb ~ "'") }}
            then make_date({{ year }}, {{ 1 if bound == 'start' else 2 }}, 1)
        when {{ period_basis }} = 'month' and {{ ctw_regexp_full_match(period, "'" ~ grammar.month.month ~ "'") }}
            then make_date({{ year }}, cast(substr({{ period }}, 6, 2) as integer), 1)
        when {{ period_basis }} = 'ytd' and {{ ctw_regexp_full_match(period, "'" ~ grammar.ytd.month ~ "'") }}
            then make_date({{ year }}, {{ "1" if bound == 'start' else "cast(substr(" ~ period ~ ", 6, 2) as integer)" }}, 1)
        when {{ period_basis }} = 'quarter' and {{ ctw_regexp_full_match(period, "'" ~ grammar.quarter.quarter ~ "'") }}
            then make_date({{ year }}, 3 * {{ digit }} - {{ 2 if bound == 'start' else 0 }}, 1)
        when {{ period_basis }} = 'half_year' and {{ ctw_regexp_full_match(period, "'" ~ grammar.half_year.half ~ "'") }}
            then make_date({{ year }}, 6 * {{ digit }} - {{ 5 if bound == 'start' else 0 }}, 1)
        when {{ period_basis }} = 'year' and {{ ctw_regexp_full_match(period, "'" ~ grammar.year.year ~ "'") }}
            then make_date({{ year }}, {{ 1 if bound == 'start' else 12 }}, 1)
    end
{%- endmacro %}

{#- The number of decimals printed in a figure kept as text ('2.20' -> 2, '330' -> 0). -#}
{% macro printed_decimals(value_text) -%}
    coalesce(length(split_part({{ value_text }}, '.', 2)), 0)
{%- endmacro %}

{#- Growth in percent from a base to a current value; null where the base is missing or zero. -#}
{% macro growth_pct(current_value, base_value) -%}
    case when {{ base_value }} is null or {{ base_value }} = 0 then null
         else round(100.0 * ({{ current_value }} - {{ base_value }}) / abs({{ base_value }}), 4) end
{%- endmacro %}
