-- One row per calendar month the warehouse covers.
with

months as (
    select * from {{ ref('int_months') }}
),

final as (
    select
        period_month,
        year(period_month) as calendar_year,
        month(period_month) as calendar_month,
        quarter(period_month) as calendar_quarter,
        strftime(period_month, '%Y-%m') as month_label,
        -- customs releases January and February as one figure; CAAM releases every month
        month(period_month) in (1, 2) as is_in_customs_jan_feb_release
    from months
)

select * from final
