"""dbt's semantic layer answers through MetricFlow against DuckDB, and every metric equals its mart column over every
period: the months, and the years of the year-to-date metrics (never a sum of the months a year happens to have)."""

from __future__ import annotations

import csv
import math
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import PROJECT_DIR, copy_of_built, project_env, published_file

SEMANTIC = yaml.safe_load((PROJECT_DIR / "models" / "marts" / "_semantic_models.yml").read_text())
MONTHLY = next(m for m in SEMANTIC["semantic_models"] if m["name"] == "monthly_trade")
# metric -> its measure's SQL expression over fct_monthly_trade: the mart column it must equal
MONTHLY_METRICS = {
    metric["name"]: next(x["expr"] for x in MONTHLY["measures"] if x["name"] == metric["type_params"]["measure"])
    for metric in SEMANTIC["metrics"]
    if metric["type"] == "simple" and metric["type_params"]["measure"] in {x["name"] for x in MONTHLY["measures"]}
}


def metrics(project_dir: Path, query: str) -> str:
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(
        ["make", "--no-print-directory", "metrics", f"VENV={venv}", f"Q={query}"],
        cwd=project_dir, env=project_env(project_dir), capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def metric_table(project_dir: Path, names: list[str], grain: str, tmp_path: Path) -> dict[tuple[str, str], float | None]:
    """(period as YYYY-MM-DD, metric) -> value, from one MetricFlow query grouped by metric_time at grain."""
    out = tmp_path / f"metrics_{grain}.csv"
    metrics(project_dir, f"--metrics {','.join(names)} --group-by metric_time__{grain} --csv {out}")
    table = {}
    for row in csv.DictReader(out.open()):
        period = row.pop(f"metric_time__{grain}")[:10]
        for name, value in row.items():
            table[(period, name)] = float(value) if value not in ("", None) else None
    return table


def same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9))


@pytest.fixture(scope="module")
def mart(built_project):
    return duckdb.connect(str(published_file(built_project)), read_only=True)


def test_every_metric_of_the_monthly_model_is_declared_with_a_mart_column():
    assert len(MONTHLY_METRICS) == 16  # exports, imports, balance x month, year to date x USD, CNY; 4 growth


def test_every_monthly_metric_equals_its_mart_column_in_every_month(built_project, mart, tmp_path):
    found = metric_table(built_project, sorted(MONTHLY_METRICS), "month", tmp_path)
    expressions = ", ".join(f'max({expr}) as "{name}"' for name, expr in MONTHLY_METRICS.items())
    expected = mart.execute(f"select strftime(period_month, '%Y-%m-%d') as period, {expressions} "
                            "from marts.fct_monthly_trade group by period_month").fetchall()
    names = list(MONTHLY_METRICS)
    differ = [(period, name, found.get((period, name)), value)
              for period, *values in expected for name, value in zip(names, values)
              if not same(found.get((period, name)), value)]
    assert differ == [] and len(expected) > 30


def summed_over_time(project_dir: Path) -> None:
    """The fault the year test guards against: the year-to-date measure of exports added up over the months."""
    path = project_dir / "models" / "marts" / "_semantic_models.yml"
    text = path.read_text()
    old = """      - name: exports_usd_year_to_date_value
        description: exports from January to the month, US dollars, compiled in that currency
        agg: max
        expr: "case when flow = 'exports' and ytd_value_usd_method not like 'converted%' then ytd_value_usd end"
        non_additive_dimension:
          name: period_month
          window_choice: max
"""
    assert old in text
    path.write_text(text.replace(old, old.replace("agg: max", "agg: sum").split("        non_additive_dimension")[0]))


@pytest.mark.parametrize("fault", [None, summed_over_time], ids=["control", "summed over the months"])
def test_year_to_date_metrics_by_year_are_the_last_month_of_each_year(built_project, mart, tmp_path, fault):
    names = sorted(n for n in MONTHLY_METRICS if n.endswith("year_to_date") or "ytd_yoy" in n)
    project = copy_of_built(built_project, tmp_path)
    if fault:
        fault(project)
    found = metric_table(project, names, "year", tmp_path)
    expressions = ", ".join(f'max({MONTHLY_METRICS[name]}) as "{name}"' for name in names)
    expected = mart.execute(f"""
        select strftime(date_trunc('year', period_month), '%Y-%m-%d') as period, {expressions}
        from marts.fct_monthly_trade
        where period_month = (select max(period_month) from marts.fct_monthly_trade as same_year
                              where year(same_year.period_month) = year(fct_monthly_trade.period_month))
        group by period_month""").fetchall()
    differ = [(period, name, found.get((period, name)), value)
              for period, *values in expected for name, value in zip(names, values)
              if not same(found.get((period, name)), value)]
    if fault:  # only the faulted metric differs, at least in every year where more than one month has a value to add
        summed_years = {period for (period,) in mart.execute(f"""
            select strftime(date_trunc('year', period_month), '%Y-%m-%d') from marts.fct_monthly_trade
            where flow = 'exports' and ytd_value_usd is not null and ytd_value_usd_method not like 'converted%'
            group by 1 having count(*) > 1""").fetchall()}
        assert {name for _, name, _, _ in differ} == {"exports_usd_year_to_date"}
        assert {period for period, _, _, _ in differ} >= summed_years and len(summed_years) > 5
        return
    assert differ == []
    # 2025's full year, the December year to date customs published (37,718.7 hundred million), not a sum of months
    assert found[("2025-01-01", "exports_usd_year_to_date")] == pytest.approx(3771.87e9)


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
