-- One row per line of seeds/reference/ref_searched_gaps.csv: a searched range of months and headline series.
-- Read only by the reporting layer, and like it not built on Spark (whose row_number() needs an order).
{{ config(enabled=target.type != 'spark') }}
with

source as (
    select * from {{ source('reference', 'ref_searched_gaps') }}
),

final as (
    select
        -- the line of the CSV file the row comes from (its header is line 1), which the coverage page cites: the
        -- seed gate loads the rows in file order (scripts/check_seeds.py)
        cast(row_number() over () + 1 as integer) as searched_gap_line,
        cast(period_from || '-01' as date) as period_from_month,
        cast(period_to || '-01' as date) as period_to_month,
        kind as period_kind,
        currency,
        flow,
        searched_on,
        searches,
        finding
    from source
)

select * from final
