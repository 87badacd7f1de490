{#- The headline series in the order the warehouse lists them: month before year to date, US dollars before yuan,
    then (when flows are given) each flow in the order given. A list of dicts with kind, currency and flow (none
    without flows), for one loop where a model writes one select or one column set per series. -#}
{% macro headline_series(flows=none) -%}
    {%- set series = [] -%}
    {%- for kind in ['month', 'ytd'] -%}
        {%- for currency in ['usd', 'cny'] -%}
            {%- for flow in (flows or [none]) -%}
                {%- do series.append({'kind': kind, 'currency': currency, 'flow': flow}) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(series) }}
{%- endmacro %}
