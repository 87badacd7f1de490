-- One row per customs observation, scaled to base units (yuan, US dollars, tonnes) with the half-unit of its
-- printed precision and the authority and date of its source: everything the selection rule needs.
{{ scale_observations(ref('stg_customs__trade_observations')) }}
