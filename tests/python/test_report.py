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
