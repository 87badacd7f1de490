"""What the warehouse covers, generated from the published file: docs/coverage.md, which cannot go stale.

The figures come from the reporting models rpt_coverage_* (models/reporting/), which hold every rule of what counts
(a value compiled in its own currency, the months of the calendar, January-February); this file only writes them as
Markdown. Every month missing from a headline series is listed with the searches that looked for it and failed, from
the seed ref_searched_gaps (seeds/reference/ref_searched_gaps.csv: one line per searched range of months and series;
`any` matches every kind, currency or flow), matched to the gaps in rpt_coverage_gaps. A gap no line explains is shown
as "not searched"; the build refuses one (expectation every_gap_was_searched, expectations/completeness.yml).

    python scripts/coverage.py          print the page (markdown)
    python scripts/coverage.py --write  write it to docs/coverage.md (make coverage)

tests/python/test_coverage.py compares docs/coverage.md with the page the session's build generates: a change to the
data that leaves the page behind fails there, with this command to run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from ctw.config import PROJECT_DIR, published_path

BEGIN, END = "<!-- coverage:begin -->", "<!-- coverage:end -->"
COVERAGE_PAGE = PROJECT_DIR / "docs" / "coverage.md"
TITLE = "# What the warehouse covers"
SHOWN_GAPS = 6


def headline_series(con) -> list[tuple[str, str, str, object, object, int, list[str]]]:
    """(kind, currency, flow, first, last, months with a value, months without) for each headline series."""
    missing: dict[int, list[str]] = {}
    for number, month in con.execute(
            "select distinct series_number, period_month from reporting.rpt_coverage_gaps order by all").fetchall():
        missing.setdefault(number, []).append(f"{month:%Y-%m}")
    return [(kind, currency, flow, first, last, present, missing.get(number, []))
            for number, kind, currency, flow, first, last, present, _ in con.execute(
                "select * from reporting.rpt_coverage_series order by series_number").fetchall()]


def by_year(con) -> list[str]:
    """Release periods with a month value compiled in each currency, by year (exports / imports / balance)."""
    rows = con.execute("select * from reporting.rpt_coverage_by_year order by year").fetchall()
    lines = ["| year | release periods | USD month: exports / imports / balance | CNY month: exports / imports / balance |",
             "|---|---|---|---|"]
    lines += [f"| {year} | {periods} | {eu} / {iu} / {bu} | {ec} / {ic} / {bc} |"
              for year, periods, eu, iu, bu, ec, ic, bc in rows]
    return lines


def series_name(kind: str, currency: str, flow: str) -> str:
    return f"{flow}, {currency}, {'month' if kind == 'month' else 'year to date'}"


def headline(series) -> list[str]:
    lines = ["| series | first | last | months with a value | months without |", "|---|---|---|---|---|"]
    for kind, currency, flow, first, last, present, missing in series:
        shown = ", ".join(missing[:SHOWN_GAPS]) + (f" and {len(missing) - SHOWN_GAPS} more"
                                                    if len(missing) > SHOWN_GAPS else "")
        lines.append(f"| {series_name(kind, currency, flow)} | {first:%Y-%m} | {last:%Y-%m} | {present} | "
                     f"{len(missing)}{': ' + shown if missing else ''} |")
    return lines


def explained_gaps(con) -> list[tuple[str, list[str], tuple | None]]:
    """(line of ref_searched_gaps, the gaps it explains, (searched on, searches, finding)) for each line that explains
    one, in the file's order, then ("not searched", gaps, None) for the gaps no line explains (rpt_coverage_gaps)."""
    explained: dict[str, tuple[list[str], tuple | None]] = {}
    for _, kind, currency, flow, month, line, searched_on, searches, finding in con.execute(
            "select * from reporting.rpt_coverage_gaps order by searched_gap_line nulls last, series_number, "
            "period_month").fetchall():
        number = str(line) if line is not None else "not searched"
        gaps, _ = explained.setdefault(number, ([], (searched_on, searches, finding) if line is not None else None))
        gaps.append(f"{month:%Y-%m} {series_name(kind, currency, flow)}")
    return [(number, gaps, search) for number, (gaps, search) in explained.items()]


