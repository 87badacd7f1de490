-- The candidates of every customs figure as they stood at each of its release dates. A figure's release dates are
-- the dates from which its observations are known (int_sources_dated: the source's publication date, or for a
-- source that prints none, the earliest date it could have printed its figures); at each one, the candidates are
-- the observations known by then, and the release their set is chosen from is decided among those alone
-- (docs/decisions/0010, 0015). observation_id is made unique per vintage for the selection macro;
-- published_observation_id is the observation itself.
with

observations as (
    select {{ ctw_star_except(['is_in_preferred_release']) }} from {{ ref('int_trade_observations_released') }}
),

release_dates as (
    select distinct
        partner_code, product_code, enterprise_type, flow, period_start_month, period_end_month, measure, basis,
        known_from_date as known_from
    from observations
),

known as (
    select
        {{ ctw_star_except(['observation_id'], 'observations.') }},
        observations.observation_id || '@' || cast(release_dates.known_from as {{ dbt.type_string() | lower }})
            as observation_id,
        observations.observation_id as published_observation_id,
        release_dates.known_from
    from release_dates
    inner join observations
        using (partner_code, product_code, enterprise_type, flow, period_start_month, period_end_month, measure, basis)
    where observations.known_from_date <= release_dates.known_from
),

-- as in int_trade_observations_released, among the observations known at each date (a set's other flows may have
-- release dates of their own: the levels they printed count from then on)
all_known_levels as (
    select distinct
        sets.partner_code, sets.product_code, sets.enterprise_type, sets.period_start_month, sets.period_end_month,
        sets.basis, sets.known_from, levels.release_vintage, levels.flow
    from (select distinct partner_code, product_code, enterprise_type, period_start_month, period_end_month, basis,
            known_from from known) as sets
    inner join observations as levels
        on sets.partner_code = levels.partner_code and sets.product_code = levels.product_code
        and sets.enterprise_type = levels.enterprise_type and sets.period_start_month = levels.period_start_month
        and sets.period_end_month = levels.period_end_month and sets.basis = levels.basis
        and sets.known_from >= levels.known_from_date
    where levels.measure = 'level' and levels.qualifier in ('as_published', 'approximate') and not levels.is_rejected
),

levels_by_release as (
    select
        partner_code, product_code, enterprise_type, period_start_month, period_end_month, basis, known_from,
        release_vintage,
        count(*) as levels_known
    from all_known_levels
    group by partner_code, product_code, enterprise_type, period_start_month, period_end_month, basis, known_from,
        release_vintage
),

preferred as (
    select
        partner_code, product_code, enterprise_type, period_start_month, period_end_month, basis, known_from,
        release_vintage
    from (
        select
            *,
            row_number() over (
                partition by
                    partner_code, product_code, enterprise_type, period_start_month, period_end_month, basis, known_from
                order by levels_known desc, release_vintage = 'revised' desc
            ) as release_rank
        from levels_by_release
    ) as ranked_releases
    where release_rank = 1
)

select
    known.*,
    coalesce(known.release_vintage = preferred.release_vintage, true) as is_in_preferred_release
from known
left join preferred
    using (partner_code, product_code, enterprise_type, period_start_month, period_end_month, basis, known_from)
