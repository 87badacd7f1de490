{#- True where a value was compiled in its own currency: published, or derived from that currency's own figures
    (derived_from_ytd, derived_from_flows); false for a value converted at an exchange rate, null where there is
    no value. Growth rates, shares and unit values use only such values: a converted series would carry
    exchange-rate movements (docs/decisions/0002-currency-basis.md). -#}
{% macro is_compiled_in_currency(method_column) -%}
    ({{ method_column }} not like 'converted%')
{%- endmacro %}
