-- One row per headline series (period kind x currency x flow) x month of the coverage calendar: whether the series
-- has a value compiled in its own currency that month. The calendar runs over every month the warehouse covers for
-- the flow, from its first to its latest month; from 2020 January is published with February, so a January of
-- those years is no month of its own.
with

monthly as (
    select * from {{ ref('fct_monthly_trade') }}
),

months as (
    select * from {{ ref('dim_months') }}
),

-- the series in the order the coverage page lists them: month before year to date, USD before CNY, then exports,
-- imports, balance
series_values as (
    {%- for series in headline_series(flows=['exports', 'imports', 'balance']) %}
    {%- set column = series.kind ~ '_value_' ~ series.currency %}
    select
        '{{ series.kind }}' as period_kind,
        '{{ series.currency | upper }}' as currency,
        flow,
        {{ loop.index }} as series_number,
        period_month,
        coalesce({{ column }} is not null and {{ is_compiled_in_currency(column ~ '_method') }}, false) as has_value
    from monthly
    where flow = '{{ series.flow }}'
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

flow_bounds as (
    select
        flow,
        min(period_month) as earliest_month,
        max(period_month) as latest_month
    from monthly
    group by flow
),

calendar as (
    select
        flow_bounds.flow,
        months.period_month
    from flow_bounds
    inner join months
        on months.period_month between flow_bounds.earliest_month and flow_bounds.latest_month
    where not (month(months.period_month) = 1 and months.is_in_customs_jan_feb_release)
),

series as (
    select distinct
        period_kind,
        currency,
        flow,
        series_number
    from series_values
),

final as (
    select
        series.series_number,
        series.period_kind,
        series.currency,
        series.flow,
        calendar.period_month,
        coalesce(series_values.has_value, false) as has_value
    from series
    inner join calendar
        on series.flow = calendar.flow
    left join series_values
        on series.series_number = series_values.series_number
        and calendar.period_month = series_values.period_month
)

select * from final
