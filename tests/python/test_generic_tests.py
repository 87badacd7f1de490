"""The generic tests in macros/ fail on known-bad tables and pass on good ones."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from conftest import PROJECT_DIR, run_dbt

pytestmark = pytest.mark.fast  # the data loop: make test-fast

FIXTURE = PROJECT_DIR / "tests" / "fixtures" / "generic_tests_project"


def fixture_project(tmp_path):
    project = tmp_path / "fixture"
    shutil.copytree(FIXTURE, project)
    (project / "macros").mkdir()
    shutil.copy(PROJECT_DIR / "macros" / "generic_tests.sql", project / "macros")
    return project


def fixture_env(project, tmp_path):
    return dict(os.environ, DBT_PROFILES_DIR=str(project), DO_NOT_TRACK="1",
                CTW_DBT_PATH=str(tmp_path / "fixture.duckdb"))


def test_each_generic_test_catches_its_fault(tmp_path):
    project = fixture_project(tmp_path)
    result = run_dbt(project, "build", env=fixture_env(project, tmp_path))
    assert result.returncode == 1, result.output  # the bad tests fail the build

    results = json.loads((project / "target" / "run_results.json").read_text())["results"]
    status = {r["unique_id"].split(".")[2]: r["status"] for r in results if r["unique_id"].startswith("test.")}
    assert status == {
        "good_grain_is_unique": "pass",
        "good_balance_identity": "pass",
        "good_share_in_range": "pass",
        "bad_grain_is_unique": "fail",
        "bad_balance_identity": "fail",
        "bad_balance_identity_outside_where_passes": "pass",
        "bad_share_in_range": "fail",
        "good_value_method": "pass",
        "good_value_method_narrowed": "pass",
        "bad_value_method": "fail",
        "bad_value_method_narrowed": "fail",
    }
    by_name = {r["unique_id"].split(".")[2]: r for r in results if r["unique_id"].startswith("test.")}
    # each value_method failure is the offending method: one not among the five ('estimated'), and with the list
    # narrowed to three, that one and 'derived_from_ytd'
    assert by_name["bad_value_method"]["failures"] == 1
    assert by_name["bad_value_method_narrowed"]["failures"] == 2


def test_value_method_refuses_a_narrowed_list_outside_the_five(tmp_path):
    """A typo in `only` (a method no model can produce) stops the project when dbt parses it, naming the method."""
    project = fixture_project(tmp_path)
    schema = project / "models" / "schema.yml"
    schema.write_text(schema.read_text().replace(
        "              arguments: {only: [published, converted_from_cny]}\n",
        "              arguments: {only: [published, estimated]}\n", 1))
    result = run_dbt(project, "parse", env=fixture_env(project, tmp_path))
    assert result.returncode == 2, result.output
    assert "value_method: 'estimated' is not one of published, derived_from_ytd" in result.output
