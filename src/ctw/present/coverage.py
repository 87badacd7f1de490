"""What the warehouse covers, generated from the published file: the README's coverage section, which cannot go stale.

Every month missing from a headline series is listed with the searches that looked for it and failed, from
docs/searched_gaps.csv (one line per searched range of months and series; `any` matches every kind, currency or
flow). A gap no line explains is shown as "not searched", and tests/python/test_coverage.py fails on it.

    python scripts/coverage.py                 print the section (markdown)
    python scripts/coverage.py --write-readme  replace the section between the README's coverage markers

tests/python/test_coverage.py compares the README's section with the one the session's build generates: a change to
the data that leaves the README behind fails there, with this command to run.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import duckdb

from ctw.config import PROJECT_DIR, published_path

BEGIN, END = "<!-- coverage:begin -->", "<!-- coverage:end -->"
SEARCHED_GAPS = PROJECT_DIR / "docs" / "searched_gaps.csv"
FLOWS = ("exports", "imports", "balance")
SHOWN_GAPS = 6


def headline_series(con) -> list[tuple[str, str, str, object, object, int, list[str]]]:
    """(kind, currency, flow, first, last, months with a value, months without) for each headline series."""
    series = []
    for kind in ("month", "ytd"):
        for currency in ("usd", "cny"):
            for flow in FLOWS:
                column = f"{kind}_value_{currency}"
                method = f"{column}_method"
                first, last, present, missing = con.execute(f"""
                    with series as (
                        select period_month, {column} is not null and {method} not like 'converted%' as has_value
                        from marts.fct_monthly_trade where flow = ?
                    ),
                    bounds as (select min(period_month) filter (where has_value) as first_month,
                                      max(period_month) filter (where has_value) as last_month,
                                      min(period_month) as earliest_month,
                                      max(period_month) as latest_month from series),
                    -- a series that starts after the first month or stops before the latest month the warehouse
                    -- covers has gaps from and to them
                    calendar as (
                        select cast(month as date) as period_month
                        from bounds, range(bounds.earliest_month, bounds.latest_month + interval 1 month,
                                           interval 1 month) as months(month)
                    ),
                    -- from 2020 January is published with February; before that on its own
                    release_months as (
                        select calendar.period_month from calendar
                        inner join marts.dim_months on calendar.period_month = dim_months.period_month
                        where not (month(calendar.period_month) = 1 and dim_months.is_in_customs_jan_feb_release)
                    )
                    select any_value(first_month), any_value(last_month),
                        count(*) filter (where series.has_value),
                        list(strftime(calendar.period_month, '%Y-%m') order by calendar.period_month)
                            filter (where not coalesce(series.has_value, false))
                    from release_months as calendar cross join bounds
                    left join series on calendar.period_month = series.period_month""", [flow]).fetchone()
                series.append((kind, currency.upper(), flow, first, last, present, missing or []))
    return series


def by_year(con) -> list[str]:
    """Release periods with a month value compiled in each currency, by year (exports / imports / balance)."""
    rows = con.execute("""
        with periods as (
            select year(period_month) as year, flow,
                month_value_usd is not null and month_value_usd_method not like 'converted%' as has_usd,
                month_value_cny is not null and month_value_cny_method not like 'converted%' as has_cny
            from marts.fct_monthly_trade
            where flow in ('exports', 'imports', 'balance')
        )
        select year, count(*) filter (where flow = 'exports') as periods,
            count(*) filter (where flow = 'exports' and has_usd), count(*) filter (where flow = 'imports' and has_usd),
            count(*) filter (where flow = 'balance' and has_usd),
            count(*) filter (where flow = 'exports' and has_cny), count(*) filter (where flow = 'imports' and has_cny),
            count(*) filter (where flow = 'balance' and has_cny)
        from periods group by year order by year""").fetchall()
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


def searched_gaps(path: Path = SEARCHED_GAPS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [dict(row, line=str(number)) for number, row in enumerate(csv.DictReader(handle), start=2)]


def explained_gaps(series, searched: list[dict[str, str]]) -> list[tuple[str, list[str]]]:
    """Each searched_gaps line with the gaps it explains, then ("not searched", gaps) for the gaps none explains."""
    def matches(line, kind, currency, flow, month):
        return (line["period_from"] <= month <= line["period_to"] and line["kind"] in (kind, "any")
                and line["currency"] in (currency, "any") and line["flow"] in (flow, "any"))
    explained = {line["line"]: [] for line in searched}
    unexplained = []
    for kind, currency, flow, _, _, _, missing in series:
        for month in missing:
            lines = [line for line in searched if matches(line, kind, currency, flow, month)]
            for line in lines:
                explained[line["line"]].append(f"{month} {series_name(kind, currency, flow)}")
            if not lines:
                unexplained.append(f"{month} {series_name(kind, currency, flow)}")
    return [(number, gaps) for number, gaps in explained.items() if gaps] + (
        [("not searched", unexplained)] if unexplained else [])


def describe_series(names: set[str]) -> str:
    """'exports, USD, month' ... grouped: 'USD month: exports, imports; CNY year to date: balance'."""
    groups: dict[str, list[str]] = {}
    for name in names:
        flow, currency, period = name.split(", ")
        groups.setdefault(f"{currency} {period}", []).append(flow)
    order = [f"{currency} {period}" for currency in ("USD", "CNY") for period in ("month", "year to date")]
    return "; ".join(f"{group}: {', '.join(sorted(groups[group]))}" for group in order if group in groups)


def gap_table(series, searched: list[dict[str, str]]) -> list[str]:
    by_line = {line["line"]: line for line in searched}
    lines = ["| months | series without a value | searches that failed | what the pages print |", "|---|---|---|---|"]
    for number, gaps in explained_gaps(series, searched):
        line = by_line.get(number)
        months = sorted({gap.split(" ", 1)[0] for gap in gaps})
        span = ", ".join(months) if len(months) <= 3 else f"{months[0]} to {months[-1]} ({len(months)} months)"
        series_missing = describe_series({gap.split(" ", 1)[1] for gap in gaps})
        if line is None:
            lines.append(f"| {span} | {series_missing} | not searched | |")
            continue
        queries = [query for query in line["searches"].split(" | ") if query]
        lines.append(f"| {span} | {series_missing} | {len(queries)} on {line['searched_on']} "
                     f"(`docs/searched_gaps.csv` line {number}) | {line['finding']} |")
    return lines


def series_of(con, relation: str, code: str) -> list[str]:
    rows = con.execute(f"""
        select {code}, count(*), min(period_end_month), max(period_end_month),
            count(*) filter (where months_covered = 1), count(*) filter (where months_covered > 1)
        from marts.{relation} where {code} not in ('WLD', 'TOTAL')
        group by {code} order by count(*) desc, {code}""").fetchall()
    lines = [f"| {code.split('_')[0]} | rows | periods ending | single months | longer periods |", "|---|---|---|---|---|"]
    lines += [f"| {c} | {n} | {a:%Y-%m} to {b:%Y-%m} | {m} | {y} |" for c, n, a, b, m, y in rows]
    return lines


def marts(con) -> list[str]:
    rows = con.execute("""
        select table_name, estimated_size from duckdb_tables() where schema_name = 'marts'
        union all select view_name, null from duckdb_views() where schema_name = 'marts' and not internal
        order by 1""").fetchall()
    counted = [(name, con.execute(f'select count(*) from marts."{name}"').fetchone()[0]) for name, _ in rows]
    return ["| mart | rows |", "|---|---|"] + [f"| `{name}` | {count} |" for name, count in counted]


def fx(con) -> str:
    first, last, months = con.execute("""
        select min(period_month), max(period_month), count(*) from intermediate.int_fx_monthly_rates
        where fx_rate_cny_per_usd is not null""").fetchone()
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
            "Each month without a value and the searches that looked for it (`docs/searched_gaps.csv`):", "",
            *gap_table(series, searched_gaps()), "",
            "Partners (`fct_partner_trade`):", "", *series_of(con, "fct_partner_trade", "partner_code"), "",
            "Products and commodities (`fct_product_trade`):", "", *series_of(con, "fct_product_trade", "product_code"),
            "", fx(con), "", "Every mart and its rows:", "", *marts(con), END,
        ]
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=published_path())
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args()
    text = section(args.warehouse)
    if not args.write_readme:
        print(text)
        return 0
    readme = PROJECT_DIR / "README.md"
    current = readme.read_text(encoding="utf-8")
    if BEGIN not in current or END not in current:
        print(f"{readme} has no coverage markers ({BEGIN} ... {END})", file=sys.stderr)
        return 1
    before, rest = current.split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    readme.write_text(before + text + after, encoding="utf-8")
    print(f"coverage section of {readme} regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
