{#- A select, over the CTE flows (the flows side by side, as audit_published_flows has them), of a flow identity
    where all three of its flows were published: the flow given against the expression of exports and imports it
    should equal, with the printing tolerance of the three and the revision allowance of the scale given. keys: the
    columns that name a row of flows (the headline's period kind, period and currency by default). -#}
{% macro flow_identity_gaps(flow, equals, revision_scale, keys=none) -%}
    {%- set keys = keys or ['period_kind', 'period_end_month', 'currency'] -%}
    select
        {%- for key in keys %}
        {{ key }},
        {%- endfor %}
        exports,
        imports,
        {{ flow }},
        {{ flow }} - ({{ equals }}) as gap,
        exports_tolerance + imports_tolerance + {{ flow }}_tolerance as rounding_tolerance,
        {{ revision_allowance(revision_scale) }} as revision_allowance,
        exports_source_id,
        imports_source_id,
        {{ flow }}_source_id
    from flows
    where exports is not null and imports is not null and {{ flow }} is not null
{%- endmacro %}
