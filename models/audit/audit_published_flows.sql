-- One row per headline period kind x period x currency: the four flows side by side where each was published in
-- that currency, with its printing tolerance and its source (the identities compare them).
with

headline as (
    select * from {{ ref('int_world_trade_values') }}
),

published as (
    select
        period_kind,
        period_end_month,
        flow,
        'usd' as currency,
        value_usd as value,
        value_usd_tolerance as tolerance,
        usd_source_id as source_id
    from headline
    where value_usd_method = 'published'
    union all
    select
        period_kind,
        period_end_month,
        flow,
        'cny' as currency,
        value_cny as value,
        value_cny_tolerance as tolerance,
        cny_source_id as source_id
    from headline
    where value_cny_method = 'published'
),

final as (
    select
        period_kind,
        period_end_month,
        currency,
        max(value) filter (where flow = 'exports') as exports,
        max(value) filter (where flow = 'imports') as imports,
        max(value) filter (where flow = 'balance') as balance,
        max(value) filter (where flow = 'total') as total,
        max(tolerance) filter (where flow = 'exports') as exports_tolerance,
        max(tolerance) filter (where flow = 'imports') as imports_tolerance,
        max(tolerance) filter (where flow = 'balance') as balance_tolerance,
        max(tolerance) filter (where flow = 'total') as total_tolerance,
        max(source_id) filter (where flow = 'exports') as exports_source_id,
        max(source_id) filter (where flow = 'imports') as imports_source_id,
        max(source_id) filter (where flow = 'balance') as balance_source_id,
        max(source_id) filter (where flow = 'total') as total_source_id
    from published
    group by period_kind, period_end_month, currency
)

select * from final
