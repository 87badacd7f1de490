"""The package ctw: a project copy's commands run the copy's code on the copy's files, never the checkout's.

This environment's ctw.pth names the checkout's src/ (the Makefile writes it), so a copy run with it would import the
checkout's package, whose PROJECT_DIR is the checkout. project_env puts the copy's own src/ first; a script that
finds another project's package stops (ctw.cli) instead of building or reading the wrong project."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import PROJECT_DIR, copy_project, project_env

pytestmark = pytest.mark.fast

CUSTOMS = "seeds/raw/raw_customs_trade.csv"


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("package") / "project")


def python(project, code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=project, env=env, capture_output=True, text=True)


def test_a_copy_imports_its_own_package(copy):
    code = "import ctw.config as c; print(c.PROJECT_DIR, c.published_path())"
    result = python(copy, code, project_env(copy))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(copy), str(copy / "warehouse" / "china_trade.duckdb")]
    # control: with the checkout's src/ (what ctw.pth gives a copy without project_env), the checkout's package
    checkout = python(copy, code, project_env(copy) | {"PYTHONPATH": str(PROJECT_DIR / "src")})
    assert checkout.returncode == 0, checkout.stderr
    assert checkout.stdout.split()[0] == str(PROJECT_DIR)


def test_a_copys_command_runs_its_own_code_on_its_own_seeds(copy):
    """A fault planted in the copy's seeds, and a mark in the copy's code: the copy's seed check names that fault in
    those words. The checkout's seeds and code stay as they are."""
    seeds = copy / CUSTOMS
    code = copy / "src" / "ctw" / "gate" / "seeds.py"
    clean_seeds, clean_code = seeds.read_text(encoding="utf-8"), code.read_text(encoding="utf-8")
    control = subprocess.run([sys.executable, "scripts/check_seeds.py"], cwd=copy, env=project_env(copy),
                             capture_output=True, text=True)
    assert control.returncode == 0, control.stderr  # the unchanged copy is clean
    assert ",1.076," in clean_seeds.splitlines()[1]
    try:
        seeds.write_text(clean_seeds.replace(",1.076,", ",1.O76,", 1), encoding="utf-8")
        code.write_text(clean_code.replace('"Seed check failed:', '"Seed check of the copy failed:'), encoding="utf-8")
        result = subprocess.run([sys.executable, "scripts/check_seeds.py"], cwd=copy, env=project_env(copy),
                                capture_output=True, text=True)
    finally:
        seeds.write_text(clean_seeds, encoding="utf-8")
        code.write_text(clean_code, encoding="utf-8")
    assert result.returncode == 1
    assert result.stderr.startswith("Seed check of the copy failed: ")
    assert f"{CUSTOMS}, line 2, column 'value_as_published': '1.O76' is not a number" in result.stderr


def test_a_script_refuses_another_projects_package(copy):
    """The copy's script with the checkout's package (no project_env): it stops, naming both, and runs nothing."""
    env = project_env(copy) | {"PYTHONPATH": str(PROJECT_DIR / "src")}
    result = subprocess.run([sys.executable, "scripts/build.py"], cwd=copy, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert f"belongs to the project in {copy}, but Python imported the package ctw from {PROJECT_DIR / 'src'}" \
        in result.stderr
    assert f"PYTHONPATH={copy / 'src'}" in result.stderr
    assert "==>" not in result.stdout and not (copy / "warehouse" / "candidate").exists()
    assert not os.listdir(copy / "warehouse")
