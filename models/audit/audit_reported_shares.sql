-- One row per partner x flow x period of fct_partner_trade with a reported share and the partner's and China's
-- levels in the share's currency: the reported share beside partner value / China's total, and the printing of the
-- share and of both values.
with

partners as (
    select * from {{ ref('fct_partner_trade') }}
),

figures as (
    select * from {{ ref('int_trade_figures_chosen') }}
),

compared as (
    select
        partners.partner_code,
        partners.flow,
        partners.period_start_month,
        partners.period_end_month,
        share.value_base as share_pct_reported,
        share.chosen_source_id as share_source_id,
        100 * partner.value_base / world.value_base as share_pct_computed,
        share.rounding_half_unit_base
        + 100 * partner.value_base / world.value_base
        * (partner.rounding_half_unit_base / partner.value_base + world.rounding_half_unit_base / world.value_base)
            as tolerance_pct
    from partners
    inner join figures as share
        on share.measure = 'share_pct'
        and share.product_code = '{{ var("headline_product_code") }}' and share.enterprise_type = 'all'
        and partners.partner_code = share.partner_code
        and partners.flow = share.flow
        and partners.period_start_month = share.period_start_month
        and partners.period_end_month = share.period_end_month
    inner join figures as partner
        on partner.measure = 'level'
        and partner.product_code = '{{ var("headline_product_code") }}' and partner.enterprise_type = 'all'
        and share.basis = partner.basis
        and partners.partner_code = partner.partner_code
        and partners.flow = partner.flow
        and partners.period_start_month = partner.period_start_month
        and partners.period_end_month = partner.period_end_month
    inner join figures as world
        on world.measure = 'level' and {{ is_world_total('world') }}
        and share.basis = world.basis
        and partners.flow = world.flow
        and partners.period_start_month = world.period_start_month
        and partners.period_end_month = world.period_end_month
),

final as (
    select
        *,
        abs(share_pct_reported - share_pct_computed) > tolerance_pct as is_beyond_printing
    from compared
)

select * from final
