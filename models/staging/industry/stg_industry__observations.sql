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
        {{ printed_period_columns() }},
        {{ printed_value_columns() }},
        basis,
        qualifier,
        is_forecast,
        note,
        quote
    from source
)

select * from final
