-- One row per year-on-year growth rate customs reported for China's exports, imports or total trade in a currency,
-- where the period's level and the level a year earlier were both published in it: the reported growth beside the
-- growth computed from those levels, with the printing tolerance of all three and the revision allowance for growth
-- (reported growth rests on revised prior-year bases the warehouse may not hold).
with

levels as (
    select * from {{ ref('audit_published_levels') }}
),

reported as (
    select *
    from {{ ref('int_trade_figures_chosen') }}
    where {{ is_world_total() }}
        and measure = 'yoy_pct' and basis in ('CNY', 'USD')
),

compared as (
    select
        reported.flow,
        reported.basis as currency,
        reported.period_start_month,
        reported.period_end_month,
        reported.value_base as yoy_pct_reported,
        reported.chosen_source_id as reported_source_id,
        100 * (current_level.value - base_level.value) / abs(base_level.value) as yoy_pct_computed,
        current_level.source_id as level_source_id,
        base_level.source_id as base_level_source_id,
        reported.rounding_half_unit_base
        + 100 * abs(current_level.value / base_level.value)
        * (current_level.tolerance / abs(current_level.value) + base_level.tolerance / abs(base_level.value))
            as rounding_tolerance_pp
    from reported
    inner join levels as current_level
        on reported.flow = current_level.flow
        and reported.basis = current_level.basis
        and reported.period_start_month = current_level.period_start_month
        and reported.period_end_month = current_level.period_end_month
    inner join levels as base_level
        on reported.flow = base_level.flow
        and reported.basis = base_level.basis
        and current_level.period_kind = base_level.period_kind
        and reported.period_start_month - interval 12 month = base_level.period_start_month
        and reported.period_end_month - interval 12 month = base_level.period_end_month
    where base_level.value <> 0 and reported.flow <> 'balance'
),

final as (
    select
        *,
        abs(yoy_pct_reported - yoy_pct_computed) > rounding_tolerance_pp as is_beyond_rounding,
        abs(yoy_pct_reported - yoy_pct_computed)
        > rounding_tolerance_pp + {{ check_parameter('yoy_revision_allowance_pp') }} as is_beyond_revision_allowance
    from compared
)

select * from final
