{#- A single month's value as columns <name>, <name>_method and <name>_tolerance: the month's published figure
    ('published'); otherwise YTD(month) - YTD(previous period end) in the same unit ('derived_from_ytd'), known to
    within the sum of both figures' half-units. month, ytd and previous_ytd are aliases of left-joined rows with
    value_base and rounding_half_unit_base. A period that is itself year-to-date (January; customs' January-February)
    gets no previous_ytd row from its caller, so it is published or missing, never derived. -#}
{% macro month_from_ytd(month, ytd, previous_ytd, name) -%}
    coalesce({{ month }}.value_base, {{ ytd }}.value_base - {{ previous_ytd }}.value_base) as {{ name }},
    case
        when {{ month }}.value_base is not null then 'published'
        when {{ ytd }}.value_base - {{ previous_ytd }}.value_base is not null then 'derived_from_ytd'
    end as {{ name }}_method,
    coalesce(
        {{ month }}.rounding_half_unit_base,
        {{ ytd }}.rounding_half_unit_base + {{ previous_ytd }}.rounding_half_unit_base
    ) as {{ name }}_tolerance
{%- endmacro %}
