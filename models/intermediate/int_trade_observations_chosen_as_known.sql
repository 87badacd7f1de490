-- The selection rule (docs/decisions/0003, 0015) applied at each release date of each figure, to the observations
-- known then.
{{ select_among_sources(
    ref('int_trade_observations_known_by_date'),
    ['partner_code', 'product_code', 'enterprise_type', 'flow', 'period_start_month', 'period_end_month', 'measure',
     'basis', 'known_from'],
    release_preference=['is_in_preferred_release'],
    precision_demotions=['is_finer_than_customs_prints']
) }}
