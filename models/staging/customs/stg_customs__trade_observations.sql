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
        period as period_label,
        period_basis,
        {{ period_bound_month('period', 'period_basis', 'start') }} as period_start_month,
        {{ period_bound_month('period', 'period_basis', 'end') }} as period_end_month,
        measure,
        basis,
        cast(value_as_published as decimal(38, 6)) as value_published,
        {{ printed_decimals('value_as_published') }} as value_printed_decimals,
        unit as unit_code,
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
