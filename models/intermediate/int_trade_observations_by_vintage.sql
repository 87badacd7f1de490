-- The candidates of every customs figure as they stood at each of its release dates. A figure's release dates are
-- the publication dates of the dated sources that printed it; at each one, the candidates are the observations
-- published on or before it. Observations whose source prints no date cannot be placed in time and take part in no
-- vintage (docs/decisions/0010-vintages.md). observation_id is made unique per vintage for the selection macro;
-- published_observation_id is the observation itself.
with

observations as (
    select * from {{ ref('int_trade_observations_scaled') }}
    where source_published_date is not null
),

release_dates as (
    select distinct
        partner_code, product_code, enterprise_type, flow, period_start_month, period_end_month, measure, basis,
        source_published_date as known_from
    from observations
)

select
    observations.* exclude (observation_id),
    observations.observation_id || '@' || strftime(release_dates.known_from, '%Y-%m-%d') as observation_id,
    observations.observation_id as published_observation_id,
    release_dates.known_from
from release_dates
inner join observations
    using (partner_code, product_code, enterprise_type, flow, period_start_month, period_end_month, measure, basis)
where observations.source_published_date <= release_dates.known_from
