-- One row per ECB reference day with both a US dollar and a yuan rate: yuan per US dollar through the euro cross
-- rate (yuan per euro / dollars per euro).
with

source as (
    select * from {{ source('fx', 'raw_ecb_reference_rates') }}
),

final as (
    select
        rate_date,
        cast(date_trunc('month', rate_date) as date) as period_month,
        usd_per_eur,
        cny_per_eur,
        cny_per_eur / usd_per_eur as fx_rate_cny_per_usd
    from source
    where usd_per_eur is not null and cny_per_eur is not null
)

select * from final
