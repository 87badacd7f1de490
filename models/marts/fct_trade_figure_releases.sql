-- One row per customs figure: as first published, as its latest revision printed it, and as the other marts use it,
-- side by side (docs/decisions/0015). The marts take a period's exports, imports, balance and total from one release;
-- a revision printed alone (a later article's balance) is here, beside the first release, and nowhere mixed in.
with

by_release as (
    select * from {{ ref('int_trade_observations_chosen_per_release') }}
    where is_chosen
),

in_marts as (
    select * from {{ ref('int_trade_observations_chosen') }}
    where is_chosen
),

-- each figure's chosen copy of each release, side by side
figures as (
    select
        partner_code, product_code, enterprise_type, flow, period_start_month, period_end_month, measure, basis,
        -- the label as the first release printed it (a full year and its December year to date are one figure)
        coalesce(max(period_label) filter (where release_vintage = 'first'),
            max(period_label) filter (where release_vintage = 'revised')) as period_label,
        max(value_base) filter (where release_vintage = 'first') as first_value,
        max(rounding_half_unit_base) filter (where release_vintage = 'first') as first_half_unit,
        max(observation_id) filter (where release_vintage = 'first') as first_observation_id,
        max(value_base) filter (where release_vintage = 'revised') as revised_value,
        max(rounding_half_unit_base) filter (where release_vintage = 'revised') as revised_half_unit,
        max(observation_id) filter (where release_vintage = 'revised') as revised_observation_id
    from by_release
    group by partner_code, product_code, enterprise_type, flow, period_start_month, period_end_month, measure, basis
),

final as (
    select
        figures.partner_code,
        figures.product_code,
        figures.enterprise_type,
        figures.flow,
        figures.period_label,
        figures.period_start_month,
        figures.period_end_month,
        figures.measure,
        figures.basis,
        figures.first_value as first_release_value_base,
        figures.first_observation_id as first_release_observation_id,
        coalesce(figures.revised_value, figures.first_value) as latest_revision_value_base,
        coalesce(figures.revised_observation_id, figures.first_observation_id) as latest_revision_observation_id,
        abs(figures.revised_value - figures.first_value)
            > figures.revised_half_unit + figures.first_half_unit as is_revised,
        in_marts.value_base as marts_value_base,
        in_marts.observation_id as marts_observation_id,
        in_marts.release_vintage as marts_release_vintage
    from figures
    left join in_marts
        on figures.partner_code = in_marts.partner_code and figures.product_code = in_marts.product_code
        and figures.enterprise_type = in_marts.enterprise_type and figures.flow = in_marts.flow
        and figures.period_start_month = in_marts.period_start_month
        and figures.period_end_month = in_marts.period_end_month
        and figures.measure = in_marts.measure and figures.basis = in_marts.basis
)

select * from final
