-- One row per published level (not rejected, not a forecast, not a balance: balances change sign and pass near
-- zero) of a series with two figures or more: the level as a monthly average (divided by the months it covers, so
-- that a lone half-year or year-to-date figure is compared with its subject's other periods too) beside the median
-- monthly average of its series (the same dataset, subject and basis, every period kind). A unit keyed wrongly
-- (billion for trillion) moves a figure by 1000x.
with

observations as (
    select * from {{ ref('fct_observations') }}
),

levels as (
    select
        dataset,
        subject,
        basis,
        period_basis,
        observation_id,
        source_id,
        period_label,
        value_base,
        value_base / (date_diff('month', period_start_month, period_end_month) + 1) as monthly_average
    from observations
    where measure = 'level' and value_base > 0 and not is_rejected and not is_forecast
        and subject not like '%balance' and period_start_month is not null
),

series as (
    select
        dataset,
        subject,
        basis,
        median(monthly_average) as series_median,
        count(*) as figures
    from levels
    group by dataset, subject, basis
),

final as (
    select
        levels.dataset,
        levels.subject,
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
        on levels.dataset = series.dataset and levels.subject = series.subject and levels.basis = series.basis
    where series.figures >= 2
)

select * from final
