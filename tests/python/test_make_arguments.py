"""make query and make dev hand their argument to the script as typed: through the environment, never a shell.

A question or selector holding $, backticks, $(...), quotes or a semicolon reaches the script unchanged, and none of
it runs as a command. The controls are a named question and a plain selector, through make the same way."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_of_built, project_env, published_file

VENV = Path(sys.executable).parent.parent
# each would run a command, or lose characters, if the text went through make's expansion or a shell
HOSTILE = "US$1.076 trillion; `touch pwned` $(touch pwned) $HOME \"x\" 'y'"


def make(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *arguments, f"VENV={VENV}"], cwd=project,
                          env=project_env(project), capture_output=True, text=True)


@pytest.mark.fast
@pytest.mark.parametrize("question, answer", [
    ("balance 2025-11", "111.68"),  # control: a named question
    ("select '" + HOSTILE.replace("'", "''") + "' as printed", HOSTILE),
])
def test_make_query_passes_the_question_as_typed(built_project, tmp_path, question, answer):
    project = copy_of_built(built_project, tmp_path)
    result = make(project, "query", f"Q={question}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert answer in result.stdout, result.stdout
    assert not list(project.rglob("pwned"))


def test_make_dev_passes_the_selectors_as_typed(built_project, tmp_path):
    """The selectors are split on whitespace only; a word that looks like a command is one more selector, which
    matches nothing. The control selects the model alone; the published file is only read."""
    project = copy_of_built(built_project, tmp_path)
    before = hashlib.sha256(published_file(project).read_bytes()).hexdigest()
    for selectors in ("dim_months", "dim_months `touch pwned` $(touch pwned)"):
        result = make(project, "dev", f"S={selectors}")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "dim_months" in result.stdout and "PASS=" in result.stdout, result.stdout
        assert not list(project.rglob("pwned"))
    assert hashlib.sha256(published_file(project).read_bytes()).hexdigest() == before
