-- One row per series x period x flow x currency whose value was published in that currency, every series: China's
-- trade with the world (as the headline resolves it), with each partner, and in each product (all enterprises),
-- with the scale a revision is measured against: the larger of the period's exports and imports in the series
-- (published, or for the headline derived), else the value itself. The year-to-date and growth checks compare these,
-- so a partner or a product is held to the same arithmetic as the world.
-- period_kind as the headline has it: 'month' a single month or a January-February released as one, 'ytd' January
-- to period_end_month; a period that is both (January alone, a combined January-February) is a row of each kind.
with

headline as (
    select * from {{ ref('int_world_trade_values') }}
),

other_series as (
    select *
    from {{ ref('int_trade_figures_chosen') }}
    where measure = 'level' and basis in ('CNY', 'USD') and enterprise_type = 'all'
        and not ({{ is_world_total() }})
),

headline_by_currency as (
    {%- for currency in ['usd', 'cny'] %}
    select
        '{{ var("headline_partner_code") }}' as partner_code,
        '{{ var("headline_product_code") }}' as product_code,
        period_kind,
        period_start_month,
        period_end_month,
        flow,
        '{{ currency }}' as currency,
        value_{{ currency }} as value,
        value_{{ currency }}_method as method,
        value_{{ currency }}_tolerance as tolerance,
        {{ currency }}_source_id as source_id
    from headline
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

other_series_by_kind as (
    select
        other_series.partner_code,
        other_series.product_code,
        kinds.period_kind,
        other_series.period_start_month,
        other_series.period_end_month,
        other_series.flow,
        lower(other_series.basis) as currency,
        other_series.value_base as value,
        'published' as method,
        other_series.rounding_half_unit_base as tolerance,
        other_series.chosen_source_id as source_id
    from other_series
    cross join (values ('month'), ('ytd')) as kinds (period_kind)
    where (kinds.period_kind = 'month' and (other_series.months_covered = 1 or other_series.is_jan_feb_combined))
        or (kinds.period_kind = 'ytd'
            and other_series.period_start_month = cast(date_trunc('year', other_series.period_end_month) as date))
),

values_by_currency as (
    select * from headline_by_currency
    union all
    select * from other_series_by_kind
),

scales as (
    select
        partner_code,
        product_code,
        period_kind,
        period_start_month,
        period_end_month,
        currency,
        max(abs(value)) filter (where flow in ('exports', 'imports')) as gross_flow
    from values_by_currency
    group by partner_code, product_code, period_kind, period_start_month, period_end_month, currency
),

final as (
    select
        values_by_currency.*,
        coalesce(scales.gross_flow, abs(values_by_currency.value)) as revision_scale
    from values_by_currency
    inner join scales
        using (partner_code, product_code, period_kind, period_start_month, period_end_month, currency)
    where values_by_currency.method = 'published'
)

select * from final
