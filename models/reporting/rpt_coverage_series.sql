-- One row per headline series (period kind x currency x flow): its first and last month with a value compiled in
-- its own currency, and how many months of the coverage calendar have one and how many do not.
with

series_months as (
    select * from {{ ref('rpt_coverage_series_months') }}
),

final as (
    select
        series_number,
        period_kind,
        currency,
        flow,
        min(period_month) filter (where has_value) as first_month,
        max(period_month) filter (where has_value) as last_month,
        count(*) filter (where has_value) as months_with_value,
        count(*) filter (where not has_value) as months_without_value
    from series_months
    group by series_number, period_kind, currency, flow
)

select * from final
