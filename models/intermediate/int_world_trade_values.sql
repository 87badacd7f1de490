-- One row per headline period x flow: China's trade with the world (all goods, all enterprises) in both currencies.
-- period_kind 'month' is a single month, or January-February where the two are released as one figure;
-- period_kind 'ytd' runs from January through period_end_month. Each value says how it was obtained:
--   published            the chosen published figure
--   derived_from_ytd     a month not published: YTD(m) - YTD(previous period end) in the same currency
--   derived_from_flows   balance = exports - imports, total = exports + imports, or their rearrangements
--   converted_from_usd / converted_from_cny   only one currency known: converted at the period's rate
-- value_*_tolerance is the half-width of the interval the value is known to within, from the printed precision of
-- the figures it rests on (0.005 trillion for a figure printed as 2.20 trillion; summed through derivations).
with

figures as (
    select *
    from {{ ref('int_trade_figures_chosen') }}
    where {{ is_world_total() }}
        and measure = 'level'
        and basis in ('CNY', 'USD')
),

-- the series ends with the latest month customs figures cover (CAAM figures may run further)
months as (
    select *
    from {{ ref('int_months') }}
    where period_month <= (
        select max(observations.period_end_month)
        from {{ ref('stg_customs__trade_observations') }} as observations
    )
),

fx as (
    select * from {{ ref('int_fx_rates_by_period') }}
),

-- from 2020 customs releases January together with February, so each year's first period is January-February;
-- before that every month was released on its own, January included
months_by_release as (
    select
        period_month,
        {{ is_customs_jan_feb_combined_year('period_month') }} as is_jan_feb_combined_year
    from months
),

series_periods as (
    select
        case when is_jan_feb_combined_year and month(period_month) = 2
            then cast(period_month - interval 1 month as date)
            else period_month end as period_start_month,
        period_month as period_end_month,
        'month' as period_kind,
        case when month(period_month) > (case when is_jan_feb_combined_year then 2 else 1 end)
            then cast(period_month - interval 1 month as date)
        end as previous_ytd_end_month
    from months_by_release
    where not (is_jan_feb_combined_year and month(period_month) = 1)
    union all
    select
        cast(date_trunc('year', period_month) as date) as period_start_month,
        period_month as period_end_month,
        'ytd' as period_kind,
        null as previous_ytd_end_month
    from months_by_release
    where not (is_jan_feb_combined_year and month(period_month) = 1)
),

grid as (
    select series_periods.*, flows.flow, currencies.currency
    from series_periods
    cross join (values ('exports'), ('imports'), ('balance'), ('total')) as flows (flow)
    cross join (values ('CNY'), ('USD')) as currencies (currency)
),

from_publications as (
    select
        grid.*,
        published.chosen_observation_id,
        published.chosen_source_id,
        {{ month_from_ytd('published', 'ytd', 'previous_ytd', 'value') }}
    from grid
    left join figures as published
        on grid.flow = published.flow
        and grid.currency = published.basis
        and grid.period_start_month = published.period_start_month
        and grid.period_end_month = published.period_end_month
    left join figures as ytd
        on grid.period_kind = 'month'
        and grid.flow = ytd.flow
        and grid.currency = ytd.basis
        and ytd.period_start_month = date_trunc('year', grid.period_end_month)
        and grid.period_end_month = ytd.period_end_month
    left join figures as previous_ytd
        on grid.period_kind = 'month'
        and grid.flow = previous_ytd.flow
        and grid.currency = previous_ytd.basis
        and previous_ytd.period_start_month = date_trunc('year', grid.period_end_month)
        and grid.previous_ytd_end_month = previous_ytd.period_end_month
),

by_flow as (
    select
        period_kind,
        period_start_month,
        period_end_month,
        currency,
        {{ by_flow('value') }},
        {{ by_flow('value_tolerance', '_tolerance') }}
    from from_publications
    group by period_kind, period_start_month, period_end_month, currency
),

from_identities as (
    select
        period_kind,
        period_start_month,
        period_end_month,
        currency,
        coalesce(imports + balance, (total + balance) / 2) as exports,
        coalesce(exports - balance, (total - balance) / 2) as imports,
        exports - imports as balance,
        exports + imports as total,
        coalesce(imports_tolerance + balance_tolerance, (total_tolerance + balance_tolerance) / 2) as exports_tolerance,
        coalesce(exports_tolerance + balance_tolerance, (total_tolerance + balance_tolerance) / 2) as imports_tolerance,
        exports_tolerance + imports_tolerance as balance_tolerance,
        exports_tolerance + imports_tolerance as total_tolerance
    from by_flow
),

identity_values as (
    {{ ctw_unpivot_pairs('from_identities', 'flow', ['value_base', 'value_tolerance'], [
        ('exports', ['exports', 'exports_tolerance']), ('imports', ['imports', 'imports_tolerance']),
        ('balance', ['balance', 'balance_tolerance']), ('total', ['total', 'total_tolerance'])]) }}
),

one_currency as (
    select
        from_publications.period_kind,
        from_publications.period_start_month,
        from_publications.period_end_month,
        from_publications.flow,
        from_publications.currency,
        from_publications.chosen_observation_id,
        from_publications.chosen_source_id,
        coalesce(from_publications.value, identity_values.value_base) as value_base,
        case when from_publications.value is not null then from_publications.value_tolerance
            else identity_values.value_tolerance end as value_tolerance,
        case
            when from_publications.value is not null then from_publications.value_method
            when identity_values.value_base is not null then 'derived_from_flows'
        end as value_method
    from from_publications
    left join identity_values
        on from_publications.period_kind = identity_values.period_kind
        and from_publications.period_start_month = identity_values.period_start_month
        and from_publications.period_end_month = identity_values.period_end_month
        and from_publications.currency = identity_values.currency
        and from_publications.flow = identity_values.flow
),

both_currencies as (
    select
        cny.period_kind,
        cny.period_start_month,
        cny.period_end_month,
        cny.flow,
        fx.fx_rate_cny_per_usd,
        fx.fx_rate_method,
        cny.chosen_observation_id as cny_observation_id,
        usd.chosen_observation_id as usd_observation_id,
        cny.chosen_source_id as cny_source_id,
        usd.chosen_source_id as usd_source_id,
        {{ value_in_currency(
            'cny', 'cny.value_base', 'usd.value_base', 'fx.fx_rate_cny_per_usd',
            method_cny='cny.value_method', method_usd='usd.value_method',
            tolerance_cny='cny.value_tolerance', tolerance_usd='usd.value_tolerance'
        ) }},
        {{ value_in_currency(
            'usd', 'cny.value_base', 'usd.value_base', 'fx.fx_rate_cny_per_usd',
            method_cny='cny.value_method', method_usd='usd.value_method',
            tolerance_cny='cny.value_tolerance', tolerance_usd='usd.value_tolerance'
        ) }}
    from one_currency as cny
    inner join one_currency as usd
        on cny.period_kind = usd.period_kind
        and cny.period_start_month = usd.period_start_month
        and cny.period_end_month = usd.period_end_month
        and cny.flow = usd.flow
        and usd.currency = 'USD'
    left join fx
        on cny.period_start_month = fx.period_start_month
        and cny.period_end_month = fx.period_end_month
    where cny.currency = 'CNY'
)

select * from both_currencies
