-- The synthetic detailed lines of one month (ctw.scale.synthetic_detail writes them to Parquet), from the temporary
-- tables slots (that month's rows of synthetic_detail_months, with flow_index), partners and chapters.
-- Each draw is hash(row + the stream's offset), one stream per draw: the hash of one integer mixes well, while
-- DuckDB's hash of several arguments does not (draws of neighbouring rows would correlate). hash() is a uint64:
-- divided by 2^64 - 1 (the double 1.8446744073709552e+19) it is a draw in [0, 1]. The weights lean heavily towards
-- the top partners and chapters (their lines are larger), the draws only a little (their lines are more numerous),
-- which keeps repeated draws of one line rare: the rows written are within a fraction of a percent of $rows. Each
-- flow's published total is shared out in proportion to the weights.
with draws as (
    select
        row_numbers.i % $flows as flow_index,
        hash(row_numbers.i + $partner_stream) / 1.8446744073709552e+19 as u_partner,
        hash(row_numbers.i + $chapter_stream) / 1.8446744073709552e+19 as u_chapter,
        hash(row_numbers.i + $heading_stream) / 1.8446744073709552e+19 as u_heading,
        hash(row_numbers.i + $size_stream) / 1.8446744073709552e+19 as u_size
    from range($rows) as row_numbers (i)
),

lines as (
    select
        chapters.hs_chapter
        || lpad(cast(cast(floor(draws.u_heading * 1000000) as integer) as varchar), 6, '0') as hs8_code,
        partners.partner_code,
        slots.flow,
        -- whole units, so that sums are exact whatever order the threads add them in: the files are the same byte
        -- for byte on every run
        cast(round(1e9 * (0.05 + draws.u_size) / (partners.partner_rank + 1)
            / pow(chapters.chapter_rank + 1, 0.8)) as bigint) as weight
    from draws
    inner join slots on draws.flow_index = slots.flow_index
    inner join partners
        on partners.partner_rank = cast(floor(pow(draws.u_partner, 1.3) * $partners) as integer)
    inner join chapters
        on chapters.chapter_rank = cast(floor(pow(draws.u_chapter, 1.3) * 96) as integer)
),

grained as (  -- two draws of the same commodity, partner and flow are one line
    select
        hs8_code,
        partner_code,
        flow,
        sum(weight) as weight
    from lines
    group by hs8_code, partner_code, flow
),

shared as (
    select
        grained.hs8_code,
        grained.partner_code,
        grained.flow,
        slots.total_usd * grained.weight / sum(grained.weight) over (partition by grained.flow) as value_usd,
        slots.total_cny * grained.weight / sum(grained.weight) over (partition by grained.flow) as value_cny
    from grained
    inner join slots on grained.flow = slots.flow
)

select
    hs8_code,
    partner_code,
    flow,
    value_usd,
    value_cny,
    -- a price per kg between 2 and 42 dollars, fixed per commodity
    round(value_usd / (2.0 + 40.0 * (hash(hs8_code) % 1000) / 1000.0)) as quantity_kg,
    true as is_synthetic
from shared
order by flow, partner_code, hs8_code
