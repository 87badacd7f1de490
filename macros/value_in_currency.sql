{#- A monetary value in one target currency ('cny' or 'usd'), as columns value_<currency>, value_<currency>_method
    and, given both tolerances, value_<currency>_tolerance (docs/decisions/0002-currency-basis.md): the value
    compiled in that currency wins (its method, 'published' unless given); otherwise the other currency's value
    converted at the period's rate (value_usd * fx_rate_cny_per_usd, or value_cny / fx_rate_cny_per_usd), method
    'converted_from_usd' / 'converted_from_cny'. Arguments are SQL expressions. -#}
{% macro value_in_currency(
    currency, value_cny, value_usd, fx_rate_cny_per_usd,
    method_cny="'published'", method_usd="'published'", tolerance_cny=none, tolerance_usd=none
) -%}
    {%- if currency == 'cny' -%}
        {%- set own = {'value': value_cny, 'method': method_cny, 'tolerance': tolerance_cny} -%}
        {%- set converted = value_usd ~ ' * ' ~ fx_rate_cny_per_usd -%}
        {%- set converted_tolerance = tolerance_usd ~ ' * ' ~ fx_rate_cny_per_usd -%}
        {%- set method = 'converted_from_usd' -%}
    {%- elif currency == 'usd' -%}
        {%- set own = {'value': value_usd, 'method': method_usd, 'tolerance': tolerance_usd} -%}
        {%- set converted = value_cny ~ ' / ' ~ fx_rate_cny_per_usd -%}
        {%- set converted_tolerance = tolerance_cny ~ ' / ' ~ fx_rate_cny_per_usd -%}
        {%- set method = 'converted_from_cny' -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error("value_in_currency: currency must be 'cny' or 'usd', not " ~ currency) }}
    {%- endif -%}
    coalesce({{ own.value }}, {{ converted }}) as value_{{ currency }},
    case
        when {{ own.value }} is not null then {{ own.method }}
        when {{ converted }} is not null then '{{ method }}'
    end as value_{{ currency }}_method
    {%- if tolerance_cny is not none and tolerance_usd is not none %},
    case when {{ own.value }} is not null then {{ own.tolerance }}
        else {{ converted_tolerance }} end as value_{{ currency }}_tolerance
    {%- endif %}
{%- endmacro %}
