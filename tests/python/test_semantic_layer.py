"""dbt's semantic layer answers through MetricFlow against DuckDB: balance, export growth, partner share."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import project_env


def metrics(project_dir: Path, query: str) -> str:
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(
        ["make", "--no-print-directory", "metrics", f"VENV={venv}", f"Q={query}"],
        cwd=project_dir, env=project_env(project_dir), capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_balance_and_export_growth_by_month(built_project):
    out = metrics(
        built_project,
        "--metrics trade_balance_usd,exports_usd,export_growth_yoy_pct_usd --group-by metric_time__month"
        " --where \"{{ TimeDimension('metric_time', 'month') }} = '2025-11-01'\"",
    )
    [row] = [line.split() for line in out.splitlines() if line.startswith("2025-11-01")]
    assert float(row[1]) == 111.68e9 and float(row[2]) == 330.35e9
    assert abs(float(row[3]) - 5.9) < 0.2  # computed from levels; customs reported 5.9


def test_partner_share_over_a_period(built_project):
    out = metrics(
        built_project,
        "--metrics partner_share_pct_cny --group-by partner_period__partner_code,metric_time__month"
        " --where \"{{ Dimension('partner_period__flow') }} = 'total'"
        " and {{ Dimension('partner_period__period_start_month') }} = '2025-01-01'"
        " and {{ TimeDimension('metric_time', 'month') }} = '2025-11-01'\"",
    )
    shares = {line.split()[1]: float(line.split()[2]) for line in out.splitlines() if line.startswith("2025-11-01")}
    assert abs(shares["ASEAN"] - 16.6) < 0.1 and abs(shares["EU"] - 13.0) < 0.1
