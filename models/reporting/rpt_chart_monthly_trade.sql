-- The monthly trade chart: one row per month x flow (exports, imports, balance) x currency, the values compiled in
-- that currency only (never converted from the other), single months only (no January-February period).
with

series as (
    select * from {{ ref('fct_trade_series_long') }}
),

final as (
    select
        period_month,
        flow,
        currency,
        value / 1e9 as value_bn,
        method
    from series
    where period_kind = 'month'
        and metric = 'value'
        and flow in ('exports', 'imports', 'balance')
        and {{ is_compiled_in_currency('method') }}
        and not ({{ is_jan_feb_period('period_start_month', 'period_month') }})
)

select * from final
