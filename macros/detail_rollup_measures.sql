{#- The measures of a rollup of int_customs_detail_by_partner_chapter, for its group by: values and quantities
    summed, lines counted, synthetic if any line is, and the version of the files they came from. -#}
{% macro detail_rollup_measures() %}
    sum(value_usd) as value_usd,
    sum(value_cny) as value_cny,
    sum(quantity_kg) as quantity_kg,
    cast(sum(line_count) as bigint) as line_count,
    sum(synthetic_line_count) > 0 as is_synthetic,
    max(source_file_version) as source_file_version
{%- endmacro %}
