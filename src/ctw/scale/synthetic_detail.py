"""Generate SYNTHETIC detailed customs data (HS 8-digit x partner x flow x month) as Parquet, for scale work only.

Every value it writes is invented: none is a published figure. The data never enter the seeds, and reach the
published warehouse only when a build asks for them (CTW_WITH_DETAIL=1). What is real is the frame the rows hang on:
- the months, and each month's published total exports and imports in both currencies (marts.fct_monthly_trade),
  which the rows of a month sum to exactly, so the detail reconciles with the headline series;
- the partner codes (the countries of reference.ref_partners) and the HS chapters (01-97, 77 being reserved).
HS codes are text with leading zeros. A few partners and chapters dominate (skewed draws): partners ranked by the
largest value the warehouse publishes for them, chapters of the products it follows by HS code first.
Deterministic: the same --seed, --rows and --months give the same files, byte for byte.

Output: DIR/period_month=YYYY-MM-01/data_0.parquet (hive partitions, so a build reads only the months it needs),
every row labelled is_synthetic = true. A month already in DIR is overwritten.

Usage: python scripts/generate_detail.py --rows 1000000 [--seed 7] [--out data/synthetic_detail]
                                          [--months 2024-01..2025-12] [--warehouse FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
import time
from pathlib import Path

import duckdb

from ctw import config
from ctw.config import PROJECT_DIR, published_path

DEFAULT_OUT = PROJECT_DIR / config.DEFAULT_DETAIL_PATH
MONTH_RANGE = re.compile(r"(\d{4}-\d{2})\.\.(\d{4}-\d{2})")
UNIT_INTERVAL = 18446744073709551615.0  # hash() is a uint64: hash / 2^64-1 is a draw in [0, 1]
STREAMS = ("partner", "chapter", "heading", "size")

# one row per month x flow with a published single-month total in both currencies; January-February, published as
# one two-month period, has no single month to hang rows on and is left out, as is a flow whose total is a gap
SLOTS = """
select period_month, flow, month_value_usd as total_usd, month_value_cny as total_cny
from published.marts.fct_monthly_trade
where flow in ('exports', 'imports')
    and period_start_month = period_month
    and month_value_usd is not null and month_value_cny is not null
    and period_month between cast(? as date) and cast(? as date)
order by period_month, flow
"""

PARTNERS = """
create temp table partners as
with published_size as (
    select partner_code, max(value_cny) as largest_value_cny
    from published.marts.fct_partner_trade
    group by partner_code
)

select
    ref_partners.partner_code,
    cast(row_number() over (
        order by published_size.largest_value_cny desc nulls last, hash(ref_partners.partner_code)
    ) - 1 as integer) as partner_rank
from published.reference.ref_partners
left join published_size on ref_partners.partner_code = published_size.partner_code
where ref_partners.partner_kind = 'country'
"""

# rank 0 is the most traded: the chapters of the products the warehouse follows by HS code first, then a fixed
# shuffle of the rest
CHAPTERS = """
create temp table chapters as
with followed as (
    select distinct left(hs_code, 2) as hs_chapter
    from published.reference.ref_products
    where hs_code is not null
),

all_chapters as (
    select lpad(cast(chapter as varchar), 2, '0') as hs_chapter
    from range(1, 98) as t (chapter)
    where chapter <> 77
)

select
    all_chapters.hs_chapter,
    cast(row_number() over (
        order by followed.hs_chapter is null, hash(all_chapters.hs_chapter, 'chapter order')
    ) - 1 as integer) as chapter_rank
