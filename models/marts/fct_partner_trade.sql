-- One row per partner (country, bloc, continent or initiative) x flow x period: China's goods trade with the
-- partner in yuan and US dollars, its share of China's total (computed and, where published, reported) and growth.
with

figures as (
    select *
    from {{ ref('int_trade_values_in_both_currencies') }}
    where product_code = '{{ var("headline_product_code") }}'
        and enterprise_type = 'all'
        and partner_code <> '{{ var("headline_partner_code") }}'
),

world as (
    select * from {{ ref('int_world_trade_values') }}
),

partners as (
    select * from {{ ref('stg_reference__partners') }}
),

with_world as (
    select
        figures.*,
        world.value_cny as world_value_cny,
        world.value_cny_method as world_value_cny_method,
        world.value_usd as world_value_usd,
        world.value_usd_method as world_value_usd_method
    from figures
    left join world
        on figures.flow = world.flow
        and figures.period_start_month = world.period_start_month
        and figures.period_end_month = world.period_end_month
        -- a period both single-month and year-to-date (January-February) has the same values under both kinds
        and world.period_kind = case when figures.months_covered = 1 then 'month' else 'ytd' end
),

final as (
    select
        with_world.partner_code,
        partners.partner_name,
        partners.partner_kind,
        partners.is_share_disjoint,
        with_world.flow,
        with_world.period_start_month,
        with_world.period_end_month,
        with_world.months_covered,
        with_world.value_cny,
        with_world.value_cny_method,
        with_world.value_usd,
        with_world.value_usd_method,
        with_world.world_value_cny,
        with_world.world_value_usd,
        -- shares only from values compiled in that currency, never from converted ones, and only of gross flows: a
        -- partner's balance is no share of China's (it changes sign)
        case when with_world.flow <> 'balance'
                and {{ is_compiled_in_currency('with_world.value_cny_method') }}
                and {{ is_compiled_in_currency('with_world.world_value_cny_method') }}
            then round(100.0 * with_world.value_cny / nullif(with_world.world_value_cny, 0), 4)
        end as share_pct_cny_computed,
        case when with_world.flow <> 'balance'
                and {{ is_compiled_in_currency('with_world.value_usd_method') }}
                and {{ is_compiled_in_currency('with_world.world_value_usd_method') }}
            then round(100.0 * with_world.value_usd / nullif(with_world.world_value_usd, 0), 4)
        end as share_pct_usd_computed,
        with_world.share_pct_reported,
        with_world.share_pct_reported_basis,
        case when {{ is_compiled_in_currency('with_world.value_cny_method') }}
                and {{ is_compiled_in_currency('previous_year.value_cny_method') }}
            then {{ growth_pct('with_world.value_cny', 'previous_year.value_cny') }}
        end as yoy_pct_cny_computed,
        with_world.yoy_pct_cny_reported,
        case when {{ is_compiled_in_currency('with_world.value_usd_method') }}
                and {{ is_compiled_in_currency('previous_year.value_usd_method') }}
            then {{ growth_pct('with_world.value_usd', 'previous_year.value_usd') }}
        end as yoy_pct_usd_computed,
        with_world.yoy_pct_usd_reported,
        with_world.yoy_pct_unspecified_basis_reported,
        with_world.fx_rate_cny_per_usd,
        with_world.fx_rate_method,
        with_world.cny_observation_id,
        with_world.usd_observation_id
    from with_world
    inner join partners
        on with_world.partner_code = partners.partner_code
    left join figures as previous_year
        on with_world.partner_code = previous_year.partner_code
        and with_world.flow = previous_year.flow
        and previous_year.period_start_month = cast(with_world.period_start_month - interval 12 month as date)
        and previous_year.period_end_month = cast(with_world.period_end_month - interval 12 month as date)
)

select * from final
