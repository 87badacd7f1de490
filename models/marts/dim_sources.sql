-- One row per source document or public page, with how many observations cite it.
with

sources as (
    select * from {{ ref('stg_reference__sources') }}
),

observations as (
    select * from {{ ref('fct_observations') }}
),

citations as (
    select source_id, count(*) as observation_count
    from observations
    group by source_id
),

final as (
    select
        sources.*,
        coalesce(citations.observation_count, 0) as observation_count
    from sources
    left join citations
        on sources.source_id = citations.source_id
)

select * from final
