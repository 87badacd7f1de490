-- One row per growth rate a source printed as a bound ("up more than 22 per cent", kept as printed and never
-- chosen) for China's exports, imports or total trade, where the levels of the period and a year earlier were
-- published: the bound beside the growth computed from those levels and their printing.
with

levels as (
    select * from {{ ref('audit_published_levels') }}
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
        100 * (current_level.value - base_level.value) / abs(base_level.value) as yoy_pct_computed,
        100 * abs(current_level.value / base_level.value)
        * (current_level.tolerance / abs(current_level.value) + base_level.tolerance / abs(base_level.value))
            as rounding_tolerance_pp,
        current_level.source_id as level_source_id,
        base_level.source_id as base_level_source_id
    from bounds
    inner join levels as current_level
        on bounds.flow = current_level.flow
        and bounds.basis = current_level.basis
        and bounds.period_start_month = current_level.period_start_month
        and bounds.period_end_month = current_level.period_end_month
    inner join levels as base_level
        on bounds.flow = base_level.flow
        and bounds.basis = base_level.basis
        and current_level.period_kind = base_level.period_kind
        and bounds.period_start_month - interval 12 month = base_level.period_start_month
        and bounds.period_end_month - interval 12 month = base_level.period_end_month
    where base_level.value <> 0
),

final as (
    select
        *,
        yoy_pct_computed + rounding_tolerance_pp < bound_pct as is_below_bound
    from compared
)

select * from final
