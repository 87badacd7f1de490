-- One row per flow x period: the shares of China's total of the partners that do not overlap (is_share_disjoint;
-- reported, else computed in yuan, else in dollars) added up, against 100% plus the printing of each share.
with

partners as (
    select * from {{ ref('fct_partner_trade') }}
),

summed as (
    select
        flow,
        period_start_month,
        period_end_month,
        count(*) as partners,
        sum(coalesce(share_pct_reported, share_pct_cny_computed, share_pct_usd_computed)) as share_sum_pct,
        100 + count(*) * {{ check_parameter('share_printed_half_unit_pct') }} as allowed_pct
    from partners
    where is_share_disjoint
    group by flow, period_start_month, period_end_month
),

final as (
    select
        flow,
        period_start_month,
        period_end_month,
        partners,
        round(share_sum_pct, 3) as share_sum_pct,
        allowed_pct,
        share_sum_pct > allowed_pct as is_above_allowed
    from summed
)

select * from final
