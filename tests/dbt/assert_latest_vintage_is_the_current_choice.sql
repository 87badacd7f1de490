-- Asked as of today, the vintages give today's figures: wherever every candidate of a figure is dated, the latest
-- vintage chose the same observation as the current selection. Returns the figures where they differ.
with

current_choice as (
    select
        partner_code, product_code, enterprise_type, flow, period_start_month, period_end_month, measure, basis,
        observation_id,
        bool_and(source_published_date is not null) over figure as every_candidate_dated,
        is_chosen
    from {{ ref('int_trade_observations_chosen') }}
    where selection_rank is not null
    window figure as (
        partition by
            partner_code, product_code, enterprise_type, flow, period_start_month, period_end_month, measure, basis
    )
),

latest_vintage as (
    select * from {{ ref('fct_trade_figure_vintages') }}
    where known_until is null
)

select
    current_choice.*,
    latest_vintage.observation_id as latest_vintage_observation_id
from current_choice
left join latest_vintage
    using (partner_code, product_code, enterprise_type, flow, period_start_month, period_end_month, measure, basis)
where current_choice.is_chosen
    and current_choice.every_candidate_dated
    and latest_vintage.observation_id is distinct from current_choice.observation_id
