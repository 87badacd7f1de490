-- One row per series (the world, a partner, a product) x year-to-date period x flow x currency where every period of the year through its end month was
-- published (from 2020 January-February, March, ...; before that every month): the year to date against the sum of
-- those periods (the months as first printed, over several releases; the year to date as printed by the latest),
-- with the printing tolerance of all and one revision allowance.
with

published as (
    select * from {{ ref('audit_published_values') }}
),

headline as (
    select * from {{ ref('int_world_trade_values') }}
),

summed as (
    select
        ytd.partner_code,
        ytd.product_code,
        ytd.period_start_month,
        ytd.period_end_month,
        ytd.flow,
        ytd.currency,
        ytd.value as ytd_value,
        ytd.source_id as ytd_source_id,
        -- summed exactly: a float sum's last digit would follow the engine's plan and row order, and the view would
        -- differ from one build to the next
        cast(sum(cast(month.value as decimal(38, 6))) as double) as sum_of_months,
        count(*) as periods_published,
        ytd.tolerance + cast(sum(cast(month.tolerance as decimal(38, 6))) as double) as rounding_tolerance,
        {{ revision_allowance(
            'greatest(ytd.revision_scale, cast(sum(cast(month.revision_scale as decimal(38, 6))) as double))'
        ) }} as revision_allowance
    from published as ytd
    inner join published as month
        on month.period_kind = 'month'
        and ytd.partner_code = month.partner_code
        and ytd.product_code = month.product_code
        and ytd.flow = month.flow
        and ytd.currency = month.currency
        and ytd.period_start_month <= month.period_start_month
        and ytd.period_end_month >= month.period_end_month
    where ytd.period_kind = 'ytd'
    group by
        ytd.partner_code, ytd.product_code, ytd.period_end_month, ytd.flow, ytd.currency, ytd.value, ytd.source_id,
        ytd.tolerance, ytd.period_start_month, ytd.revision_scale
),

-- the periods a year to date is made of (the customs calendar's, the same for every series)
release_periods as (
    select distinct
        period_start_month,
        period_end_month
    from headline
    where period_kind = 'month'
),

ytd_periods as (
    select distinct
        period_start_month,
        period_end_month
    from headline
    where period_kind = 'ytd'
),

periods_in_ytd as (
    select
        ytd_periods.period_start_month,
        ytd_periods.period_end_month,
        count(*) as periods_in_ytd
    from ytd_periods
    inner join release_periods
        on ytd_periods.period_start_month <= release_periods.period_start_month
        and ytd_periods.period_end_month >= release_periods.period_end_month
    group by ytd_periods.period_start_month, ytd_periods.period_end_month
),

final as (
    select
        summed.*,
        periods_in_ytd.periods_in_ytd,
        summed.sum_of_months - summed.ytd_value as gap,
        abs(summed.sum_of_months - summed.ytd_value) > summed.rounding_tolerance + summed.revision_allowance
            as is_beyond_revision_allowance,
        -- each release after a month's first one may revise it (customs' own tables: up to 0.29% of the year to
        -- date in one release, August 2023), so the months printed over n releases may miss a later year to date by
        -- n - 1 allowances; beyond that, a month or the year to date is wrong
        abs(summed.sum_of_months - summed.ytd_value)
        > summed.rounding_tolerance + summed.revision_allowance * greatest(summed.periods_published - 1, 1)
            as is_beyond_revisions_since_first_release
    from summed
    inner join periods_in_ytd
        on summed.period_start_month = periods_in_ytd.period_start_month
        and summed.period_end_month = periods_in_ytd.period_end_month
    where summed.periods_published = periods_in_ytd.periods_in_ytd and periods_in_ytd.periods_in_ytd > 1
)

select * from final
