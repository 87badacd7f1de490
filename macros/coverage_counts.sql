{#- What the coverage page counts for one partner or product, over its rows in a mart with period_end_month and
    months_covered (to go with a group by the subject): its rows, the months its periods end in, and how many of
    its rows are single months and how many longer periods. -#}
{% macro coverage_counts() -%}
    count(*) as row_count,
        min(period_end_month) as first_period_end_month,
        max(period_end_month) as last_period_end_month,
        count(*) filter (where months_covered = 1) as single_month_rows,
        count(*) filter (where months_covered > 1) as longer_period_rows
{%- endmacro %}
