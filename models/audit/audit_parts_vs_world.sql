-- One row per level of a partner, product or enterprise type (not rejected) x the chosen world total for the same
-- flow, period and currency: a part of China's trade beside the whole. This bounds the figures no series holds (a
-- product printed once), where a unit keyed 1000x too large has nothing else to be compared with.
with

levels as (
    select
        observation_id,
        source_id,
        partner_code,
        product_code,
        enterprise_type,
        flow,
        basis,
        period_start_month,
        period_end_month,
        value_base,
        rounding_half_unit_base,
        is_chosen
    from {{ ref('int_trade_observations_chosen') }}
    where measure = 'level' and basis in ('CNY', 'USD') and flow in ('exports', 'imports', 'total')
        and not is_rejected
),

final as (
    select
        parts.observation_id,
        parts.source_id,
        parts.partner_code,
        parts.product_code,
        parts.enterprise_type,
        parts.flow,
        parts.basis,
        parts.period_end_month,
        parts.value_base,
        totals.observation_id as total_observation_id,
        totals.value_base as total_value_base,
        parts.value_base > totals.value_base + parts.rounding_half_unit_base + totals.rounding_half_unit_base
            as is_above_whole
    from levels as parts
    inner join levels as totals
        on parts.flow = totals.flow
        and parts.basis = totals.basis
        and parts.period_start_month = totals.period_start_month
        and parts.period_end_month = totals.period_end_month
    where totals.is_chosen
        and {{ is_world_total('totals') }}
        and not ({{ is_world_total('parts') }})
)

select * from final
