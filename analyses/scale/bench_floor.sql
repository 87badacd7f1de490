-- The bench's hand-written floor (ctw.scale.bench, make bench): the tables the detailed models build, in one script
-- and one process, to compare the dbt build with. It is a peer by design, written apart from the models. Run with
-- the published file attached as `base` and the variable detail_files set to the Parquet files' glob.
create table int_customs_detail_by_partner_chapter as
select
    period_month,
    flow,
    partner_code,
    left(hs8_code, 2) as hs_chapter,
    sum(value_usd) as value_usd,
    sum(value_cny) as value_cny,
    sum(quantity_kg) as quantity_kg,
    count(*) as line_count,
    count(*) filter (where not regexp_full_match(hs8_code, '[0-9]{8}')) as malformed_hs8_lines,
    count(*) filter (where value_usd is null or value_cny is null or value_usd < 0 or value_cny < 0)
        as missing_or_negative_value_lines,
    count(*) filter (where quantity_kg < 0) as negative_quantity_lines,
    count(*) - count(distinct hs8_code) as repeated_hs8_lines,
    count(*) filter (where is_synthetic) as synthetic_line_count
from read_parquet(getvariable('detail_files'), hive_partitioning = true)
group by all;

create table fct_detail_trade_by_partner as
select
    t.period_month,
    t.flow,
    t.partner_code,
    p.partner_name,
    t.value_usd,
    t.value_cny,
    t.quantity_kg,
    100 * t.value_usd / sum(t.value_usd) over (partition by t.period_month, t.flow) as share_pct_usd,
    t.line_count,
    t.is_synthetic
from (
    select
        period_month,
        flow,
        partner_code,
        sum(value_usd) as value_usd,
        sum(value_cny) as value_cny,
        sum(quantity_kg) as quantity_kg,
        sum(line_count) as line_count,
        sum(synthetic_line_count) > 0 as is_synthetic
    from int_customs_detail_by_partner_chapter
    group by all
) as t
left join base.reference.ref_partners as p on t.partner_code = p.partner_code;

create table fct_detail_trade_by_chapter as
select
    *,
    100 * value_usd / sum(value_usd) over (partition by period_month, flow) as share_pct_usd
from (
    select
        period_month,
        flow,
        hs_chapter,
        sum(value_usd) as value_usd,
        sum(value_cny) as value_cny,
        sum(quantity_kg) as quantity_kg,
        sum(line_count) as line_count,
        sum(synthetic_line_count) > 0 as is_synthetic
    from int_customs_detail_by_partner_chapter
    group by all
) as by_chapter;
