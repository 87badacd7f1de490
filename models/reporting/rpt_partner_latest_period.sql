-- The period the partner charts show: the latest period with partners' total trade in yuan, the one most partners
-- have where several periods end in that month. One row.
with

partner_trade as (
    select * from {{ ref('fct_partner_trade') }}
),

periods as (
    select
        period_start_month,
        period_end_month,
        count(*) as partners
    from partner_trade
    where flow = 'total'
        and value_cny is not null
    group by period_start_month, period_end_month
),

final as (
    select
        period_start_month,
        period_end_month
    from periods
    order by period_end_month desc, partners desc, period_start_month desc
    limit 1
)

select * from final
