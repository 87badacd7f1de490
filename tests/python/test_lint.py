"""SQL lint (sqlfluff with the dbt templater) passes on the project and catches a planted style fault."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import BIN_DIR, copy_project, project_env


def lint(project_dir: Path, *paths: str) -> subprocess.CompletedProcess:
    env = project_env(project_dir) | {"CTW_DBT_PATH": str(project_dir / "warehouse" / "lint.duckdb")}
    return subprocess.run(
        [str(BIN_DIR / "sqlfluff"), "lint", *paths], cwd=project_dir, env=env, capture_output=True, text=True
    )


def test_the_models_pass_the_lint(tmp_path):
    project = copy_project(tmp_path / "project")
    result = lint(project, "models", "tests/dbt")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_a_planted_style_fault_fails_the_lint(tmp_path):
    project = copy_project(tmp_path / "project")
    model = project / "models" / "marts" / "dim_sources.sql"
    model.write_text(model.read_text().replace("select", "SELECT", 1))  # keywords are lowercase in this project
    result = lint(project, "models/marts/dim_sources.sql")
    assert result.returncode == 1
    assert "CP01" in result.stdout
