-- The partner shares over time chart: one row per partner drawn x year-to-date period (January to the month) with
-- a share: the share the source printed, else the one computed from the yuan values of the partner and of China.
-- The partners drawn, one home: the chart draws every partner this model holds.
{%- set partners_drawn = ['ASEAN', 'EU', 'US'] %}
with

partner_trade as (
    select * from {{ ref('fct_partner_trade') }}
),

final as (
    select
        partner_code,
        period_end_month as period_month,
        coalesce(share_pct_reported, share_pct_cny_computed) as share_pct,
        case when share_pct_reported is null then 'computed' else 'published' end as method
    from partner_trade
    where flow = 'total'
        and months_covered > 1
        and month(period_start_month) = 1
        and partner_code in ('{{ partners_drawn | join("', '") }}')
        and coalesce(share_pct_reported, share_pct_cny_computed) is not null
)

select * from final
