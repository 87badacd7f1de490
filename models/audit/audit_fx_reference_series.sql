-- One row per month with both reference rates: the ECB's monthly average CNY per USD (conversions use it) against
-- the Federal Reserve's, two measures of one market rate; a series loaded wrongly (inverted, another currency's
-- column) is off by far more than the agreement allowed.
with

rates as (
    select * from {{ ref('int_fx_monthly_rates') }}
),

final as (
    select
        period_month,
        fx_rate_cny_per_usd as ecb_fx_rate_cny_per_usd,
        fed_fx_rate_cny_per_usd,
        100 * (fx_rate_cny_per_usd / fed_fx_rate_cny_per_usd - 1) as difference_pct,
        abs(fx_rate_cny_per_usd / fed_fx_rate_cny_per_usd - 1) * 100
        > {{ check_parameter('fx_reference_series_agreement_pct') }} as is_beyond_agreement
    from rates
    where fed_fx_rate_cny_per_usd is not null
)

select * from final
