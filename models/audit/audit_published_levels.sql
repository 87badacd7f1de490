-- One row per headline period x flow x currency whose level was published in that currency (currency as the basis
-- code, 'USD' or 'CNY'). A year to date through February is left out: from 2020 it is the same period as the
-- January-February month, kept once.
with

headline as (
    select * from {{ ref('int_world_trade_values') }}
),

levels as (
    select
        period_kind,
        period_start_month,
        period_end_month,
        flow,
        'USD' as basis,
        value_usd as value,
        value_usd_tolerance as tolerance,
        usd_source_id as source_id
    from headline
    where value_usd_method = 'published'
    union all
    select
        period_kind,
        period_start_month,
        period_end_month,
        flow,
        'CNY' as basis,
        value_cny as value,
        value_cny_tolerance as tolerance,
        cny_source_id as source_id
    from headline
    where value_cny_method = 'published'
),

final as (
    select * from levels
    where not (period_kind = 'ytd' and month(period_end_month) = 2)
)

select * from final
