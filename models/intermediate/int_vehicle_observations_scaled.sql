-- One row per CAAM observation, scaled to vehicles (or percent) with the half-unit of its printed precision and
-- the authority and date of its source.
{{ scale_observations(ref('stg_caam__vehicle_observations')) }}