def describe_series(names: set[str]) -> str:
    """'exports, USD, month' ... grouped: 'USD month: exports, imports; CNY year to date: balance'."""
    groups: dict[str, list[str]] = {}
    for name in names:
        flow, currency, period = name.split(", ")
        groups.setdefault(f"{currency} {period}", []).append(flow)
    order = [f"{currency} {period}" for currency in ("USD", "CNY") for period in ("month", "year to date")]
    return "; ".join(f"{group}: {', '.join(sorted(groups[group]))}" for group in order if group in groups)


def gap_table(con) -> list[str]:
    lines = ["| months | series without a value | searches that failed | what the pages print |", "|---|---|---|---|"]
    for number, gaps, search in explained_gaps(con):
        months = sorted({gap.split(" ", 1)[0] for gap in gaps})
        span = ", ".join(months) if len(months) <= 3 else f"{months[0]} to {months[-1]} ({len(months)} months)"
        series_missing = describe_series({gap.split(" ", 1)[1] for gap in gaps})
        if search is None:
            lines.append(f"| {span} | {series_missing} | not searched | |")
            continue
        searched_on, searches, finding = search
        lines.append(f"| {span} | {series_missing} | {searches} on {searched_on} "
                     f"(`seeds/reference/ref_searched_gaps.csv` line {number}) | {finding} |")
    return lines


def series_of(con, relation: str, code: str) -> list[str]:
    rows = con.execute(f"select * from reporting.{relation} order by row_count desc, {code}").fetchall()
    lines = [f"| {code.split('_')[0]} | rows | periods ending | single months | longer periods |", "|---|---|---|---|---|"]
    lines += [f"| {c} | {n} | {a:%Y-%m} to {b:%Y-%m} | {m} | {y} |" for c, n, a, b, m, y in rows]
    return lines


def marts(con) -> list[str]:
    """Each mart with its rows, as the build that published the file counted them (provenance.relation_rows)."""
    counted = con.execute("select relation_name, row_count from provenance.relation_rows where schema_name = 'marts'"
                          " order by relation_name").fetchall()
    return ["| mart | rows |", "|---|---|"] + [f"| `{name}` | {count} |" for name, count in counted]


def fx(con) -> str:
    first, last, months = con.execute("select first_month, last_month, months from reporting.rpt_coverage_fx_rates"
                                      ).fetchone()
    return f"Exchange rates: the ECB's monthly CNY per USD for {months} months, {first:%Y-%m} to {last:%Y-%m}."


def section(warehouse: Path) -> str:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        series = headline_series(con)
        parts = [
            BEGIN,
            "Generated from the published warehouse by `make coverage` (do not edit by hand). Headline series: "
            "months with a value compiled in that currency (converted values do not count), from the first to the "
            "last; months without one are counted over every month the warehouse covers. From 2020 January is "
            "published with February.",
            "", *headline(series), "",
            "Single months with a value compiled in that currency, by year (a release period is a month, or from 2020 "
            "January-February):", "", *by_year(con), "",
            "Each month without a value and the searches that looked for it "
            "(`seeds/reference/ref_searched_gaps.csv`):", "",
            *gap_table(con), "",
            "Partners (`fct_partner_trade`):", "", *series_of(con, "rpt_coverage_partners", "partner_code"), "",
            "Products and commodities (`fct_product_trade`):", "",
            *series_of(con, "rpt_coverage_products", "product_code"), "",
            fx(con), "", "Every mart and its rows:", "", *marts(con), END,
        ]
    return "\n".join(parts)


def page(warehouse: Path) -> str:
    """docs/coverage.md: a title, then the generated section between its markers."""
    return f"{TITLE}\n\n{section(warehouse)}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=published_path())
    parser.add_argument("--write", action="store_true", help="write the page to docs/coverage.md")
    args = parser.parse_args()
    text = page(args.warehouse)
    if not args.write:
        print(text, end="")
        return 0
    COVERAGE_PAGE.write_text(text, encoding="utf-8")
    print(f"{COVERAGE_PAGE} regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
