-- Every customs observation, with its standing among the observations of the same figure
-- (partner x product x enterprise type x flow x period x measure x basis).
{{ select_among_sources(
    ref('int_trade_observations_scaled'),
    ['partner_code', 'product_code', 'enterprise_type', 'flow', 'period_start_month', 'period_end_month', 'measure', 'basis']
) }}
