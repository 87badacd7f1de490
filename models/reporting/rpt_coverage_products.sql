-- One row per product or commodity in fct_product_trade (which holds no row for all goods): its rows, the months
-- its periods end in, and how many of its rows are single months and how many longer periods.
with

product_trade as (
    select * from {{ ref('fct_product_trade') }}
),

final as (
    select
        product_code,
        count(*) as row_count,
        min(period_end_month) as first_period_end_month,
        max(period_end_month) as last_period_end_month,
        count(*) filter (where months_covered = 1) as single_month_rows,
        count(*) filter (where months_covered > 1) as longer_period_rows
    from product_trade
    group by product_code
)

select * from final
