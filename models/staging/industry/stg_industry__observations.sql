with

source as (
    select * from {{ source('industry', 'raw_industry_observations') }}
),

final as (
    select
        observation_id,
        source_id,
        subject,
        metric,
        period as period_label,
        period_basis,
        {{ period_bound_month('period', 'period_basis', 'start') }} as period_start_month,
        {{ period_bound_month('period', 'period_basis', 'end') }} as period_end_month,
        cast(value_as_published as decimal(38, 6)) as value_published,
        {{ printed_decimals('value_as_published') }} as value_printed_decimals,
        unit as unit_code,
        basis,
        qualifier,
        is_forecast,
        note,
        quote
    from source
)

select * from final
