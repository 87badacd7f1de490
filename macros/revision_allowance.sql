{#- How far a later release may move a published figure: the revision allowance (a check parameter, percent) of the
    scale given, a SQL expression of the figure's size. Read by every audit that compares figures of different
    releases. -#}
{% macro revision_allowance(scale) -%}
    {{ check_parameter('revision_allowance_pct') }} / 100 * {{ scale }}
{%- endmacro %}

{#- The two verdicts on a gap between published figures: beyond their printing (a warning: sources or vintages
    disagree), and beyond printing plus the revision allowance (an error). Reads the columns gap, rounding_tolerance
    and revision_allowance. -#}
{% macro gap_verdicts() -%}
    abs(gap) > rounding_tolerance as is_beyond_rounding,
        abs(gap) > rounding_tolerance + revision_allowance as is_beyond_revision_allowance
{%- endmacro %}
