-- One row per partner x product x enterprise type x flow x period: the chosen figures side by side, and each
-- monetary level in both currencies (published wins; otherwise converted at the period's rate and flagged).
with

figures as (
    select * from {{ ref('int_trade_figures_chosen') }}
),

fx as (
    select * from {{ ref('int_fx_rates_by_period') }}
),

pivoted as (
    select
        {%- for column in figure_key() %}
        {{ column }},
        {%- endfor %}
        any_value(months_covered) as months_covered,
        max(value_base) filter (where measure = 'level' and basis = 'CNY') as published_value_cny,
        max(value_base) filter (where measure = 'level' and basis = 'USD') as published_value_usd,
        max(value_base) filter (where measure = 'level' and basis = 'tonnes') as quantity_tonnes,
        -- which observation printed each level: a failed check or a doubtful value leads back to its seed row
        max(chosen_observation_id) filter (where measure = 'level' and basis = 'CNY') as cny_observation_id,
        max(chosen_observation_id) filter (where measure = 'level' and basis = 'USD') as usd_observation_id,
        max(chosen_observation_id) filter (where measure = 'level' and basis = 'tonnes') as quantity_observation_id,
        max(value_base) filter (where measure = 'yoy_pct' and basis = 'CNY') as yoy_pct_cny_reported,
        max(value_base) filter (where measure = 'yoy_pct' and basis = 'USD') as yoy_pct_usd_reported,
        max(value_base) filter (where measure = 'yoy_pct' and basis = 'tonnes') as quantity_yoy_pct_reported,
        max(value_base) filter (where measure = 'yoy_pct' and basis = 'unspecified')
            as yoy_pct_unspecified_basis_reported,
        max(value_base) filter (where measure = 'mom_pct' and basis = 'tonnes') as quantity_mom_pct_reported,
        max(value_base) filter (where measure = 'mom_pct' and basis = 'unspecified')
            as mom_pct_unspecified_basis_reported,
        max(value_base) filter (where measure = 'change_pct') as change_pct_unstated_base_reported,
        max(value_base) filter (where measure = 'share_pct') as share_pct_reported,
        max(basis) filter (where measure = 'share_pct') as share_pct_reported_basis,
        max(value_base) filter (where measure = 'unit_value_yoy_pct') as unit_value_yoy_pct_reported
    from figures
    group by {{ figure_key() | join(', ') }}
),

final as (
    select
        pivoted.*,
        {{ value_in_currency(
            'cny', 'pivoted.published_value_cny', 'pivoted.published_value_usd', 'fx.fx_rate_cny_per_usd'
        ) }},
        {{ value_in_currency(
            'usd', 'pivoted.published_value_cny', 'pivoted.published_value_usd', 'fx.fx_rate_cny_per_usd'
        ) }},
        fx.fx_rate_cny_per_usd,
        fx.fx_rate_method
    from pivoted
    left join fx
        on pivoted.period_start_month = fx.period_start_month
        and pivoted.period_end_month = fx.period_end_month
)

select * from final
