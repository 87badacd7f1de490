-- One row per published figure in the warehouse, whatever its kind (customs trade, CAAM vehicles, company and
-- industry figures): the figure as printed, its source, and, for customs and CAAM figures, whether the selection
-- rule chose it or which observation it lost to.
{#- what differs by kind of figure: SQL over its CTE for a column it computes (a column not given is read as it is);
    the rest of each select is the same columns. An industry percentage goes under the measure its metric names, so
    that a filter on yoy_pct or share_pct finds it -#}
{%- set datasets = [
    {'cte': 'trade', 'dataset': 'customs_trade', 'is_ranked': true,
        'subject': "concat_ws(' / ', partner_code, product_code, enterprise_type, flow)", 'is_forecast': 'false'},
    {'cte': 'vehicles', 'dataset': 'caam_vehicles', 'is_ranked': true,
        'subject': "concat_ws(' / ', vehicle_segment, market)", 'basis': "'vehicles'", 'is_forecast': 'false'},
    {'cte': 'industry', 'dataset': 'industry', 'is_ranked': false,
        'subject': "concat_ws(' / ', subject, metric)",
        'measure': "case
            when unit_code <> 'percent' then 'level'
            when metric like '%yoy_pct' then 'yoy_pct'
            when metric like '%share%' then 'share_pct'
            else 'percent'
        end"},
] %}
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
    {%- for figures in datasets %}
    select
        '{{ figures.dataset }}' as dataset,
        observation_id,
        source_id,
        {%- for column in ['subject', 'measure', 'basis'] %}
        {{ figures[column] ~ ' as ' ~ column if figures[column] else column }},
        {%- endfor %}
        period_label,
        period_basis,
        period_start_month,
        period_end_month,
        value_published,
        unit_code,
        value_base,
        qualifier,
        {{ figures.is_forecast ~ ' as is_forecast' if figures.is_forecast else 'is_forecast' }},
        -- the selection rule ranks customs and CAAM figures, not company and industry figures
        {%- for column in ['is_chosen', 'selection_rank', 'anchor_observation_id', 'agrees_with_anchor'] %}
        {{ column if figures.is_ranked else 'null as ' ~ column }},
        {%- endfor %}
        is_rejected,
        note,
        quote
    from {{ figures.cte }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
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
