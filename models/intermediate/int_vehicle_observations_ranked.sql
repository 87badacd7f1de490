-- Every CAAM observation, with its standing among the observations of the same figure
-- (segment x market x period x measure), chosen by the same rule as customs figures.
{{ select_among_sources(
    ref('int_vehicle_observations_scaled'),
    ['vehicle_segment', 'market', 'period_start_month', 'period_end_month', 'measure']
) }}
