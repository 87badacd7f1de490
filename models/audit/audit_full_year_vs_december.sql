-- One row per full-year figure (period 'YYYY') of a partner, product, flow and currency with a January-December
-- figure chosen for the same, in a year the headline year-to-date series covers: the two values, and what their
-- difference is allowed (both printings plus the revision allowance).
with

candidates as (
    select *
    from {{ ref('int_trade_observations_chosen') }}
    where month(period_start_month) = 1 and month(period_end_month) = 12 and measure = 'level'
        and qualifier in ('as_published', 'approximate') and not is_rejected
),

covered as (
    select distinct period_end_month
    from {{ ref('int_world_trade_values') }}
    where period_kind = 'ytd'
),

final as (
    select
        full_year.partner_code,
        full_year.product_code,
        full_year.flow,
        full_year.basis,
        full_year.period_end_month,
        full_year.observation_id as full_year_observation_id,
        full_year.source_id as full_year_source_id,
        full_year.value_base as full_year_value,
        chosen.observation_id as december_ytd_observation_id,
        chosen.source_id as december_ytd_source_id,
        chosen.value_base as december_ytd_value,
        abs(full_year.value_base - chosen.value_base)
        > full_year.rounding_half_unit_base + chosen.rounding_half_unit_base
        + {{ revision_allowance('abs(chosen.value_base)') }} as is_beyond_allowance
    from candidates as full_year
    inner join candidates as chosen
        on chosen.is_chosen
        and full_year.partner_code = chosen.partner_code
        and full_year.product_code = chosen.product_code
        and full_year.enterprise_type = chosen.enterprise_type
        and full_year.flow = chosen.flow
        and full_year.basis = chosen.basis
        and full_year.period_end_month = chosen.period_end_month
    inner join covered
        on full_year.period_end_month = covered.period_end_month
    where full_year.period_basis = 'year'
)

select * from final
