-- One row per figure that is not a forecast and whose source has a publication date: the period's end beside the
-- date its source printed it. A source cannot print an outcome for a month that had not ended.
with

observations as (
    select * from {{ ref('fct_observations') }}
),

sources as (
    select * from {{ ref('dim_sources') }}
),

final as (
    select
        observations.dataset,
        observations.observation_id,
        observations.source_id,
        observations.period_label,
        observations.period_end_month,
        sources.published_date,
        observations.period_end_month + interval 1 month > sources.published_date as is_before_period_end
    from observations
    inner join sources
        on observations.source_id = sources.source_id
    where not observations.is_forecast
        and sources.published_date is not null
)

select * from final
