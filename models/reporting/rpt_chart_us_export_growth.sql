-- The exports to the US chart: one row per single month with a year-on-year growth of China's exports to the
-- United States: as reported (in dollars, or with its currency unstated), else computed from published dollar
-- values. January-February, released as one period, covers two months and is not drawn.
with

partner_trade as (
    select * from {{ ref('fct_partner_trade') }}
),

final as (
    select
        period_end_month as period_month,
        coalesce(yoy_pct_usd_reported, yoy_pct_unspecified_basis_reported, yoy_pct_usd_computed) as yoy_pct,
        case when coalesce(yoy_pct_usd_reported, yoy_pct_unspecified_basis_reported) is null
            then 'computed' else 'published' end as method
    from partner_trade
    where partner_code = 'US'
        and flow = 'exports'
        and months_covered = 1
        and coalesce(yoy_pct_usd_reported, yoy_pct_unspecified_basis_reported, yoy_pct_usd_computed) is not null
)

select * from final
