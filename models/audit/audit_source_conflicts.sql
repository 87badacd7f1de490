-- One row per copy of a figure that disagrees beyond printing with the copy its figure is decided by (the anchor of
-- macros/select_among_sources.sql): the copy beside the chosen one, each with its source and tier. A copy of
-- another vintage is a revision; a copy of the same one is a misprint on one side.
with

observations as (
    select * from {{ ref('fct_observations') }}
),

chosen as (
    select * from observations
    where is_chosen
),

final as (
    select
        copy.dataset,
        copy.subject,
        copy.measure,
        copy.basis,
        copy.period_label,
        chosen.observation_id as chosen_observation_id,
        chosen.value_base as chosen_value_base,
        chosen.source_id as chosen_source_id,
        chosen.source_tier as chosen_source_tier,
        chosen.source_published_date as chosen_source_published_date,
        copy.observation_id,
        copy.value_base,
        copy.source_id,
        copy.source_tier,
        copy.source_published_date,
        copy.value_base - chosen.value_base as gap
    from observations as copy
    inner join chosen
        on copy.anchor_observation_id = chosen.anchor_observation_id
    where not copy.agrees_with_anchor
)

select * from final
