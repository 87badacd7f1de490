with

source as (
    select * from {{ source('reference', 'ref_sources') }}
),

final as (
    -- development_copy (a file on the project's own machines, for scripts/quotes.py) stays out of the warehouse
    select
        source_id,
        source_kind,
        publisher,
        title,
        location,
        published_date,
        source_tier,
        published_date_evidence
    from source
)

select * from final
