-- Every customs observation, with its standing among the observations of the same figure
-- (partner x product x enterprise type x flow x period x measure x basis): chosen from the release its set is taken
-- from, and never for printing more digits than customs does (docs/decisions/0015).
{{ select_among_sources(
    ref('int_trade_observations_released'),
    ['partner_code', 'product_code', 'enterprise_type', 'flow', 'period_start_month', 'period_end_month', 'measure', 'basis'],
    release_preference=['is_in_preferred_release'],
    precision_demotions=['is_finer_than_customs_prints']
) }}
