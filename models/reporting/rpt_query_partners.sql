-- The query command's question "partners YYYY-MM..YYYY-MM": one row per partner x period with its total trade in
-- trillions of yuan, its share of China's trade (computed and reported) and its growth as reported.
with

partner_trade as (
    select * from {{ ref('fct_partner_trade') }}
),

final as (
    select
        period_start_month,
        period_end_month,
        value_cny,
        partner_code,
        partner_name,
        round(value_cny / 1e12, 3) as cny_trn,
        round(share_pct_cny_computed, 1) as share_computed_pct,
        share_pct_reported as share_reported_pct,
        yoy_pct_cny_reported as yoy_reported_pct,
        is_share_disjoint
    from partner_trade
    where flow = 'total'
)

select * from final
