-- One row per year: its release periods (single months, or from 2020 January-February) and how many of them have a
-- month value compiled in each currency, by flow.
{%- set currencies = ['usd', 'cny'] %}
{%- set flows = ['exports', 'imports', 'balance'] %}
with

monthly as (
    select * from {{ ref('fct_monthly_trade') }}
),

periods as (
    select
        year(period_month) as year,
        flow,
        {%- for currency in currencies %}
        {%- set column = 'month_value_' ~ currency %}
        coalesce({{ column }} is not null and {{ is_compiled_in_currency(column ~ '_method') }}, false)
            as has_{{ currency }}{{ ',' if not loop.last }}
        {%- endfor %}
    from monthly
    where flow in ('{{ flows | join("', '") }}')
),

final as (
    select
        year,
        count(*) filter (where flow = 'exports') as release_periods,
        {%- for currency in currencies %}{% for flow in flows %}
        count(*) filter (where flow = '{{ flow }}' and has_{{ currency }}) as {{ currency }}_{{ flow }}_periods
            {{- ',' if not (loop.last and currency == currencies[-1]) }}
        {%- endfor %}{% endfor %}
    from periods
    group by year
)

select * from final
