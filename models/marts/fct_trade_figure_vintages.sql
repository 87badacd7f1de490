-- Every customs figure as it was known from each of its release dates until the next: the value the selection rule
-- chose among the observations known by then (a source without a date counts from the earliest date it could have
-- printed the figure: docs/decisions/0015). "As known at" a date D:
--     where known_from <= D and (known_until is null or known_until > D)
with

chosen as (
    select * from {{ ref('int_trade_observations_chosen_as_known') }}
    where is_chosen
),

sequenced as (
    select
        *,
        lead(known_from) over figure as known_until,
        lag(value_base) over figure as previous_value_base,
        lag(rounding_half_unit_base) over figure as previous_rounding_half_unit_base,
        lag(published_observation_id) over figure as previous_observation_id,
        cast(row_number() over figure as {{ dbt.type_bigint() }}) as vintage_number
    from chosen
    window figure as (
        partition by
            partner_code, product_code, enterprise_type, flow, period_start_month, period_end_month, measure, basis
        order by known_from
    )
)

select
    partner_code,
    product_code,
    enterprise_type,
    flow,
    period_label,
    period_basis,
    period_start_month,
    period_end_month,
    measure,
    basis,
    known_from,
    known_until,
    vintage_number,
    value_published,
    unit_code,
    value_base,
    rounding_half_unit_base,
    published_observation_id as observation_id,
    source_id,
    source_published_date,
    known_from_date as source_known_from_date,
    known_from_basis as source_known_from_basis,
    release_vintage,
    candidate_count,
    previous_observation_id,
    previous_value_base,
    previous_value_base is not null
        and abs(value_base - previous_value_base) > rounding_half_unit_base + previous_rounding_half_unit_base
        as is_revision
from sequenced
