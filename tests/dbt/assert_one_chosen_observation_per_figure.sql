-- Every figure that has at least one selectable observation has exactly one chosen observation.
with

ranked as (
    select * from {{ ref('int_trade_observations_chosen') }}
    where selection_rank is not null
)

select
    partner_code, product_code, enterprise_type, flow, period_start_month, period_end_month, measure, basis,
    count(*) filter (where is_chosen) as chosen_count
from ranked
group by all
having count(*) filter (where is_chosen) <> 1
