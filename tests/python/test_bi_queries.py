"""The questions the README promises a BI user can ask of the file, asked exactly as written there."""

from __future__ import annotations

import re

import pytest

from conftest import PROJECT_DIR


def readme_queries() -> dict[str, str]:
    """SQL blocks of the README that follow a line '<!-- query: NAME -->'."""
    text = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- query: ([\w-]+) -->\s*```sql\n(.*?)```", text, flags=re.S))


def test_the_readme_carries_the_queries():
    assert {"november-2025", "partner-shares"} <= set(readme_queries())


def test_november_2025_in_both_currencies_with_growth(warehouse):
    rows = warehouse.execute(readme_queries()["november-2025"]).fetchall()
    columns = [d[0] for d in warehouse.description]
    by_flow = {row[columns.index("flow")]: dict(zip(columns, row)) for row in rows}
    assert set(by_flow) == {"exports", "imports", "balance"}
    assert by_flow["balance"]["month_value_usd"] == pytest.approx(111.68e9, abs=0.005e9)
    assert by_flow["exports"]["month_yoy_pct_usd_reported"] == pytest.approx(5.9)
    assert by_flow["exports"]["month_yoy_pct_usd_computed"] is not None
    assert all(by_flow[f]["month_value_cny"] is not None for f in by_flow)


def test_jan_nov_2025_partner_shares(warehouse):
    rows = warehouse.execute(readme_queries()["partner-shares"]).fetchall()
    columns = [d[0] for d in warehouse.description]
    shares = {row[columns.index("partner_code")]: dict(zip(columns, row)) for row in rows}
    assert {"ASEAN", "EU", "US", "BRI"} <= set(shares)
    assert shares["ASEAN"]["share_pct_cny_computed"] == pytest.approx(16.6, abs=0.07)


def test_the_file_refuses_writes_when_opened_read_only(warehouse):
    with pytest.raises(Exception, match="read-only"):
        warehouse.execute("create table marts.scribble as select 1")
