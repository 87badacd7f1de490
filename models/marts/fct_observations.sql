-- One row per published figure in the warehouse, whatever its kind (customs trade, CAAM vehicles, company and
-- industry figures): the figure as printed, its source, and, for customs and CAAM figures, whether the selection
-- rule chose it or which observation it lost to.
with

trade as (
    select * from {{ ref('int_trade_observations_chosen') }}
),

vehicles as (
    select * from {{ ref('int_vehicle_observations_ranked') }}
),

industry as (
    select * from {{ ref('int_industry_observations_scaled') }}
),

sources as (
    select * from {{ ref('stg_reference__sources') }}
),

unioned as (
    select
        'customs_trade' as dataset,
        observation_id,
        source_id,
        concat_ws(' / ', partner_code, product_code, enterprise_type, flow) as subject,
        measure,
        basis,
        period_label,
        period_basis,
        period_start_month,
        period_end_month,
        value_published,
        unit_code,
        value_base,
        qualifier,
        false as is_forecast,
        is_chosen,
        selection_rank,
        anchor_observation_id,
        agrees_with_anchor,
        is_rejected,
        note,
        quote
    from trade
    union all
    select
        'caam_vehicles' as dataset,
        observation_id,
        source_id,
        concat_ws(' / ', vehicle_segment, market) as subject,
        measure,
        'vehicles' as basis,
        period_label,
        period_basis,
        period_start_month,
        period_end_month,
        value_published,
        unit_code,
        value_base,
        qualifier,
        false as is_forecast,
        is_chosen,
        selection_rank,
        anchor_observation_id,
        agrees_with_anchor,
        is_rejected,
        note,
        quote
    from vehicles
    union all
    select
        'industry' as dataset,
        industry.observation_id,
        industry.source_id,
        concat_ws(' / ', industry.subject, industry.metric) as subject,
        -- a percentage under the measure its metric names, so that a filter on yoy_pct or share_pct finds it
        case
            when industry.unit_code <> 'percent' then 'level'
            when industry.metric like '%yoy_pct' then 'yoy_pct'
            when industry.metric like '%share%' then 'share_pct'
            else 'percent'
        end as measure,
        industry.basis,
        industry.period_label,
        industry.period_basis,
        industry.period_start_month,
        industry.period_end_month,
        industry.value_published,
        industry.unit_code,
        industry.value_base,
        industry.qualifier,
        industry.is_forecast,
        null as is_chosen,
        null as selection_rank,
        null as anchor_observation_id,
        null as agrees_with_anchor,
        industry.is_rejected,
        industry.note,
        industry.quote
    from industry
),

final as (
    select
        unioned.*,
        sources.publisher as source_publisher,
        sources.location as source_location,
        sources.published_date as source_published_date,
        sources.source_tier
    from unioned
    inner join sources
        on unioned.source_id = sources.source_id
)

select * from final
