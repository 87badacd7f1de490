-- One row per figure (partner x product x enterprise type x flow x period x measure x basis): the chosen observation.
with

ranked as (
    select * from {{ ref('int_trade_observations_chosen') }}
),

final as (
    select
        partner_code,
        product_code,
        enterprise_type,
        flow,
        period_start_month,
        period_end_month,
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
