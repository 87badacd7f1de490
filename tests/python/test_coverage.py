"""docs/coverage.md is what the warehouse holds: generated from the session's build, it must equal the file
(ctw.present.coverage from the reporting models rpt_coverage_*; make coverage regenerates it)."""

from __future__ import annotations


from conftest import PROJECT_DIR, published_file
from ctw.present import coverage


def coverage_page() -> str:
    return coverage.COVERAGE_PAGE.read_text(encoding="utf-8")


def test_the_coverage_page_says_what_the_warehouse_covers(built_project):
    generated = coverage.page(published_file(built_project))
    assert coverage_page() == generated, "docs/coverage.md is stale: run make coverage"


def test_every_mart_is_listed(built_project, warehouse):
    marts = {name for (name,) in warehouse.execute(
        "select table_name from information_schema.tables where table_schema = 'marts'").fetchall()}
    page = coverage_page()
    assert marts and all(f"| `{name}` |" in page for name in marts)
    assert "| `fct_trade_series_long` |" in page


def test_a_change_in_the_data_shows_in_the_page(built_project, tmp_path):
    """The comparison above can fail: a warehouse with one partner row fewer generates another page."""
    import shutil

    import duckdb
    copy = tmp_path / "china_trade.duckdb"
    shutil.copy(published_file(built_project), copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("delete from marts.fct_partner_trade where partner_code = 'LATAM'")
    assert coverage.page(copy) != coverage_page()
    assert "| LATAM |" not in coverage.page(copy) and "| LATAM |" in coverage_page()


def unexplained(con) -> list[str]:
    return dict((line, gaps) for line, gaps, _ in coverage.explained_gaps(con)).get("not searched", [])


def test_a_gap_without_searches_is_reported(built_project, tmp_path):
    """The coverage page names a gap no line explains (the build refuses one: expectation every_gap_was_searched):
    without the seed's line for March 2026, its gaps come back as not searched, through the range join of
    rpt_coverage_gaps (control: the same copy before the line is deleted explains them)."""
    import shutil

    import duckdb
    copy = tmp_path / "china_trade.duckdb"
    shutil.copy(published_file(built_project), copy)
    with duckdb.connect(str(copy)) as con:
        assert not unexplained(con)
        deleted = con.execute("delete from reference.ref_searched_gaps where period_from = '2026-03' and kind = 'any'"
                              ).fetchone()[0]
        assert deleted == 1
        gaps = unexplained(con)
    assert "2026-03 exports, USD, month" in gaps
    assert not any(gap.startswith("2025-") for gap in gaps)


def test_a_gap_is_matched_only_within_its_line_s_range_and_series(built_project, warehouse):
    """The range join keeps a line's bounds, kind, currency and flow: the line for April 2026 in yuan explains the
    April gaps of the CNY month series only (not the USD ones, not March)."""
    line = warehouse.execute("select searched_gap_line from staging.stg_reference__searched_gaps "
                             "where period_from_month = '2026-04-01' and period_kind = 'month' and currency = 'CNY'"
                             ).fetchone()[0]
    gaps = dict((number, gaps) for number, gaps, _ in coverage.explained_gaps(warehouse))[str(line)]
    assert gaps and all(gap.startswith("2026-04 ") and ", CNY, month" in gap for gap in gaps)


def test_the_seed_gate_refuses_a_searched_gap_line_it_cannot_match(tmp_path):
    """ref_searched_gaps is checked by the seed gate like every seed: a line whose kind is not month, ytd or any, or
    whose range ends before it starts, is refused at its line (control: the file as it is passes)."""
    import shutil

    from ctw.gate import seeds as check_seeds

    project = tmp_path / "project"
    shutil.copytree(PROJECT_DIR / "seeds", project / "seeds")
    shutil.copytree(PROJECT_DIR / "models" / "staging", project / "models" / "staging")
    shutil.copy(PROJECT_DIR / "dbt_project.yml", project / "dbt_project.yml")
    assert check_seeds.check_seeds(project) == []
    path = project / "seeds" / "reference" / "ref_searched_gaps.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[1].startswith("2026-03,2026-03,any,") and lines[2].startswith("2026-04,2026-04,month,")
    lines[1] = lines[1].replace("2026-03,2026-03,any,", "2026-03,2026-03,quarter,", 1)
    lines[2] = lines[2].replace("2026-04,2026-04,", "2026-04,2026-01,", 1)
    path.write_text("".join(lines), encoding="utf-8")
    faults = check_seeds.check_seeds(project)
    assert any("ref_searched_gaps.csv" in fault and "line 2" in fault and "quarter" in fault
               for fault in faults), faults
    assert any("ref_searched_gaps.csv" in fault and "line 3" in fault and "ends before it starts" in fault
               for fault in faults), faults
