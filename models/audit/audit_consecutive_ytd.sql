-- One row per series (the world, a partner, a product) x year-to-date period x flow x currency where YTD(m-1), month m and YTD(m) were all published in that
-- currency: YTD(m-1) + month(m) - YTD(m), with the printing tolerance of the three and the revision allowance (the
-- year to date's gross flows are at least its parts': the scale where its own were not published).
with

published as (
    select * from {{ ref('audit_published_values') }}
),

compared as (
    select
        ytd.partner_code,
        ytd.product_code,
        ytd.period_end_month,
        ytd.flow,
        ytd.currency,
        previous_ytd.value as previous_ytd_value,
        previous_ytd.source_id as previous_ytd_source_id,
        month.value as month_value,
        month.source_id as month_source_id,
        ytd.value as ytd_value,
        ytd.source_id as ytd_source_id,
        previous_ytd.value + month.value - ytd.value as gap,
        previous_ytd.tolerance + month.tolerance + ytd.tolerance as rounding_tolerance,
        {{ revision_allowance('greatest(ytd.revision_scale, previous_ytd.revision_scale + month.revision_scale)') }}
            as revision_allowance
    from published as ytd
    inner join published as previous_ytd
        on previous_ytd.period_kind = 'ytd'
        and ytd.partner_code = previous_ytd.partner_code
        and ytd.product_code = previous_ytd.product_code
        and ytd.flow = previous_ytd.flow
        and ytd.currency = previous_ytd.currency
        and ytd.period_start_month = previous_ytd.period_start_month
        and ytd.period_end_month - interval 1 month = previous_ytd.period_end_month
    inner join published as month
        on month.period_kind = 'month'
        and ytd.partner_code = month.partner_code
        and ytd.product_code = month.product_code
        and ytd.flow = month.flow
        and ytd.currency = month.currency
        and ytd.period_end_month = month.period_end_month
        and month.period_start_month = month.period_end_month
    where ytd.period_kind = 'ytd'
),

final as (
    select
        *,
        {{ gap_verdicts() }}
    from compared
)

select * from final
