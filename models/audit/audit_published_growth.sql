-- One row per headline level published in a currency (currency as the basis code, 'USD' or 'CNY'; a year to date
-- through February left out: from 2020 it is the same period as the January-February month, kept once) that has a
-- level of the same kind a year earlier, published in that currency and not zero: the growth computed from the two,
-- and the printing of the two levels in percentage points. The growth checks compare reported figures with it.
with

published as (
    select * from {{ ref('audit_published_values') }}
),

levels as (
    select
        period_kind,
        period_start_month,
        period_end_month,
        flow,
        upper(currency) as basis,
        value,
        tolerance,
        source_id
    from published
    where not (period_kind = 'ytd' and month(period_end_month) = 2)
),

final as (
    select
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
        base_level.source_id as base_level_source_id
    from levels as current_level
    inner join levels as base_level
        on current_level.flow = base_level.flow
        and current_level.basis = base_level.basis
        and current_level.period_kind = base_level.period_kind
        and current_level.period_start_month - interval 12 month = base_level.period_start_month
        and current_level.period_end_month - interval 12 month = base_level.period_end_month
    where base_level.value <> 0
)

select * from final
