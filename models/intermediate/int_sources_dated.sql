-- One row per source: the date from which the figures it prints can be taken as known (docs/decisions/0015).
-- A dated source is known from its publication date. A source that prints no date cannot have printed a customs
-- figure before customs released it: it is known no earlier than the release of the latest period it prints
-- (customs' release calendar), or, for a period the calendar lacks, than the first day after that period.
with

sources as (
    select * from {{ ref('stg_reference__sources') }}
),

calendar as (
    select * from {{ ref('stg_reference__release_calendar') }}
),

printed_periods as (
    select source_id, period_end_month from {{ ref('stg_customs__trade_observations') }}
    union all
    select source_id, period_end_month from {{ ref('stg_caam__vehicle_observations') }}
),

latest_period as (
    select source_id, max(period_end_month) as latest_period_end_month
    from printed_periods
    group by source_id
),

released as (
    select
        latest_period.source_id,
        latest_period.latest_period_end_month,
        min(calendar.release_date) as latest_period_release_date
    from latest_period
    left join calendar
        on latest_period.latest_period_end_month = calendar.period_end_month
    group by latest_period.source_id, latest_period.latest_period_end_month
),

final as (
    select
        sources.source_id,
        coalesce(
            sources.published_date,
            released.latest_period_release_date,
            cast(released.latest_period_end_month + interval 1 month as date)
        ) as known_from_date,
        case
            when sources.published_date is not null then 'published_date'
            when released.latest_period_release_date is not null then 'release_of_latest_period_printed'
            when released.latest_period_end_month is not null then 'end_of_latest_period_printed'
        end as known_from_basis
    from sources
    left join released
        on sources.source_id = released.source_id
)

select * from final
