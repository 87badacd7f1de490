-- One row per month x flow of the detailed customs lines (SYNTHETIC today): their sums in US dollars and yuan beside
-- the headline single-month values, which they must equal within the error of adding the lines in floating point
-- (ref_check_parameters: detail_sum_tolerance_ppb). A month the headline has no single-month value for (January-
-- February, a gap) fails too.
with

by_partner as (
    select * from {{ ref('fct_detail_trade_by_partner') }}
),

headline as (
    select * from {{ ref('fct_monthly_trade') }}
),

by_month as (
    select
        period_month,
        flow,
        sum(value_usd) as detail_usd,
        sum(value_cny) as detail_cny,
        bool_and(is_synthetic) as is_synthetic
    from by_partner
    group by period_month, flow
),

final as (
    select
        by_month.period_month,
        by_month.flow,
        by_month.detail_usd,
        headline.month_value_usd,
        by_month.detail_cny,
        headline.month_value_cny,
        by_month.is_synthetic,
        headline.month_value_usd is null or headline.month_value_cny is null
        or abs(by_month.detail_usd - headline.month_value_usd)
        > {{ check_parameter('detail_sum_tolerance_ppb') }} / 1e9 * abs(headline.month_value_usd)
        or abs(by_month.detail_cny - headline.month_value_cny)
        > {{ check_parameter('detail_sum_tolerance_ppb') }} / 1e9 * abs(headline.month_value_cny) as is_off_headline
    from by_month
    left join headline
        on by_month.period_month = headline.period_month and by_month.flow = headline.flow
)

select * from final
