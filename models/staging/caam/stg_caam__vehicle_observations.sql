with

source as (
    select * from {{ source('caam', 'raw_caam_vehicles') }}
),

final as (
    select
        observation_id,
        source_id,
        vehicle_segment,
        market,
        {{ printed_period_columns() }},
        measure,
        {{ printed_value_columns() }},
        qualifier,
        note,
        quote
    from source
)

select * from final
