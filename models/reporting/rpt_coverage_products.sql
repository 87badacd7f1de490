-- One row per product or commodity in fct_product_trade (which holds no row for all goods): its rows, the months
-- its periods end in, and how many of its rows are single months and how many longer periods.
with

product_trade as (
    select * from {{ ref('fct_product_trade') }}
),

final as (
    select
        product_code,
        {{ coverage_counts() }}
    from product_trade
    group by product_code
)

select * from final
