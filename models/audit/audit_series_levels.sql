-- One row per published level (not rejected, not a forecast, not a balance: balances change sign and pass near
-- zero) of a series with two figures or more: the level as a monthly average (divided by the months it covers, so
-- that a lone half-year or year-to-date figure is compared with its subject's other periods too) beside the median
-- monthly average of its series (the same dataset, subject and basis, every period kind). A unit keyed wrongly
-- (billion for trillion) moves a figure by 1000x. A published share is compared so with the other shares of its
-- subject (as printed, whatever their basis: a share in yuan and in dollars differ by tenths): a share keyed as a
-- fraction (0.15 for 15%) is 100x off its neighbours, where no level of the period can contradict it.
with

observations as (
    select * from {{ ref('fct_observations') }}
),

levels as (
    select
        dataset,
        subject,
        measure,
        basis,
        case when measure = 'share_pct' then 'any' else basis end as series_basis,
        period_basis,
        observation_id,
        source_id,
        period_label,
        value_base,
        case when measure = 'level'
            then value_base / (date_diff('month', period_start_month, period_end_month) + 1)
            else value_base
        end as monthly_average
    from observations
    where value_base > 0 and not is_rejected and not is_forecast and period_start_month is not null
        and (measure = 'level' and subject not like '%balance' or measure = 'share_pct')
),

series as (
    select
        dataset,
        subject,
        measure,
        series_basis,
        median(monthly_average) as series_median,
        count(*) as figures
    from levels
    group by dataset, subject, measure, series_basis
),

final as (
    select
        levels.dataset,
        levels.subject,
        levels.measure,
        levels.basis,
        levels.period_basis,
        levels.observation_id,
        levels.source_id,
        levels.period_label,
        levels.value_base,
        levels.monthly_average,
        series.series_median,
        series.figures,
        levels.monthly_average > {{ check_parameter('series_level_factor') }} * series.series_median
        or levels.monthly_average < series.series_median / {{ check_parameter('series_level_factor') }}
            as is_beyond_factor
    from levels
    inner join series
        on levels.dataset = series.dataset
        and levels.subject = series.subject
        and levels.measure = series.measure
        and levels.series_basis = series.series_basis
    where series.figures >= 2
)

select * from final
