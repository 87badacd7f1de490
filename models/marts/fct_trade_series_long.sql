-- China's trade with the world in tidy long format for charting tools: one row per month x flow x period kind
-- (month, ytd) x currency x metric (value, yoy_pct_computed, yoy_pct_reported). Gaps are left out, not zeroed.
{%- set metrics = [
    ('value', '_value_{c}', 'value_unit', '_value_{c}_method'),
    ('yoy_pct_computed', '_yoy_pct_{c}_computed', "'percent'", "'computed'"),
    ('yoy_pct_reported', '_yoy_pct_{c}_reported', "'percent'", "'reported'"),
] %}
{%- set series_metrics = [] %}
{%- for series in headline_series() %}{% for metric in metrics %}
{%- do series_metrics.append((series.kind, series.currency) + metric) %}
{%- endfor %}{% endfor %}
with

monthly as (
    select * from {{ ref('fct_monthly_trade') }}
),

long as (
    {%- for kind, currency, metric, column, unit, method in series_metrics %}
    select
        period_month,
        {{ 'period_start_month' if kind == 'month'
            else "cast(date_trunc('year', period_month) as date) as period_start_month" }},
        period_label,
        flow,
        '{{ kind }}' as period_kind,
        '{{ currency | upper }}' as currency,
        '{{ metric }}' as metric,
        {{ kind ~ column.format(c=currency) }} as value,
        {{ unit | replace('value_unit', "'" ~ ('US dollars' if currency == 'usd' else 'yuan') ~ "'") }} as unit,
        {{ method if method.startswith("'") else kind ~ method.format(c=currency) }} as method
    from monthly
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select * from long
where value is not null
