-- One row per month with an exchange rate: the CNY-per-USD rate conversions use, and the series beside it.
--   ecb: the mean of the ECB's daily cross rates in the month (stg_ecb__daily_rates), the rate conversions use: one
--        series, from 2005 to the package's last published day
--   fed: the Federal Reserve's monthly average noon buying rate (stg_fx__monthly_rates), kept beside it for the check
--        that the two agree (expectations/cross_currency.yml)
with

ecb as (
    select
        period_month,
        avg(fx_rate_cny_per_usd) as fx_rate_cny_per_usd,
        count(*) as reference_days
    from {{ ref('stg_ecb__daily_rates') }}
    group by period_month
),

fed as (
    select period_month, fx_rate_cny_per_usd
    from {{ ref('stg_fx__monthly_rates') }}
),

final as (
    select
        coalesce(ecb.period_month, fed.period_month) as period_month,
        ecb.fx_rate_cny_per_usd,
        ecb.reference_days as ecb_reference_days,
        fed.fx_rate_cny_per_usd as fed_fx_rate_cny_per_usd
    from ecb
    full outer join fed
        on ecb.period_month = fed.period_month
)

select * from final
