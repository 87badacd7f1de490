-- One row per level of any series (the world, a partner, a product) published in a currency (currency as the basis
-- code, 'USD' or 'CNY') that has a level of the same period a year earlier, published in that currency and not
-- zero: the growth computed from the two, and the printing of the two levels in percentage points. A period that
-- is both a month and a year to date (January alone, a combined January-February) is kept once, as the month, so
-- that a reported growth meets one computed growth. The growth checks compare reported figures with it.
with

published as (
    select * from {{ ref('audit_published_values') }}
),

partners as (
    select * from {{ ref('dim_partners') }}
),

memberships as (
    select * from {{ ref('dim_partner_memberships') }}
),

membership_changes as (
    select group_code as partner_code, valid_from as changed_on from memberships
    union all
    select group_code as partner_code, valid_to as changed_on from memberships
    where valid_to is not null
),

-- 'month' before 'ytd': a period of both kinds is kept once, as the month (a window, not qualify: Spark runs it too)
levels_by_kind as (
    select
        partner_code,
        product_code,
        period_kind,
        period_start_month,
        period_end_month,
        flow,
        upper(currency) as basis,
        value,
        tolerance,
        source_id,
        row_number() over (
            partition by partner_code, product_code, flow, currency, period_start_month, period_end_month
            order by period_kind
        ) as kind_rank
    from published
),

levels as (
    select * from levels_by_kind
    where kind_rank = 1
),

growth as (
    select
        current_level.partner_code,
        current_level.product_code,
        current_level.period_kind,
        current_level.period_start_month,
        current_level.period_end_month,
        current_level.flow,
        current_level.basis,
        100 * (current_level.value - base_level.value) / abs(base_level.value) as yoy_pct_computed,
        100 * abs(current_level.value / base_level.value)
        * (current_level.tolerance / abs(current_level.value) + base_level.tolerance / abs(base_level.value))
            as levels_rounding_pp,
        current_level.source_id as level_source_id,
        base_level.source_id as base_level_source_id,
        base_level.period_start_month as base_period_start_month
    from levels as current_level
    inner join levels as base_level
        on current_level.partner_code = base_level.partner_code
        and current_level.product_code = base_level.product_code
        and current_level.flow = base_level.flow
        and current_level.basis = base_level.basis
        and current_level.period_start_month - interval 12 month = base_level.period_start_month
        and current_level.period_end_month - interval 12 month = base_level.period_end_month
    where base_level.value <> 0
),

composition_changed as (
    select distinct
        growth.partner_code,
        growth.base_period_start_month,
        growth.period_end_month
    from growth
    inner join membership_changes
        on growth.partner_code = membership_changes.partner_code
        and growth.base_period_start_month < membership_changes.changed_on
        and growth.period_end_month + interval 1 month > membership_changes.changed_on
),

final as (
    select
        growth.*,
        partners.partner_kind <> 'initiative' and composition_changed.partner_code is null as is_same_composition
    from growth
    inner join partners
        on growth.partner_code = partners.partner_code
    left join composition_changed
        on growth.partner_code = composition_changed.partner_code
        and growth.base_period_start_month = composition_changed.base_period_start_month
        and growth.period_end_month = composition_changed.period_end_month
)

select * from final
