-- One row per customs figure: as first published, as its latest revision printed it, and as the other marts use it,
-- side by side (docs/decisions/0015). The marts take a period's exports, imports, balance and total from one release;
-- a revision printed alone (a later article's balance) is here, beside the first release, and nowhere mixed in.
with

by_release as (
    select * from {{ ref('int_trade_observations_ranked_by_release') }}
    where is_chosen
),

in_marts as (
    select * from {{ ref('int_trade_observations_ranked') }}
    where is_chosen
),

figures as (
    select partner_code, product_code, enterprise_type, flow, period_start_month, period_end_month, measure, basis,
        any_value(period_label) as period_label
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
        first_release.value_base as first_release_value_base,
        first_release.observation_id as first_release_observation_id,
        coalesce(revised.value_base, first_release.value_base) as latest_revision_value_base,
        coalesce(revised.observation_id, first_release.observation_id) as latest_revision_observation_id,
        abs(revised.value_base - first_release.value_base)
            > revised.rounding_half_unit_base + first_release.rounding_half_unit_base as is_revised,
        in_marts.value_base as marts_value_base,
        in_marts.observation_id as marts_observation_id,
        in_marts.release_vintage as marts_release_vintage
    from figures
    left join by_release as first_release
        on first_release.release_vintage = 'first'
        and figures.partner_code = first_release.partner_code and figures.product_code = first_release.product_code
        and figures.enterprise_type = first_release.enterprise_type and figures.flow = first_release.flow
        and figures.period_start_month = first_release.period_start_month
        and figures.period_end_month = first_release.period_end_month
        and figures.measure = first_release.measure and figures.basis = first_release.basis
    left join by_release as revised
        on revised.release_vintage = 'revised'
        and figures.partner_code = revised.partner_code and figures.product_code = revised.product_code
        and figures.enterprise_type = revised.enterprise_type and figures.flow = revised.flow
        and figures.period_start_month = revised.period_start_month
        and figures.period_end_month = revised.period_end_month
        and figures.measure = revised.measure and figures.basis = revised.basis
    left join in_marts
        on figures.partner_code = in_marts.partner_code and figures.product_code = in_marts.product_code
        and figures.enterprise_type = in_marts.enterprise_type and figures.flow = in_marts.flow
        and figures.period_start_month = in_marts.period_start_month
        and figures.period_end_month = in_marts.period_end_month
        and figures.measure = in_marts.measure and figures.basis = in_marts.basis
)

select * from final
