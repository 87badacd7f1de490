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
from ctw.analyses import analysis_sql

DEFAULT_OUT = PROJECT_DIR / config.DEFAULT_DETAIL_PATH
MONTH_RANGE = re.compile(r"(\d{4}-\d{2})\.\.(\d{4}-\d{2})")
STREAMS = ("partner", "chapter", "heading", "size")
# the SQL lives in the dbt project, beside its other analyses (analyses/scale/synthetic_detail_*.sql)
MONTHS, PARTNERS, CHAPTERS, MONTH_LINES = (
    analysis_sql(f"scale/synthetic_detail_{name}") for name in ("months", "partners", "chapters", "month_lines"))
PARQUET = "format parquet, compression zstd, row_group_size 1000000"


def stream_offset(seed: int, month: str, stream: str) -> int:
    """A fixed 62-bit offset per seed, month and draw, far enough apart that the streams never overlap."""
    return int.from_bytes(hashlib.sha256(f"{seed}/{month}/{stream}".encode()).digest()[:8], "big") >> 2


def month_list(first: str, last: str, warehouse: Path) -> list[tuple]:
    with published_attached(warehouse) as con:
        return con.execute(MONTHS, {"first_month": f"{first}-01", "last_month": f"{last}-01"}).fetchall()


def published_attached(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the published file attached, read-only, as `published`."""
    con = duckdb.connect()
    con.execute(f"attach '{str(warehouse).replace(chr(39), chr(39) * 2)}' as published (read_only)")
    return con


def generate(warehouse: Path, out: Path, rows: int, seed: int, first: str, last: str) -> tuple[int, int]:
    """Write one partition per month; returns (rows written, months)."""
    slots = month_list(first, last, warehouse)
    months = sorted({slot[0] for slot in slots})
    if not months:
        raise SystemExit(f"generate_detail: no month between {first} and {last} has published totals to share out")
    per_month, extra = divmod(rows, len(months))
    written = 0
    with published_attached(warehouse) as con:
        con.execute(f"create temp table partners as {PARTNERS}")
        con.execute(f"create temp table chapters as {CHAPTERS}")
        partners = con.execute("select count(*) from partners").fetchone()[0]
        for index, month in enumerate(months):
            month_rows = per_month + (1 if index < extra else 0)
            con.execute("create or replace temp table slots as select *, row_number() over (order by flow) - 1"
                        f" as flow_index from ({MONTHS})", {"first_month": month, "last_month": month})
            flows = con.execute("select count(*) from slots").fetchone()[0]
            folder = out / f"period_month={month.isoformat()}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            path = folder / "data_0.parquet"
            streams = {f"{name}_stream": stream_offset(seed, month.isoformat(), name) for name in STREAMS}
            con.execute(f"copy ({MONTH_LINES}) to '{path}' ({PARQUET})",
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
