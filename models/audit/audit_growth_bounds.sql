-- One row per growth rate a source printed as a bound ("up more than 22 per cent", kept as printed and never
-- chosen) for exports, imports or total trade of any series (the world, a partner, a product), where the levels of the period and a year earlier were
-- published: the bound beside the growth computed from those levels and their printing.
with

growth as (
    select * from {{ ref('audit_published_growth') }}
),

bounds as (
    select
        observation_id,
        source_id,
        partner_code,
        product_code,
        flow,
        basis,
        period_start_month,
        period_end_month,
        qualifier,
        value_base as bound_pct
    from {{ ref('int_trade_observations_chosen') }}
    where enterprise_type = 'all'
        and measure = 'yoy_pct' and basis in ('CNY', 'USD') and qualifier = 'lower_bound' and not is_rejected
),

compared as (
    select
        bounds.*,
        growth.yoy_pct_computed,
        growth.levels_rounding_pp as rounding_tolerance_pp,
        growth.level_source_id,
        growth.base_level_source_id,
        growth.is_same_composition
    from bounds
    inner join growth
        on bounds.partner_code = growth.partner_code
        and bounds.product_code = growth.product_code
        and bounds.flow = growth.flow
        and bounds.basis = growth.basis
        and bounds.period_start_month = growth.period_start_month
        and bounds.period_end_month = growth.period_end_month
),

final as (
    select
        *,
        is_same_composition and yoy_pct_computed + rounding_tolerance_pp < bound_pct as is_below_bound
    from compared
)

select * from final
