-- One row per partner in fct_partner_trade (which holds no row for the world): its rows, the months its periods end
-- in, and how many of its rows are single months and how many longer periods.
with

partner_trade as (
    select * from {{ ref('fct_partner_trade') }}
),

final as (
    select
        partner_code,
        {{ coverage_counts() }}
    from partner_trade
    group by partner_code
)

select * from final
