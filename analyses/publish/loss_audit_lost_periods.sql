-- The periods of a series (every published figure's dataset, subject, measure, basis and period kind) that the
-- published file holds and the candidate does not, counted by series with the first and last month lost.
with

published_periods as (
    select distinct dataset, subject, measure, basis, period_basis, period_end_month
    from published.marts.fct_observations
),

candidate_periods as (
    select distinct dataset, subject, measure, basis, period_basis, period_end_month
    from candidate.marts.fct_observations
),

lost as (
    select * from published_periods
    except
    select * from candidate_periods
)

select
    dataset,
    subject,
    measure,
    basis,
    period_basis,
    count(*) as periods_lost,
    strftime(min(period_end_month), '%Y-%m') as first_month_lost,
    strftime(max(period_end_month), '%Y-%m') as last_month_lost
from lost
group by all
order by all
