-- One row per period (start month x end month within one calendar year): the CNY-per-USD rate used to
-- convert a figure published in only one currency.
--   reference_monthly_average: the mean of the reference monthly rates (the ECB's, int_fx_monthly_rates) of the
--     months before the period's months (customs converts at the previous month's rate), only when all have one
--   implied_by_published_pairs: where no reference rate covers the period, the median ratio CNY / USD of the
--     headline flows that customs published in both currencies for that very period
with

figures as (
    select * from {{ ref('int_trade_figures_chosen') }}
),

monthly_rates as (
    select * from {{ ref('int_fx_monthly_rates') }}
    where fx_rate_cny_per_usd is not null
),

months as (
    select * from {{ ref('int_months') }}
),

-- every period that can occur: any run of months within one calendar year
periods as (
    select
        starts.period_month as period_start_month,
        ends.period_month as period_end_month,
        {{ ctw_months_between('starts.period_month', 'ends.period_month') }} + 1 as months_covered
    from months as starts
    inner join months as ends
        on starts.period_month <= ends.period_month
        and year(ends.period_month) = year(starts.period_month)
),

reference_rates as (
    select
        periods.period_start_month,
        periods.period_end_month,
        avg(monthly_rates.fx_rate_cny_per_usd) as fx_rate_cny_per_usd
    from periods
    -- customs converts a month's figures at the previous month's rate (decision 0002): a period's rate is the mean
    -- of the rates of the months before each of its months
    inner join monthly_rates
        on monthly_rates.period_month
            between cast(periods.period_start_month - interval 1 month as date)
            and cast(periods.period_end_month - interval 1 month as date)
    group by periods.period_start_month, periods.period_end_month, periods.months_covered
    having count(distinct monthly_rates.period_month) = periods.months_covered
),

published_pairs as (
    select
        cny.period_start_month,
        cny.period_end_month,
        median(cny.value_base / usd.value_base) as fx_rate_cny_per_usd
    from figures as cny
    inner join figures as usd
        on cny.partner_code = usd.partner_code
        and cny.product_code = usd.product_code
        and cny.enterprise_type = usd.enterprise_type
        and cny.flow = usd.flow
        and cny.period_start_month = usd.period_start_month
        and cny.period_end_month = usd.period_end_month
        and usd.measure = 'level'
        and usd.basis = 'USD'
    where cny.measure = 'level'
        and cny.basis = 'CNY'
        and cny.flow in ('exports', 'imports', 'total')
        and usd.value_base > 0
    group by cny.period_start_month, cny.period_end_month
),

final as (
    select
        periods.period_start_month,
        periods.period_end_month,
        reference_rates.fx_rate_cny_per_usd as fx_rate_reference_cny_per_usd,
        published_pairs.fx_rate_cny_per_usd as fx_rate_implied_cny_per_usd,
        coalesce(reference_rates.fx_rate_cny_per_usd, published_pairs.fx_rate_cny_per_usd) as fx_rate_cny_per_usd,
        case
            when reference_rates.fx_rate_cny_per_usd is not null then 'reference_monthly_average'
            when published_pairs.fx_rate_cny_per_usd is not null then 'implied_by_published_pairs'
        end as fx_rate_method
    from periods
    left join reference_rates
        on periods.period_start_month = reference_rates.period_start_month
        and periods.period_end_month = reference_rates.period_end_month
    left join published_pairs
        on periods.period_start_month = published_pairs.period_start_month
        and periods.period_end_month = published_pairs.period_end_month
)

select * from final
