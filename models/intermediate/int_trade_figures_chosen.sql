-- One row per figure (partner x product x enterprise type x flow x period x measure x basis): the chosen observation.
with

ranked as (
    select * from {{ ref('int_trade_observations_chosen') }}
),

final as (
    select
        {%- for column in figure_key() %}
        {{ column }},
        {%- endfor %}
        months_covered,
        is_jan_feb_combined,
        measure,
        basis,
        value_base,
        rounding_half_unit_base,
        observation_id as chosen_observation_id,
        source_id as chosen_source_id,
        candidate_count
    from ranked
    where is_chosen
)

select * from final
