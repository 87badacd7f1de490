-- One row per year-on-year growth rate reported for exports, imports or total trade in a currency, of any series
-- (China's trade with the world, a partner, a product; all enterprises), where the period's level and the level a
-- year earlier were both published in it: the reported growth beside the
-- growth computed from those levels, with the printing tolerance of all three and the revision allowance for growth
-- (reported growth rests on revised prior-year bases the warehouse may not hold). A group whose
-- membership differs between the two periods is listed but not judged (audit_published_growth.is_same_composition).
with

growth as (
    select * from {{ ref('audit_published_growth') }}
),

reported as (
    select *
    from {{ ref('int_trade_figures_chosen') }}
    where enterprise_type = 'all' and measure = 'yoy_pct' and basis in ('CNY', 'USD')
),

compared as (
    select
        reported.partner_code,
        reported.product_code,
        reported.flow,
        reported.basis as currency,
        reported.period_start_month,
        reported.period_end_month,
        reported.value_base as yoy_pct_reported,
        reported.chosen_source_id as reported_source_id,
        growth.yoy_pct_computed,
        growth.level_source_id,
        growth.base_level_source_id,
        reported.rounding_half_unit_base + growth.levels_rounding_pp as rounding_tolerance_pp,
        growth.is_same_composition
    from reported
    inner join growth
        on reported.partner_code = growth.partner_code
        and reported.product_code = growth.product_code
        and reported.flow = growth.flow
        and reported.basis = growth.basis
        and reported.period_start_month = growth.period_start_month
        and reported.period_end_month = growth.period_end_month
    where reported.flow <> 'balance'
),

final as (
    select
        *,
        is_same_composition and abs(yoy_pct_reported - yoy_pct_computed) > rounding_tolerance_pp
            as is_beyond_rounding,
        is_same_composition and abs(yoy_pct_reported - yoy_pct_computed)
        > rounding_tolerance_pp + {{ check_parameter('yoy_revision_allowance_pp') }} as is_beyond_revision_allowance
    from compared
)

select * from final
