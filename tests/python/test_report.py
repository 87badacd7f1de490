"""The charts report: a PNG per chart and one self-contained page, drawn from the published file."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import PROJECT_DIR, project_env

pytestmark = pytest.mark.fast  # the data loop: make test-fast

CHARTS = ["monthly_trade", "ytd_surplus", "partner_shares", "partner_growth", "partner_shares_over_time",
          "us_export_growth", "vehicle_exports"]


def test_the_report_draws_every_chart_into_one_offline_page(built_project, warehouse):
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "report.py")],
        cwd=built_project, env=project_env(built_project), capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    out = built_project / "warehouse" / "report"
    for name in CHARTS:
        png = (out / f"{name}.png").read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000, name
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count("src='data:image/png;base64,") == len(CHARTS)
    assert not re.search(r"(src|href)=['\"]https?://", page)  # nothing fetched from elsewhere
    version = warehouse.execute("select version_id from provenance.build").fetchone()[0]
    assert version in page
    assert "partners" in page.lower()


def test_a_gap_stays_a_gap_in_the_chart_data():
    """A missing month becomes NaN between its neighbours, so matplotlib breaks the line there instead of drawing
    across it; the months around it keep their values (control: no gap, no NaN)."""
    import datetime
    import math

    sys.path.insert(0, str(PROJECT_DIR / "scripts"))
    import report

    months = [datetime.date(2025, m, 1) for m in (1, 2, 4)]
    dates, values = report.with_gaps([{"period_month": m, "v": float(i)} for i, m in enumerate(months)], "v")
    assert dates == [datetime.date(2025, m, 1) for m in (1, 2, 3, 4)]
    assert values[:2] == [0.0, 1.0] and math.isnan(values[2]) and values[3] == 2.0
    _, whole = report.with_gaps([{"period_month": m, "v": 1.0} for m in months[:2]], "v")
    assert whole == [1.0, 1.0]


def test_the_monthly_chart_data_keeps_the_sources_gaps(warehouse):
    """The months the USD export series lacks (the coverage table's gaps) are NaN in what the chart draws."""
    sys.path.insert(0, str(PROJECT_DIR / "scripts"))
    import math

    import report

    points = report.rows(warehouse, """
        select period_month, value / 1e9 as value_bn from marts.fct_trade_series_long
        where period_kind = 'month' and metric = 'value' and flow = 'exports' and currency = 'USD'
          and method in ('published', 'derived_from_ytd', 'derived_from_flows') and period_start_month = period_month
        order by period_month""")
    months, values = report.with_gaps(points, "value_bn")
    missing = [m for m, v in zip(months, values) if math.isnan(v)]
    assert missing and all(m not in {p["period_month"] for p in points} for m in missing)
