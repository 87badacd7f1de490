-- One row per customs release of a month's figures: the months it covers and its date.
with

source as (
    select * from {{ source('reference', 'ref_release_calendar') }}
),

final as (
    select
        reference_period,
        {{ period_bound_month('reference_period', "'month'", 'start') }} as period_start_month,
        {{ period_bound_month('reference_period', "'month'", 'end') }} as period_end_month,
        release_date,
        release_kind,
        source_location,
        evidence
    from source
)

select * from final
