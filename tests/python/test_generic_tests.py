"""The generic tests in macros/ fail on known-bad tables and pass on good ones."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import BIN_DIR, PROJECT_DIR

pytestmark = pytest.mark.fast  # the data loop: make test-fast

FIXTURE = PROJECT_DIR / "tests" / "fixtures" / "generic_tests_project"


def test_each_generic_test_catches_its_fault(tmp_path):
    project = tmp_path / "fixture"
    shutil.copytree(FIXTURE, project)
    (project / "macros").mkdir()
    shutil.copy(PROJECT_DIR / "macros" / "generic_tests.sql", project / "macros")
    env = dict(os.environ, DBT_PROFILES_DIR=str(project), DO_NOT_TRACK="1",
               CTW_DBT_PATH=str(tmp_path / "fixture.duckdb"))
    result = subprocess.run([str(BIN_DIR / "dbt"), "build"], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout  # the bad tests fail the build

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
    }
