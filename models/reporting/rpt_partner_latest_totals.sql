-- The partner charts' rows: one row per partner with its total trade in the period of rpt_partner_latest_period
-- (fct_partner_trade's columns). Ephemeral: each chart selects its measure from it.
{{ config(materialized='ephemeral') }}
with

partner_trade as (
    select * from {{ ref('fct_partner_trade') }}
),

latest_period as (
    select * from {{ ref('rpt_partner_latest_period') }}
),

final as (
    select partner_trade.*
    from partner_trade
    inner join latest_period
        on partner_trade.period_start_month = latest_period.period_start_month
        and partner_trade.period_end_month = latest_period.period_end_month
    where partner_trade.flow = 'total'
)

select * from final
