-- One row per headline period x flow x currency whose value was published in that currency, with the scale a
-- revision is measured against: the larger of the period's exports and imports (published or derived), else the
-- value itself. The year-to-date checks compare these.
with

headline as (
    select * from {{ ref('int_world_trade_values') }}
),

values_by_currency as (
    select
        period_kind,
        period_start_month,
        period_end_month,
        flow,
        'usd' as currency,
        value_usd as value,
        value_usd_method as method,
        value_usd_tolerance as tolerance,
        usd_source_id as source_id
    from headline
    union all
    select
        period_kind,
        period_start_month,
        period_end_month,
        flow,
        'cny' as currency,
        value_cny as value,
        value_cny_method as method,
        value_cny_tolerance as tolerance,
        cny_source_id as source_id
    from headline
),

scales as (
    select
        period_kind,
        period_start_month,
        period_end_month,
        currency,
        max(abs(value)) filter (where flow in ('exports', 'imports')) as gross_flow
    from values_by_currency
    group by period_kind, period_start_month, period_end_month, currency
),

final as (
    select
        values_by_currency.*,
        coalesce(scales.gross_flow, abs(values_by_currency.value)) as revision_scale
    from values_by_currency
    inner join scales using (period_kind, period_start_month, period_end_month, currency)
    where values_by_currency.method = 'published'
)

select * from final
