with

source as (
    select * from {{ source('fx', 'raw_fx_rates') }}
),

final as (
    select
        observation_id,
        source_id,
        {{ period_bound_month('period', "'month'", 'start') }} as period_month,
        cast(rate_as_published as decimal(18, 6)) as rate_published,
        rate_unit,
        -- one unit for every rate downstream: yuan per one US dollar
        cast(rate_as_published as decimal(18, 6))
            / case rate_unit when 'cny_per_100_usd' then 100 else 1 end as fx_rate_cny_per_usd,
        rate_type,
        note
    from source
)

select * from final
