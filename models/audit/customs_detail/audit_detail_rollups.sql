-- One row per month x flow of either rollup of the detailed lines (SYNTHETIC today): the partner rollup's and the
-- HS-chapter rollup's totals and line counts side by side; the same lines give the same totals.
with

{%- for rollup in ['by_partner', 'by_chapter'] %}
{{ rollup }} as (
    select
        period_month,
        flow,
        sum(value_usd) as value_usd,
        sum(value_cny) as value_cny,
        sum(line_count) as line_count
    from {{ ref('fct_detail_trade_' ~ rollup) }}
    group by period_month, flow
),
{% endfor %}
final as (
    select
        by_partner.period_month,
        by_partner.flow,
        by_chapter.period_month as chapter_month,
        by_chapter.flow as chapter_flow,
        by_partner.value_usd as partner_usd,
        by_chapter.value_usd as chapter_usd,
        by_partner.line_count as partner_lines,
        by_chapter.line_count as chapter_lines,
        by_partner.period_month is null or by_chapter.period_month is null
        or by_partner.line_count <> by_chapter.line_count
        or abs(by_partner.value_usd - by_chapter.value_usd)
        > {{ check_parameter('detail_sum_tolerance_ppb') }} / 1e9 * abs(by_partner.value_usd)
        or abs(by_partner.value_cny - by_chapter.value_cny)
        > {{ check_parameter('detail_sum_tolerance_ppb') }} / 1e9 * abs(by_partner.value_cny) as is_disagreeing
    from by_partner
    full outer join by_chapter
        on by_partner.period_month = by_chapter.period_month and by_partner.flow = by_chapter.flow
)

select * from final
