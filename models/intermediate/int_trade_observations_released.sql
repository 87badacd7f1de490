-- One row per customs observation, with the release it belongs to and whether that release is the one its figure's
-- set is chosen from (docs/decisions/0015).
--   release_vintage   'first' when the figure was known before customs' next release (its first printing), else
--                     'revised' (a later copy, which may carry a revision)
--   is_in_preferred_release   the exports, imports, balance and total of one partner x product x enterprise type x
--                     period x currency are chosen from one release: the one that printed the most of these levels,
--                     the later on a tie; the identity balance = exports - imports then holds within what is chosen
--   is_finer_than_customs_prints   a money level printed with more digits than customs prints (0.1 of 100 million)
--                     by anyone but customs: a third party's arithmetic, not a better copy
with

observations as (
    select * from {{ ref('int_trade_observations_scaled') }}
),

calendar as (
    select * from {{ ref('stg_reference__release_calendar') }}
),

sources as (
    select * from {{ ref('stg_reference__sources') }}
),

next_release as (
    select
        periods.period_end_month,
        min(calendar.release_date) as next_release_date
    from (select distinct period_end_month from observations) as periods
    left join calendar
        on periods.period_end_month < calendar.period_end_month
    group by periods.period_end_month
),

vintaged as (
    select
        observations.*,
        case
            when observations.known_from_date < coalesce(
                next_release.next_release_date,
                -- no calendar row yet: customs releases a month's figures within about six weeks of its end
                cast(observations.period_end_month + interval 2 month + interval 14 day as date))
                then 'first'
            else 'revised'
        end as release_vintage,
        observations.measure = 'level' and observations.basis in ('CNY', 'USD')
            and observations.rounding_half_unit_base < {{ var('customs_printed_half_unit_base') }}
            and sources.location not like '%customs.gov.cn%' as is_finer_than_customs_prints
    from observations
    left join next_release
        on observations.period_end_month = next_release.period_end_month
    inner join sources
        on observations.source_id = sources.source_id
),

releases as (
    select
        partner_code, product_code, enterprise_type, period_start_month, period_end_month, basis, release_vintage,
        count(distinct flow) filter (
            where measure = 'level' and qualifier in ('as_published', 'approximate') and not is_rejected
        ) as levels_printed
    from vintaged
    group by partner_code, product_code, enterprise_type, period_start_month, period_end_month, basis, release_vintage
),

preferred as (
    select
        *,
        row_number() over (
            partition by partner_code, product_code, enterprise_type, period_start_month, period_end_month, basis
            order by levels_printed desc, release_vintage = 'revised' desc
        ) = 1 as is_preferred
    from releases
),

final as (
    select
        vintaged.*,
        preferred.is_preferred as is_in_preferred_release
    from vintaged
    inner join preferred
        using (
            partner_code, product_code, enterprise_type, period_start_month, period_end_month, basis, release_vintage
        )
)

select * from final
