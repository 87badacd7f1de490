"""The query command answers named questions and SQL from the published file, and refuses to write to it."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from conftest import project_env
from ctw.present import query

pytestmark = pytest.mark.fast  # the data loop: make test-fast


def ask(built_project, *words: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(built_project / "scripts" / "query.py"), *words],
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


def test_one_partner_over_a_range_of_months(built_project):
    """ASEAN's share of China's trade and its growth, year to date, month by month through 2025."""
    result = ask(built_project, "partner ASEAN 2025-01..2025-12")
    assert result.returncode == 0, result.stderr
    november = next(line for line in result.stdout.splitlines() if "2025-01..2025-11" in line and "│ total" in line)
    assert "6820.0" in november and "16.5" in november and "16.6" in november and "8.5" in november
    assert sum("year to date" in line and "│ total" in line for line in result.stdout.splitlines()) >= 7


def test_any_sql(built_project):
    result = ask(built_project, "select count(*) as figures from marts.fct_observations where dataset = 'customs_trade'")
    assert result.returncode == 0, result.stderr
    seed = (built_project / "seeds" / "raw" / "raw_customs_trade.csv").read_text(encoding="utf-8")
    assert f" {seed.count(chr(10)) - 1} " in result.stdout  # one figure per data line of the seed


# every class of statement that writes, exports, attaches, installs or loads, or changes a setting; {out} is a file
# outside the warehouse folder, {warehouse} the published file itself
WRITES = {
    "copy over the warehouse": "copy (select 1 as x) to '{warehouse}' (format csv)",
    "copy to a file outside": "copy (select * from marts.dim_months) to '{out}'",
    "export": "export database '{out}'",
    "attach": "attach '{out}' as other",
    "install": "install httpfs",
    "load": "load httpfs",
    "set": "set threads = 1",
    "create": "create table marts.t as select 1 as x",
    "create temp": "create temp table t as select 1 as x",
    "insert": "insert into marts.dim_months select * from marts.dim_months",
    "update": "update marts.fct_monthly_trade set month_value_usd = 0",
    "delete": "delete from marts.fct_monthly_trade",
    "drop": "drop table marts.fct_monthly_trade",
    "checkpoint": "checkpoint",
    "vacuum": "vacuum",
    "a query then a write": "select 1; copy (select 1) to '{out}'",
}


@pytest.mark.parametrize("case", WRITES)
def test_a_write_of_any_kind_is_refused_and_changes_nothing(built_project, tmp_path, case):
    published = built_project / "warehouse" / "china_trade.duckdb"
    before = published.read_bytes()
    out = tmp_path / "written"
    result = ask(built_project, WRITES[case].format(warehouse=published, out=out))
    assert result.returncode == 1
    assert "query refused:" in result.stderr and "statements are not answered" in result.stderr, result.stderr
    assert published.read_bytes() == before and not out.exists()


@pytest.mark.parametrize("case", ["copy over the warehouse", "copy to a file outside", "export", "attach", "install",
                                  "load", "set", "create", "insert"])
def test_the_connection_itself_cannot_write_when_the_statement_check_is_passed_by(built_project, tmp_path, case):
    """Beneath the statement check: the connection query.py opens refuses each write on its own."""
    published = built_project / "warehouse" / "china_trade.duckdb"
    copy = tmp_path / "warehouse" / "china_trade.duckdb"
    copy.parent.mkdir()
    copy.write_bytes(published.read_bytes())
    out = tmp_path / "written"
    with query.open_read_only(copy) as con:
        assert con.execute("select count(*) from marts.dim_months").fetchone()[0] > 0  # control: it reads
        # refused by one of the connection's own guards, not by any error: no file access, locked configuration,
        # disabled extensions, or read-only mode
        guards = ("file system operations are disabled|Cannot change configuration option|Loading external "
                  "extensions is disabled|Cannot access directory|attached in read-only mode")
        with pytest.raises(duckdb.Error, match=guards):
            con.execute(WRITES[case].format(warehouse=copy, out=out))
    assert copy.read_bytes() == published.read_bytes() and not out.exists()


def test_reading_a_file_outside_the_warehouse_is_refused(built_project, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("x\n1\n")
    result = ask(built_project, f"select * from read_csv('{secret}')")
    assert result.returncode == 1 and "file system operations are disabled" in result.stderr


def test_a_bad_question_says_how_to_ask(built_project):
    result = ask(built_project, "balance", "November")
    assert result.returncode == 2
    assert "ask: balance YYYY-MM" in result.stderr


def test_a_period_without_figures_says_so(built_project):
    result = ask(built_project, "balance", "2009-01")
    assert result.returncode == 0
    assert "no figures for that period" in result.stderr


def test_a_damaged_file_is_named_with_what_to_do(built_project, tmp_path):
    """A truncated published file: the query command and the report say which file and what to do, no traceback."""
    published = built_project / "warehouse" / "china_trade.duckdb"
    truncated = tmp_path / "warehouse" / "china_trade.duckdb"
    truncated.parent.mkdir()
    truncated.write_bytes(published.read_bytes()[:100_000])
    env = project_env(built_project) | {"CTW_WAREHOUSE_PATH": str(truncated)}
    for script, args in (("query.py", ["balance", "2025-11"]), ("report.py", ["--out", str(tmp_path / "report")])):
        control = subprocess.run([sys.executable, str(built_project / "scripts" / script), *args],
                                 cwd=built_project, env=project_env(built_project), capture_output=True, text=True)
        assert control.returncode == 0, control.stderr  # the intact file answers
        result = subprocess.run([sys.executable, str(built_project / "scripts" / script), *args],
                                cwd=built_project, env=env, capture_output=True, text=True)
        assert result.returncode == 1
        assert f"{truncated} cannot be read" in result.stderr and "make rollback TO=" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_misspelt_question_is_answered_with_the_nearest_name(built_project):
    result = ask(built_project, "balnce", "2025-11")
    assert result.returncode == 2
    assert "did you mean 'balance'" in result.stderr and "Syntax Error" not in result.stderr
    # control: SQL that starts with a keyword is run as SQL, not taken for a question
    assert ask(built_project, "select 1 as one").returncode == 0


def test_a_failed_query_shows_duckdbs_whole_message(built_project):
    result = ask(built_project, "select * from marts.fct_monthly_trad")
    assert result.returncode == 1
    assert "does not exist" in result.stderr and 'Did you mean "fct_monthly_trade"' in result.stderr


def test_sql_from_a_file_and_from_standard_input(built_project, tmp_path):
    question = tmp_path / "question.sql"
    question.write_text("-- two lines and a comment\nselect count(*) as months\nfrom marts.dim_months\n")
    from_file = ask(built_project, "--file", str(question))
    assert from_file.returncode == 0, from_file.stderr
    assert "months" in from_file.stdout
    from_stdin = subprocess.run(
        [sys.executable, str(built_project / "scripts" / "query.py"), "-"], input=question.read_text(),
        cwd=built_project, env=project_env(built_project), capture_output=True, text=True)
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert from_stdin.stdout == from_file.stdout
    missing = ask(built_project, "--file", str(tmp_path / "absent.sql"))
    assert missing.returncode == 2 and "absent.sql" in missing.stderr


@pytest.mark.parametrize("sql, code", [("select 42 as answer", 0), ("select error('boom') as answer", 1)])
def test_an_error_raised_while_the_rows_are_computed_is_said_in_one_line(built_project, sql, code):
    """error() and the like fail only when DuckDB computes the rows, after the query was accepted: the command says
    so in one line and exits 1, no traceback. The control computes its row."""
    result = ask(built_project, sql)
    assert result.returncode == code, result.stderr
    if code == 0:
        assert "42" in result.stdout and result.stderr == ""
    else:
        assert result.stderr == "query failed: Invalid Input Error: boom\n", result.stderr
