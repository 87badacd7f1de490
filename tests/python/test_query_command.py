"""The query command answers named questions and SQL from the published file, and refuses to write to it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import PROJECT_DIR, project_env

pytestmark = pytest.mark.fast  # the data loop: make test-fast


def ask(built_project, *words: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "query.py"), *words],
        cwd=built_project, env=project_env(built_project), capture_output=True, text=True,
    )


def test_the_balance_of_a_month(built_project):
    result = ask(built_project, "balance", "2025-11")
    assert result.returncode == 0, result.stderr
    balance = next(line for line in result.stdout.splitlines() if "│ balance" in line)
    assert "111.68" in balance and "derived_from_flows" in balance


def test_partner_shares_over_a_period(built_project):
    result = ask(built_project, "partners 2025-01..2025-11")
    assert result.returncode == 0, result.stderr
    asean = next(line for line in result.stdout.splitlines() if "│ ASEAN" in line)
    assert "6.82" in asean and "16.6" in asean


def test_any_sql(built_project):
    result = ask(built_project, "select count(*) as figures from marts.fct_observations where dataset = 'customs_trade'")
    assert result.returncode == 0, result.stderr
    assert "556" in result.stdout


def test_a_write_is_refused_and_changes_nothing(built_project):
    published = built_project / "warehouse" / "china_trade.duckdb"
    before = published.read_bytes()
    result = ask(built_project, "delete from marts.fct_monthly_trade")
    assert result.returncode == 1
    assert "read-only" in result.stderr
    assert published.read_bytes() == before


def test_a_bad_question_says_how_to_ask(built_project):
    result = ask(built_project, "balance", "November")
    assert result.returncode == 2
    assert "ask: balance YYYY-MM" in result.stderr


def test_a_period_without_figures_says_so(built_project):
    result = ask(built_project, "balance", "2019-01")
    assert result.returncode == 0
    assert "no figures for that period" in result.stderr
