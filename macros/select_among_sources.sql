{#-
    The rule for choosing among competing observations of one figure (docs/decisions/0003-choosing-among-sources.md).
    Input rows need: observation_id, value_base, rounding_half_unit_base, value_printed_decimals, qualifier, quote,
    source_tier, source_published_date and the key columns. Every input row comes out again, with:
      anchor_observation_id   the most authoritative candidate: exact before approximate, then the lowest source
                              tier (a lower tier never outvotes a higher one), then the one the most independent
                              printings agree with (corroboration: copies of one quote are one printing, so reposts
                              of a sentence count once), then the latest publication (the latest vintage prevails),
                              then the most decimals
      agrees_with_anchor      the two values are equal within the sum of their printing half-units
      selection_rank / is_chosen   among candidates that agree with the anchor, the most precise wins, so a precise
                              copy of the same figure refines a rounded one; a true conflict is decided by authority
    Lower bounds, publishers' own currency conversions and observations a reviewer rejected are kept but never
    chosen (selection_rank is null).
    Two optional orderings (docs/decisions/0015):
      release_preference      boolean columns ranked before everything else, in the anchor's order and the choice's
                              (the release a figure's set is chosen from)
      precision_demotions     boolean columns that, when true, rank a candidate below the others where the most
                              decimals would otherwise decide, for the anchor and the choice (a copy finer than the
                              publisher prints)
-#}
{% macro select_among_sources(relation, key_columns, release_preference=[], precision_demotions=[]) %}
    {%- set key = key_columns | join(', ') -%}
    {%- set preferred_first -%}
        {%- for column in release_preference %}{{ column }} desc, {% endfor -%}
    {%- endset -%}
    {%- set demoted_last -%}
        {%- for column in precision_demotions %}{{ column }} asc, {% endfor -%}
    {%- endset -%}
    with

    candidates as (
        select *
        from {{ relation }}
        where qualifier in ('as_published', 'approximate')
            and not is_rejected
    ),

    -- the printings that agree with each candidate, itself included; one quote reposted by many pages is one
    corroborated as (
        select
            candidate.observation_id,
            count(distinct coalesce(other.quote, other.observation_id)) as corroboration_count
        from candidates as candidate
        inner join candidates as other
            using ({{ key }})
        where abs(candidate.value_base - other.value_base)
            <= candidate.rounding_half_unit_base + other.rounding_half_unit_base
        group by candidate.observation_id
    ),

    anchored as (
        select
            candidates.*,
            corroborated.corroboration_count,
            first_value(observation_id) over authority as anchor_observation_id,
            first_value(candidates.value_base) over authority as anchor_value_base,
            first_value(candidates.rounding_half_unit_base) over authority as anchor_rounding_half_unit_base
        from candidates
        inner join corroborated
            using (observation_id)
        window authority as (
            partition by {{ key }}
            order by {{ preferred_first }}qualifier = 'approximate' asc, source_tier asc,
                corroborated.corroboration_count desc, source_published_date desc nulls last,
                {{ demoted_last }}candidates.rounding_half_unit_base asc, observation_id asc
        )
    ),

    compared as (
        select
            *,
            abs(value_base - anchor_value_base)
                <= anchor_rounding_half_unit_base + rounding_half_unit_base as agrees_with_anchor
        from anchored
    ),

    ranked as (
        select
            observation_id,
            anchor_observation_id,
            agrees_with_anchor,
            corroboration_count,
            cast(row_number() over (
                partition by {{ key }}
                order by {{ preferred_first }}agrees_with_anchor desc, {{ demoted_last }}rounding_half_unit_base asc,
                    source_tier asc, source_published_date desc nulls last, observation_id asc
            ) as {{ dbt.type_bigint() }}) as selection_rank,
            count(*) over (partition by {{ key }}) as candidate_count,
            count(*) filter (where not agrees_with_anchor) over (partition by {{ key }}) as conflicting_candidate_count
        from compared
    )

    select
        observations.*,
        ranked.anchor_observation_id,
        ranked.agrees_with_anchor,
        ranked.corroboration_count,
        ranked.selection_rank,
        coalesce(ranked.selection_rank = 1, false) as is_chosen,
        ranked.candidate_count,
        ranked.conflicting_candidate_count
    from {{ relation }} as observations
    left join ranked
        on observations.observation_id = ranked.observation_id
{% endmacro %}
