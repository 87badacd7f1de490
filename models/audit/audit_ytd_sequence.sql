-- One row per published year-to-date export, import or total figure x currency of any series (the world, a partner,
-- a product) that has an earlier one in the same year: the earlier figure beside it, with the printing tolerance of the two. Sums of non-negative months never fall
-- within a year (the balance may, and is left out).
with

published as (
    select * from {{ ref('audit_published_values') }}
),

ytd as (
    select
        *,
        lag(value) over series as earlier_value,
        lag(tolerance) over series as earlier_tolerance,
        lag(period_end_month) over series as earlier_period_end_month,
        lag(source_id) over series as earlier_source_id
    from published
    where period_kind = 'ytd' and flow in ('exports', 'imports', 'total')
    window series as (
        partition by partner_code, product_code, flow, currency, period_start_month order by period_end_month
    )
),

final as (
    select
        partner_code,
        product_code,
        flow,
        currency,
        earlier_period_end_month,
        earlier_value,
        earlier_source_id,
        period_end_month,
        value,
        source_id,
        tolerance + earlier_tolerance as rounding_tolerance,
        value < earlier_value - (tolerance + earlier_tolerance) as is_below_earlier
    from ytd
    where earlier_value is not null
)

select * from final
