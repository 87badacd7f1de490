-- One row per calendar month the warehouse covers.
with

months as (
    select * from {{ ref('int_months') }}
),

final as (
    select
        period_month,
        cast(year(period_month) as {{ dbt.type_bigint() }}) as calendar_year,
        cast(month(period_month) as {{ dbt.type_bigint() }}) as calendar_month,
        cast(quarter(period_month) as {{ dbt.type_bigint() }}) as calendar_quarter,
        left(cast(period_month as {{ dbt.type_string() | lower }}), 7) as month_label,
        -- from 2020 customs releases January and February as one figure (before that, each on its own); CAAM
        -- releases every month
        month(period_month) in (1, 2)
        and {{ is_customs_jan_feb_combined_year('period_month') }} as is_in_customs_jan_feb_release
    from months
)

select * from final
