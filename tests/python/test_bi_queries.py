"""The questions docs/using-the-warehouse.md promises a BI user can ask of the file, asked exactly as written there."""

from __future__ import annotations

import re

import pytest

from conftest import PROJECT_DIR

pytestmark = pytest.mark.fast  # the data loop: make test-fast


GUIDE = PROJECT_DIR / "docs" / "using-the-warehouse.md"


def guide_queries() -> dict[str, str]:
    """SQL blocks of the BI user's guide that follow a line '<!-- query: NAME -->'."""
    text = GUIDE.read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- query: ([\w-]+) -->\s*```sql\n(.*?)```", text, flags=re.S))


def test_the_guide_carries_the_queries():
    assert {"november-2025", "partner-shares", "as-known-at", "provenance"} <= set(guide_queries())


def test_november_2025_in_both_currencies_with_growth(warehouse):
    rows = warehouse.execute(guide_queries()["november-2025"]).fetchall()
    columns = [d[0] for d in warehouse.description]
    by_flow = {row[columns.index("flow")]: dict(zip(columns, row)) for row in rows}
    assert set(by_flow) == {"exports", "imports", "balance"}
    assert by_flow["balance"]["month_value_usd"] == pytest.approx(111.68e9, abs=0.005e9)
    assert by_flow["exports"]["month_yoy_pct_usd_reported"] == pytest.approx(5.9)
    assert by_flow["exports"]["month_yoy_pct_usd_computed"] is not None
    assert all(by_flow[f]["month_value_cny"] is not None for f in by_flow)


def test_jan_nov_2025_partner_shares(warehouse):
    rows = warehouse.execute(guide_queries()["partner-shares"]).fetchall()
    columns = [d[0] for d in warehouse.description]
    shares = {row[columns.index("partner_code")]: dict(zip(columns, row)) for row in rows}
    assert {"ASEAN", "EU", "US", "BRI"} <= set(shares)
    assert shares["ASEAN"]["share_pct_cny_computed"] == pytest.approx(16.6, abs=0.07)


def test_the_balance_as_known_in_june_2024_is_the_first_print_not_the_revision(warehouse):
    query = guide_queries()["as-known-at"]
    rows = warehouse.execute(query).fetchall()
    columns = [d[0] for d in warehouse.description]
    by_period = {row[columns.index("period_label")]: dict(zip(columns, row)) for row in rows}
    # March 2024's surplus printed in April 2024 (58.55 bn); a page of April 2025 prints it revised to 58.65 bn
    assert by_period["2024-03"]["value_usd_bn"] == pytest.approx(58.55)
    assert max(row["known_from"] for row in by_period.values()).isoformat() <= "2024-06-30"  # nothing from later
    assert all(period <= "2024-05" for period in by_period)
    # April and May 2024 were printed only by pages without a date: placed at customs' release of their latest period
    assert {"2024-04", "2024-05"} <= set(by_period)
    assert by_period["2024-04"]["value_usd_bn"] == pytest.approx(72.35)

    # today the revision printed alone (58.65, with no revised exports or imports) stays beside the first release in
    # fct_trade_figure_releases; the vintages, as the marts, keep the period's figures from one release
    today = warehouse.execute(query.replace("2024-06-30", "2026-01-31")).fetchall()
    assert dict((r[columns.index("period_label")], r[columns.index("value_usd_bn")]) for r in today)["2024-03"] == (
        pytest.approx(58.55))


def test_the_build_that_wrote_the_file_is_on_record(warehouse):
    [row] = warehouse.execute(guide_queries()["provenance"]).fetchall()
    columns = [d[0] for d in warehouse.description]
    build = dict(zip(columns, row))
    assert build["validation_outcome"].startswith("passed") and build["expectations_failed"] == 0
    assert build["dbt_core_version"] == "1.11.16"


def test_the_file_refuses_writes_when_opened_read_only(warehouse):
    with pytest.raises(Exception, match="read-only"):
        warehouse.execute("create table marts.scribble as select 1")


def test_the_superset_uri_reads_and_refuses_writes(built_project, tmp_path):
    """The SQLAlchemy URI the guide gives for Superset (duckdb-engine), exactly in its form. On a copy of the file:
    this test process already holds the published file open through the `warehouse` fixture, and DuckDB refuses a
    second open of one path with other settings in one process."""
    import shutil

    import sqlalchemy

    path = tmp_path / "china_trade.duckdb"
    shutil.copyfile(built_project / "warehouse" / "china_trade.duckdb", path)
    engine = sqlalchemy.create_engine(f"duckdb:///{path}?access_mode=read_only")
    with engine.connect() as connection:
        rows = connection.execute(sqlalchemy.text("select count(*) from marts.fct_monthly_trade")).scalar()
        assert rows > 0
        with pytest.raises(sqlalchemy.exc.DBAPIError, match="read-only"):
            connection.execute(sqlalchemy.text("create table marts.scribble as select 1"))
    engine.dispose()
