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
        period as period_label,
        period_basis,
        {{ period_bound_month('period', 'period_basis', 'start') }} as period_start_month,
        {{ period_bound_month('period', 'period_basis', 'end') }} as period_end_month,
        measure,
        cast(value_as_published as decimal(38, 6)) as value_published,
        {{ printed_decimals('value_as_published') }} as value_printed_decimals,
        unit as unit_code,
        qualifier,
        note,
        quote
    from source
)

select * from final