from all_chapters
left join followed on all_chapters.hs_chapter = followed.hs_chapter
"""

# The rows of one month. Each draw is hash(row + the stream's offset), one stream per draw: the hash of one integer
# mixes well, while DuckDB's hash of several arguments does not (draws of neighbouring rows would correlate). The
# weights lean heavily towards the top partners and chapters (their lines are larger), the draws only a little
# (their lines are more numerous), which keeps repeated draws of one line rare: the rows written are within a
# fraction of a percent of --rows. Each flow's published total is shared out in proportion to the weights.
MONTH_ROWS = f"""
copy (
    with draws as (
        select
            i % $flows as flow_index,
            hash(i + $partner_stream) / {UNIT_INTERVAL} as u_partner,
            hash(i + $chapter_stream) / {UNIT_INTERVAL} as u_chapter,
            hash(i + $heading_stream) / {UNIT_INTERVAL} as u_heading,
            hash(i + $size_stream) / {UNIT_INTERVAL} as u_size
        from range($rows) as t (i)
    ),

    lines as (
        select
            chapters.hs_chapter
            || lpad(cast(cast(floor(draws.u_heading * 1000000) as integer) as varchar), 6, '0') as hs8_code,
            partners.partner_code,
            slots.flow,
            -- whole units, so that sums are exact whatever order the threads add them in: the files are the same
            -- byte for byte on every run
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
        select hs8_code, partner_code, flow, sum(weight) as weight
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
) to '{{path}}' (format parquet, compression zstd, row_group_size 1000000)
"""


def stream_offset(seed: int, month: str, stream: str) -> int:
    """A fixed 62-bit offset per seed, month and draw, far enough apart that the streams never overlap."""
    return int.from_bytes(hashlib.sha256(f"{seed}/{month}/{stream}".encode()).digest()[:8], "big") >> 2


def month_list(first: str, last: str, warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(SLOTS.replace("published.", ""), [f"{first}-01", f"{last}-01"]).fetchall()


def generate(warehouse: Path, out: Path, rows: int, seed: int, first: str, last: str) -> tuple[int, int]:
    """Write one partition per month; returns (rows written, months)."""
    slots = month_list(first, last, warehouse)
    months = sorted({slot[0] for slot in slots})
    if not months:
        raise SystemExit(f"generate_detail: no month between {first} and {last} has published totals to share out")
    per_month, extra = divmod(rows, len(months))
    written = 0
    with duckdb.connect() as con:
        con.execute(f"attach '{warehouse}' as published (read_only)")
        con.execute(PARTNERS)
        con.execute(CHAPTERS)
        partners = con.execute("select count(*) from partners").fetchone()[0]
        for index, month in enumerate(months):
            month_rows = per_month + (1 if index < extra else 0)
            con.execute("create or replace temp table slots as select *, row_number() over (order by flow) - 1"
                        f" as flow_index from ({SLOTS.replace('?', repr(month.isoformat()))})")
            flows = con.execute("select count(*) from slots").fetchone()[0]
            folder = out / f"period_month={month.isoformat()}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            path = folder / "data_0.parquet"
            streams = {f"{name}_stream": stream_offset(seed, month.isoformat(), name) for name in STREAMS}
            con.execute(MONTH_ROWS.replace("{path}", str(path)),
                        {"rows": month_rows, "partners": partners, "flows": flows, **streams})
            written += con.execute(f"select count(*) from read_parquet('{path}')").fetchone()[0]
    return written, len(months)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows drawn (repeated draws merge, so a few fewer)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--months", default="2024-01..2025-12", help="first..last month, YYYY-MM..YYYY-MM")
    parser.add_argument("--warehouse", type=Path, default=published_path(),
                        help="the published file, for the months, their totals and the partner codes")
    args = parser.parse_args()
    match = MONTH_RANGE.fullmatch(args.months)
    if not match or args.rows < 1:
        parser.error("--months is YYYY-MM..YYYY-MM and --rows is at least 1")
    if not args.warehouse.is_file():
        print(f"generate_detail: no warehouse at {args.warehouse}; run make build first", file=sys.stderr)
        return 1
    started = time.monotonic()
    rows, months = generate(args.warehouse, args.out, args.rows, args.seed, match.group(1), match.group(2))
    print(f"SYNTHETIC detail: {rows:,} rows over {months} months in {args.out} "
          f"({time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
