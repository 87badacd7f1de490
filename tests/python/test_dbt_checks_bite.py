"""The warehouse's own dbt tests catch figures and models that break them: faults planted in a copy of the project.

dbt runs here without the seed gate in front (scripts/check_seeds.py stops a negative value before dbt would see
it), so that each dbt test is shown to bite on its own.
"""

from __future__ import annotations

import json
import subprocess

from conftest import BIN_DIR, copy_project, project_env


def dbt_build(project_dir, *selection: str) -> set[str]:
    """dbt seed, then dbt build (seeds excluded), into the copy's candidate file; the ids of the nodes that failed."""
    env = project_env(project_dir) | {"CTW_WAREHOUSE_PATH": str(project_dir / "warehouse" / "china_trade.duckdb")}

    def dbt(*args):
        return subprocess.run([str(BIN_DIR / "dbt"), *args, "--quiet"], cwd=project_dir, env=env,
                              capture_output=True, text=True)

    seeded = dbt("seed")
    assert seeded.returncode == 0, seeded.stdout + seeded.stderr
    result = dbt("build", "--exclude", "resource_type:seed", *selection)
    results = json.loads((project_dir / "target" / "run_results.json").read_text())["results"]
    failed = {r["unique_id"] for r in results if r["status"] in ("fail", "error")}
    assert (result.returncode != 0) == bool(failed), result.stdout + result.stderr
    return failed


def plant(project_dir, relative_path, observation_id, old, new):
    """Change one cell of the row with the given observation id."""
    path = project_dir / relative_path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if line.startswith(observation_id + ",")]
    assert len(hits) == 1 and old in lines[hits[0]]
    lines[hits[0]] = lines[hits[0]].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def test_a_negative_trade_value_and_a_broken_identity_fail_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    customs = "seeds/raw/raw_customs_trade.csv"
    # ASEAN's trade with China made negative (both documents that print it)
    plant(project, customs, "doc002.13", ",6.82,", ",-6.82,")
    plant(project, customs, "doc003.05", ",6.82,", ",-6.82,")
    # one page's own September 2024 yuan balance no longer equals its exports - imports (2.17 - 1.58 trillion)
    plant(project, customs, "ref083.level", ",582.62,", ",682.62,")

    # the source's own test stops everything downstream, so it is left out to show that the mart tests bite too
    failed = dbt_build(project, "source:customs.raw_customs_trade")
    assert any("accepted_range_fct_partner_trade_value_cny" in test for test in failed), failed
    assert any("expression_is_true_fct_monthly_trade_balance" in test for test in failed), failed
    # nothing else broke: only the checks guarding the planted faults
    assert all("fct_partner_trade_value_cny" in test or "fct_monthly_trade_balance" in test for test in failed), failed


def test_the_source_test_stops_a_negative_level_before_any_model(tmp_path):
    project = copy_project(tmp_path / "project")
    plant(project, "seeds/raw/raw_customs_trade.csv", "doc002.13", ",6.82,", ",-6.82,")
    failed = dbt_build(project, "--select", "source:customs.raw_customs_trade")
    assert failed == {t for t in failed if "raw_customs_trade_no_negative_level_except_a_balance" in t} != set()


def test_vintages_that_miss_a_release_fail_the_latest_vintage_check(tmp_path):
    project = copy_project(tmp_path / "project")
    model = project / "models" / "intermediate" / "int_trade_observations_by_vintage.sql"
    sql = model.read_text()
    fault = "where observations.source_published_date <= release_dates.known_from"
    assert fault in sql
    model.write_text(sql.replace(fault, fault.replace("<=", "<")))  # an observation is not seen on its own release date

    failed = dbt_build(project, "--select", "+assert_latest_vintage_is_the_current_choice")
    assert any("assert_latest_vintage_is_the_current_choice" in test for test in failed), failed


def test_a_mart_whose_column_type_drifts_breaks_its_contract(tmp_path):
    project = copy_project(tmp_path / "project")
    model = project / "models" / "marts" / "dim_months.sql"
    sql = model.read_text()
    model.write_text(f"select * replace (cast(calendar_year as varchar) as calendar_year) from ({sql.rstrip().rstrip(';')})")
    failed = dbt_build(project, "--select", "dim_months")
    assert failed == {"model.china_trade.dim_months"}
