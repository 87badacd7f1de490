"""The README's coverage section is what the warehouse holds: generated from the session's build, it must equal the
README's (scripts/coverage.py; make coverage regenerates it)."""

from __future__ import annotations

import sys

from conftest import PROJECT_DIR, published_file

sys.path.insert(0, str(PROJECT_DIR / "scripts"))
import coverage  # noqa: E402


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
