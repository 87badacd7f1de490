"""What the warehouse covers, generated from the published file: the README's coverage section, which cannot go stale.

    python scripts/coverage.py                 print the section (markdown)
    python scripts/coverage.py --write-readme  replace the section between the README's coverage markers

tests/python/test_coverage.py compares the README's section with the one the session's build generates: a change to
the data that leaves the README behind fails there, with this command to run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from publishing import PROJECT_DIR, published_path

BEGIN, END = "<!-- coverage:begin -->", "<!-- coverage:end -->"
FLOWS = ("exports", "imports", "balance")
SHOWN_GAPS = 6


def headline(con) -> list[str]:
    lines = ["| series | first | last | months with a value | months without |", "|---|---|---|---|---|"]
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
                                      max(period_month) filter (where has_value) as last_month from series),
                    calendar as (
                        select cast(month as date) as period_month
                        from bounds, range(bounds.first_month, bounds.last_month + interval 1 month,
                                           interval 1 month) as months(month)
                        where not (month(month) = 1)  -- January is published with February
                    )
                    select any_value(first_month), any_value(last_month),
                        count(*) filter (where series.has_value),
                        list(strftime(calendar.period_month, '%Y-%m') order by calendar.period_month)
                            filter (where not coalesce(series.has_value, false))
                    from calendar cross join bounds
                    left join series on calendar.period_month = series.period_month""", [flow]).fetchone()
                missing = missing or []
                shown = ", ".join(missing[:SHOWN_GAPS]) + (f" and {len(missing) - SHOWN_GAPS} more"
                                                            if len(missing) > SHOWN_GAPS else "")
                period = "month" if kind == "month" else "year to date"
                lines.append(f"| {flow}, {currency.upper()}, {period} | {first:%Y-%m} | {last:%Y-%m} | {present} | "
                             f"{len(missing)}{': ' + shown if missing else ''} |")
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
        parts = [
            BEGIN,
            "Generated from the published warehouse by `make coverage` (do not edit by hand). Headline series: "
            "months with a value compiled in that currency (converted values do not count), from the first to the "
            "last; January is published with February.",
            "", *headline(con), "",
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
