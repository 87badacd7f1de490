-- The selection rule applied within each release of a figure (first, revised): the figure as first published and as
-- its latest revision printed it, each chosen among that release's copies alone (docs/decisions/0015).
{{ select_among_sources(
    ref('int_trade_observations_released'),
    ['partner_code', 'product_code', 'enterprise_type', 'flow', 'period_start_month', 'period_end_month', 'measure',
     'basis', 'release_vintage'],
    precision_demotions=['is_finer_than_customs_prints']
) }}
