with

source as (
    select * from {{ source('customs', 'raw_customs_trade') }}
),

typed as (
    select
        observation_id,
        source_id,
        partner_code,
        product_code,
        enterprise_type,
        flow,
        {{ printed_period_columns() }},
        measure,
        basis,
        {{ printed_value_columns() }},
        qualifier,
        note,
        quote
    from source
),

final as (
    select
        *,
        {{ ctw_months_between('period_start_month', 'period_end_month') }} + 1 as months_covered,
        period_label like '%-01/02' as is_jan_feb_combined
    from typed
)

select * from final
