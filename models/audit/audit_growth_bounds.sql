-- One row per growth rate a source printed as a bound ("up more than 22 per cent", kept as printed and never
-- chosen) for China's exports, imports or total trade, where the levels of the period and a year earlier were
-- published: the bound beside the growth computed from those levels and their printing.
with

growth as (
    select * from {{ ref('audit_published_growth') }}
),

bounds as (
    select
        observation_id,
        source_id,
        flow,
        basis,
        period_start_month,
        period_end_month,
        qualifier,
        value_base as bound_pct
    from {{ ref('int_trade_observations_chosen') }}
    where {{ is_world_total() }}
        and measure = 'yoy_pct' and basis in ('CNY', 'USD') and qualifier = 'lower_bound' and not is_rejected
),

compared as (
    select
        bounds.*,
        growth.yoy_pct_computed,
        growth.levels_rounding_pp as rounding_tolerance_pp,
        growth.level_source_id,
        growth.base_level_source_id
    from bounds
    inner join growth
        on bounds.flow = growth.flow
        and bounds.basis = growth.basis
        and bounds.period_start_month = growth.period_start_month
        and bounds.period_end_month = growth.period_end_month
),

final as (
    select
        *,
        yoy_pct_computed + rounding_tolerance_pp < bound_pct as is_below_bound
    from compared
)

select * from final
