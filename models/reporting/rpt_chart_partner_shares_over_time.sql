-- The partner shares over time chart: one row per partner drawn x year-to-date period (January to the month) with
-- a share: the share the source printed, else the one computed from the yuan values of the partner and of China.
with

partner_trade as (
    select * from {{ ref('fct_partner_trade') }}
),

-- the partners drawn, their one home: the chart draws every partner this model holds
partners_drawn as (
    select drawn.partner_code
    from (values ('ASEAN'), ('EU'), ('US')) as drawn (partner_code)
),

final as (
    select
        partner_trade.partner_code,
        partner_trade.period_end_month as period_month,
        coalesce(partner_trade.share_pct_reported, partner_trade.share_pct_cny_computed) as share_pct,
        case when partner_trade.share_pct_reported is null then 'computed' else 'published' end as method
    from partner_trade
    inner join partners_drawn
        on partner_trade.partner_code = partners_drawn.partner_code
    where partner_trade.flow = 'total'
        and partner_trade.months_covered > 1
        and month(partner_trade.period_start_month) = 1
        and coalesce(partner_trade.share_pct_reported, partner_trade.share_pct_cny_computed) is not null
)

select * from final
