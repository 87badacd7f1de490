-- One row per product or commodity x partner x flow x period: value in yuan and US dollars, quantity in tonnes,
-- unit value, and every growth rate the sources reported, each named by what it is measured on.
with

figures as (
    select *
    from {{ ref('int_trade_values_in_both_currencies') }}
    where product_code <> '{{ var("headline_product_code") }}'
),

products as (
    select * from {{ ref('stg_reference__products') }}
),

final as (
    select
        figures.product_code,
        products.product_name,
        products.product_kind,
        products.hs_code,
        figures.partner_code,
        figures.enterprise_type,
        figures.flow,
        figures.period_start_month,
        figures.period_end_month,
        figures.months_covered,
        figures.value_cny,
        figures.value_cny_method,
        figures.value_usd,
        figures.value_usd_method,
        figures.quantity_tonnes,
        case when {{ is_compiled_in_currency('figures.value_cny_method') }}
            then figures.value_cny / nullif(figures.quantity_tonnes, 0) end as unit_value_cny_per_tonne,
        case when {{ is_compiled_in_currency('figures.value_usd_method') }}
            then figures.value_usd / nullif(figures.quantity_tonnes, 0) end as unit_value_usd_per_tonne,
        case when {{ is_compiled_in_currency('figures.value_cny_method') }}
                and {{ is_compiled_in_currency('previous_year.value_cny_method') }}
            then {{ growth_pct('figures.value_cny', 'previous_year.value_cny') }}
        end as yoy_pct_cny_computed,
        figures.yoy_pct_cny_reported,
        case when {{ is_compiled_in_currency('figures.value_usd_method') }}
                and {{ is_compiled_in_currency('previous_year.value_usd_method') }}
            then {{ growth_pct('figures.value_usd', 'previous_year.value_usd') }}
        end as yoy_pct_usd_computed,
        figures.yoy_pct_usd_reported,
        {{ growth_pct('figures.quantity_tonnes', 'previous_year.quantity_tonnes') }} as quantity_yoy_pct_computed,
        figures.quantity_yoy_pct_reported,
        figures.quantity_mom_pct_reported,
        figures.yoy_pct_unspecified_basis_reported,
        figures.mom_pct_unspecified_basis_reported,
        figures.change_pct_unstated_base_reported,
        figures.unit_value_yoy_pct_reported,
        figures.fx_rate_cny_per_usd,
        figures.fx_rate_method,
        figures.cny_observation_id,
        figures.usd_observation_id,
        figures.quantity_observation_id
    from figures
    inner join products
        on figures.product_code = products.product_code
    left join figures as previous_year
        on figures.product_code = previous_year.product_code
        and figures.partner_code = previous_year.partner_code
        and figures.enterprise_type = previous_year.enterprise_type
        and figures.flow = previous_year.flow
        and previous_year.period_start_month = cast(figures.period_start_month - interval 12 month as date)
        and previous_year.period_end_month = cast(figures.period_end_month - interval 12 month as date)
)

select * from final
