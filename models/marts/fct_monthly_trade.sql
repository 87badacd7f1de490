-- One row per month x flow: China's goods trade with the world for the month and January-to-month, in US dollars
-- and yuan, with growth computed from the levels beside the growth customs reported.
with

headline as (
    select * from {{ ref('int_world_trade_values') }}
),

reported_growth as (
    select *
    from {{ ref('int_trade_figures_chosen') }}
    where {{ is_world_total() }}
        and measure = 'yoy_pct'
        and basis in ('CNY', 'USD')
),

month_values as (
    select * from headline
    where period_kind = 'month'
),

ytd_values as (
    select * from headline
    where period_kind = 'ytd'
),

joined as (
    select
        month_values.period_end_month as period_month,
        month_values.period_start_month,
        {{ is_jan_feb_period('month_values.period_start_month', 'month_values.period_end_month') }}
            as is_jan_feb_combined,
        month_values.flow,
        month_values.value_usd as month_value_usd,
        month_values.value_usd_method as month_value_usd_method,
        month_values.value_cny as month_value_cny,
        month_values.value_cny_method as month_value_cny_method,
        ytd_values.value_usd as ytd_value_usd,
        ytd_values.value_usd_method as ytd_value_usd_method,
        ytd_values.value_cny as ytd_value_cny,
        ytd_values.value_cny_method as ytd_value_cny_method,
        month_values.fx_rate_cny_per_usd as month_fx_rate_cny_per_usd,
        month_values.fx_rate_method as month_fx_rate_method,
        month_values.usd_observation_id as month_usd_observation_id,
        month_values.cny_observation_id as month_cny_observation_id
    from month_values
    inner join ytd_values
        on month_values.period_end_month = ytd_values.period_end_month
        and month_values.flow = ytd_values.flow
),

-- growth is computed only between values compiled in that currency (published or derived from its own
-- figures): a converted value would mix exchange-rate movements into the growth. A January-February compares with
-- the January-February a year earlier: in a year of separate releases (before 2020) that is its February year to date.
{%- set kinds = ['month', 'ytd'] %}
{%- set currencies = ['usd', 'cny'] %}
with_growth as (
    select
        current_period.*,
        {%- for kind in kinds %}{% for currency in currencies %}
        {%- if kind == 'month' %}
        {%- set base_kind = "case when current_period.is_jan_feb_combined and not previous_year.is_jan_feb_combined"
            ~ " then previous_year.ytd_value_" ~ currency ~ "{suffix} else previous_year.month_value_" ~ currency
            ~ "{suffix} end" %}
        {%- set base_value = base_kind.replace('{suffix}', '') %}
        {%- set base_method = base_kind.replace('{suffix}', '_method') %}
        {%- else %}
        {%- set base_value = 'previous_year.ytd_value_' ~ currency %}
        {%- set base_method = 'previous_year.ytd_value_' ~ currency ~ '_method' %}
        {%- endif %}
        {%- set method = kind ~ '_value_' ~ currency ~ '_method' %}
        case when {{ is_compiled_in_currency('current_period.' ~ method) }}
                and {{ is_compiled_in_currency(base_method) }}
            then {{ growth_pct('current_period.' ~ kind ~ '_value_' ~ currency, base_value) }}
        end as {{ kind }}_yoy_pct_{{ currency }}_computed,
        case when {{ is_compiled_in_currency('current_period.' ~ method) }}
                and {{ is_compiled_in_currency(base_method) }}
            then {{ base_value }}
        end as {{ kind }}_yoy_base_{{ currency }},
        {%- endfor %}{% endfor %}
        {%- for currency in currencies %}
        case when not current_period.is_jan_feb_combined and not previous_month.is_jan_feb_combined
                and {{ is_compiled_in_currency('current_period.month_value_' ~ currency ~ '_method') }}
                and {{ is_compiled_in_currency('previous_month.month_value_' ~ currency ~ '_method') }}
            then {{ growth_pct('current_period.month_value_' ~ currency, 'previous_month.month_value_' ~ currency) }}
        end as month_mom_pct_{{ currency }}_computed{{ ',' if not loop.last }}
        {%- endfor %}
    from joined as current_period
    left join joined as previous_year
        on current_period.flow = previous_year.flow
        and previous_year.period_month = cast(current_period.period_month - interval 12 month as date)
    left join joined as previous_month
        on current_period.flow = previous_month.flow
        and previous_month.period_month = cast(current_period.period_month - interval 1 month as date)
),

final as (
    select
        with_growth.period_month,
        with_growth.period_start_month,
        {{ period_label('with_growth.period_start_month', 'with_growth.period_month') }} as period_label,
        with_growth.is_jan_feb_combined,
        with_growth.flow,
        {%- for kind in kinds %}
        {%- for currency in currencies %}
        with_growth.{{ kind }}_value_{{ currency }},
        with_growth.{{ kind }}_value_{{ currency }}_method,
        {%- endfor %}
        {%- for currency in currencies %}
        with_growth.{{ kind }}_yoy_pct_{{ currency }}_computed,
        {{ kind }}_{{ currency }}_growth.value_base as {{ kind }}_yoy_pct_{{ currency }}_reported,
        with_growth.{{ kind }}_yoy_base_{{ currency }},
        -- the base customs' reported growth implies: level / (1 + growth); beside the base used, a revision of the
        -- prior year shows as the difference of the two
        case when {{ is_compiled_in_currency('with_growth.' ~ kind ~ '_value_' ~ currency ~ '_method') }}
                and {{ kind }}_{{ currency }}_growth.value_base > -100
            then with_growth.{{ kind }}_value_{{ currency }} / (1 + {{ kind }}_{{ currency }}_growth.value_base / 100)
        end as {{ kind }}_yoy_base_{{ currency }}_implied,
        {%- endfor %}
        {%- endfor %}
        with_growth.month_mom_pct_usd_computed,
        with_growth.month_mom_pct_cny_computed,
        with_growth.month_fx_rate_cny_per_usd,
        with_growth.month_fx_rate_method,
        with_growth.month_usd_observation_id,
        with_growth.month_cny_observation_id,
        -- a figure found only once is marked so: the sources that print the chosen value (within their printing)
        usd_observation.corroboration_count as month_usd_source_count,
        cny_observation.corroboration_count as month_cny_source_count
    from with_growth
    left join {{ ref('int_trade_observations_chosen') }} as usd_observation
        on with_growth.month_usd_observation_id = usd_observation.observation_id
    left join {{ ref('int_trade_observations_chosen') }} as cny_observation
        on with_growth.month_cny_observation_id = cny_observation.observation_id
    {%- for kind in kinds %}{% for currency in currencies %}
    left join reported_growth as {{ kind }}_{{ currency }}_growth
        on with_growth.flow = {{ kind }}_{{ currency }}_growth.flow
        and {{ kind }}_{{ currency }}_growth.basis = '{{ currency | upper }}'
        and {{ 'with_growth.period_start_month' if kind == 'month'
                else "date_trunc('year', with_growth.period_month)" }}
            = {{ kind }}_{{ currency }}_growth.period_start_month
        and with_growth.period_month = {{ kind }}_{{ currency }}_growth.period_end_month
    {%- endfor %}{% endfor %}
)

select * from final
