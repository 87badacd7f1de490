-- One row per calendar month from the January of the earliest figure to the latest month any figure covers.
with

period_ends as (
    select period_start_month, period_end_month from {{ ref('stg_customs__trade_observations') }}
    union all
    select period_start_month, period_end_month from {{ ref('stg_caam__vehicle_observations') }}
),

bounds as (
    select
        date_trunc('year', min(period_start_month)) as first_month,
        max(period_end_month) as last_month
    from period_ends
),

final as (
    select cast(spine.month_start as date) as period_month
    from bounds,
        {{ ctw_date_series(
            'bounds.first_month', 'bounds.last_month + interval 1 month', 'month', 'spine', 'month_start'
        ) }}
)

select * from final
