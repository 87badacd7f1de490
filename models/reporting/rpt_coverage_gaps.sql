-- One row per headline series x month without a value compiled in its currency (a gap) x line of
-- ref_searched_gaps that covers it (its range of months, and its kind, currency and flow or 'any'); a gap no line
-- covers has one row, with searched_gap_line null: it was not searched.
with

series_months as (
    select * from {{ ref('rpt_coverage_series_months') }}
),

searched_gaps as (
    select * from {{ ref('stg_reference__searched_gaps') }}
),

gaps as (
    select * from series_months
    where not has_value
),

final as (
    select
        gaps.series_number,
        gaps.period_kind,
        gaps.currency,
        gaps.flow,
        gaps.period_month,
        searched_gaps.searched_gap_line,
        searched_gaps.searched_on,
        len(list_filter(string_split(searched_gaps.searches, ' | '), search -> search <> '')) as search_count,
        searched_gaps.finding
    from gaps
    left join searched_gaps
        on gaps.period_month between searched_gaps.period_from_month and searched_gaps.period_to_month
        and searched_gaps.period_kind in (gaps.period_kind, 'any')
        and searched_gaps.currency in (gaps.currency, 'any')
        and searched_gaps.flow in (gaps.flow, 'any')
)

select * from final
