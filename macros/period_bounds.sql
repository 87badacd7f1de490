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
