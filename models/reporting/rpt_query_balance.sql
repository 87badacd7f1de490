-- The query command's question "balance YYYY-MM": one row per month x flow (exports, imports, balance), in billions
-- of US dollars and yuan, with the dollar growth reported and computed and how each value was obtained.
with

monthly as (
    select * from {{ ref('fct_monthly_trade') }}
),

final as (
    select
        period_month,
        flow,
        round(month_value_usd / 1e9, 2) as usd_bn,
        round(month_value_cny / 1e9, 2) as cny_bn,
        round(month_yoy_pct_usd_reported, 1) as yoy_usd_reported_pct,
        round(month_yoy_pct_usd_computed, 1) as yoy_usd_computed_pct,
        month_value_usd_method as usd_method,
        month_value_cny_method as cny_method
    from monthly
    where flow in ('exports', 'imports', 'balance')
)

select * from final
