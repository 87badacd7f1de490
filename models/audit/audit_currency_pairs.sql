-- One row per pair of yuan and dollar levels published for the same partner, product, enterprise type, flow and
-- period, in a period with a reference rate: the yuan value at the reference rate against the dollar value, as a
-- deviation from a scale (for exports, imports and total the dollar value itself; for a balance, the difference of
-- two gross flows compiled separately in each currency, the period's exports: a surplus of US$4.12bn against 34.46bn
-- yuan, February 2019, is right in both), and the band it is allowed: the basis band plus the pair's printing.
with

figures as (
    select * from {{ ref('int_trade_figures_chosen') }}
),

fx as (
    select * from {{ ref('int_fx_rates_by_period') }}
),

pairs as (
    select
        {%- for column in figure_key() %}
        cny.{{ column }},
        {%- endfor %}
        cny.value_base as value_cny,
        cny.chosen_source_id as cny_source_id,
        usd.value_base as value_usd,
        usd.chosen_source_id as usd_source_id,
        cny.value_base / usd.value_base as implied_cny_per_usd,
        cny.rounding_half_unit_base as cny_half_unit,
        usd.rounding_half_unit_base as usd_half_unit
    from figures as cny
    inner join figures as usd
        on usd.measure = 'level' and usd.basis = 'USD'
        {%- for column in figure_key() %}
        and cny.{{ column }} = usd.{{ column }}
        {%- endfor %}
    where cny.measure = 'level' and cny.basis = 'CNY' and usd.value_base <> 0
),

-- each period's exports in both currencies, one row per period
exports as (
    select
        partner_code,
        product_code,
        enterprise_type,
        period_start_month,
        period_end_month,
        max(value_base) filter (where basis = 'USD') as exports_usd,
        max(value_base) filter (where basis = 'CNY') as exports_cny
    from figures
    where flow = 'exports' and measure = 'level' and basis in ('CNY', 'USD')
    group by partner_code, product_code, enterprise_type, period_start_month, period_end_month
),

scaled as (
    select
        pairs.*,
        fx.fx_rate_reference_cny_per_usd,
        case when pairs.flow = 'balance'
            then coalesce(exports.exports_usd, exports.exports_cny / fx.fx_rate_reference_cny_per_usd,
                abs(pairs.value_usd))
            else abs(pairs.value_usd) end as scale_usd
    from pairs
    inner join fx
        on pairs.period_start_month = fx.period_start_month and pairs.period_end_month = fx.period_end_month
    left join exports
        on pairs.partner_code = exports.partner_code
        and pairs.product_code = exports.product_code
        and pairs.enterprise_type = exports.enterprise_type
        and pairs.period_start_month = exports.period_start_month
        and pairs.period_end_month = exports.period_end_month
    where fx.fx_rate_reference_cny_per_usd is not null
),

measured as (
    select
        scaled.*,
        100 * (scaled.value_cny / scaled.fx_rate_reference_cny_per_usd - scaled.value_usd) / scaled.scale_usd
            as deviation_pct,
        100 * (abs(scaled.cny_half_unit) / scaled.fx_rate_reference_cny_per_usd + abs(scaled.usd_half_unit))
        / scaled.scale_usd as rounding_pct,
        {{ check_parameter('fx_basis_band_pct') }} as band_pct
    from scaled
),

final as (
    select
        {%- for column in figure_key() %}
        {{ column }},
        {%- endfor %}
        value_cny,
        cny_source_id,
        value_usd,
        usd_source_id,
        implied_cny_per_usd,
        fx_rate_reference_cny_per_usd,
        scale_usd,
        round(deviation_pct, 3) as deviation_pct,
        round(band_pct + rounding_pct, 3) as allowed_pct,
        abs(deviation_pct) > band_pct + rounding_pct as is_outside_band
    from measured
)

select * from final
