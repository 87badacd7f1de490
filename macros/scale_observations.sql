{#- Observations scaled to base units (value x the unit's multiplier), with the half-unit of their printed precision
    (a figure printed as 2.20 trillion is exact to 0.005 trillion) and the authority and date of their source
    (its publication date, and from when its figures are known: int_sources_dated); is_rejected where a reviewer
    rejected it (ref_rejected_observations). -#}
{% macro scale_observations(observations) %}
    select
        observations.*,
        -- base-unit values are doubles throughout the models: one numeric type for BI tools and for arithmetic
        cast(observations.value_published * units.multiplier as double) as value_base,
        cast(0.5 * power(10, -observations.value_printed_decimals) * units.multiplier as double)
            as rounding_half_unit_base,
        sources.source_tier,
        sources.published_date as source_published_date,
        known_from.known_from_date,
        known_from.known_from_basis,
        rejections.observation_id is not null as is_rejected
    from {{ observations }} as observations
    inner join {{ ref('stg_reference__units') }} as units
        on observations.unit_code = units.unit_code
    inner join {{ ref('stg_reference__sources') }} as sources
        on observations.source_id = sources.source_id
    inner join {{ ref('int_sources_dated') }} as known_from
        on observations.source_id = known_from.source_id
    left join {{ ref('stg_reference__rejected_observations') }} as rejections
        on observations.observation_id = rejections.observation_id
{% endmacro %}
