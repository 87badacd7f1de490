-- One row per company or industry observation, scaled to base units (yuan, vehicles, gigawatts, counts or
-- percent) by the same macro as customs and CAAM figures.
{{ scale_observations(ref('stg_industry__observations')) }}
