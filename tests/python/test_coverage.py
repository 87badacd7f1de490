"""The README's coverage section is what the warehouse holds: generated from the session's build, it must equal the
README's (ctw.present.coverage; make coverage regenerates it)."""

from __future__ import annotations


from conftest import PROJECT_DIR, published_file
from ctw.present import coverage


def readme_section() -> str:
    text = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    return coverage.BEGIN + text.split(coverage.BEGIN, 1)[1].split(coverage.END, 1)[0] + coverage.END


def test_the_readme_says_what_the_warehouse_covers(built_project):
    generated = coverage.section(published_file(built_project))
    assert readme_section() == generated, "the README's coverage section is stale: run make coverage"


def test_every_mart_is_listed(built_project, warehouse):
    marts = {name for (name,) in warehouse.execute(
        "select table_name from information_schema.tables where table_schema = 'marts'").fetchall()}
    section = readme_section()
    assert marts and all(f"| `{name}` |" in section for name in marts)
    assert "| `fct_trade_series_long` |" in section


def test_a_change_in_the_data_shows_in_the_section(built_project, tmp_path):
    """The comparison above can fail: a warehouse with one partner row fewer generates another section."""
    import shutil

    import duckdb
    copy = tmp_path / "china_trade.duckdb"
    shutil.copy(published_file(built_project), copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("delete from marts.fct_partner_trade where partner_code = 'LATAM'")
    assert coverage.section(copy) != readme_section()
    assert "| LATAM |" not in coverage.section(copy) and "| LATAM |" in readme_section()


def test_every_gap_is_listed_with_the_searches_that_failed(built_project, warehouse):
    series = coverage.headline_series(warehouse)
    unexplained = [gaps for line, gaps in coverage.explained_gaps(series, coverage.searched_gaps())
                   if line == "not searched"]
    assert not unexplained, f"gaps without a line in docs/searched_gaps.csv: {unexplained}"


def test_a_gap_without_searches_is_reported(built_project, warehouse, tmp_path):
    """The check above can fail: without the line for March 2026, its gaps come back as not searched (control: the
    same file rewritten unchanged explains them)."""
    import csv

    searched = coverage.searched_gaps()
    series = coverage.headline_series(warehouse)
    assert all(line != "not searched" for line, _ in coverage.explained_gaps(series, searched))
    without_march = [line for line in searched if line["period_from"] != "2026-03" or line["kind"] != "any"]
    path = tmp_path / "searched_gaps.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, [name for name in searched[0] if name != "line"])
        writer.writeheader()
        writer.writerows({name: value for name, value in line.items() if name != "line"} for line in without_march)
    unexplained = dict(coverage.explained_gaps(series, coverage.searched_gaps(path))).get("not searched", [])
    assert "2026-03 exports, USD, month" in unexplained
    assert not any(gap.startswith("2025-") for gap in unexplained)
