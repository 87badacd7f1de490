"""Bad seed input stops the build with a message naming the file, the line and the column; nothing is loaded."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import copy_project, project_env, run_build

CUSTOMS = "seeds/raw/raw_customs_trade.csv"


def replace_in_line(project_dir, relative_path, line_number, old, new):
    path = project_dir / relative_path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line_number - 1], lines[line_number - 1]
    lines[line_number - 1] = lines[line_number - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def check(project_dir) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/check_seeds.py", "--project-dir", str(project_dir)],
        env=project_env(project_dir),
        capture_output=True,
        text=True,
    )


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def test_the_real_seeds_pass(project):
    result = check(project)
    assert result.returncode == 0, result.stderr


# line 2 of raw_customs_trade.csv: doc001.01,doc_001_induqin,WLD,TOTAL,all,balance,2025-11,ytd,level,USD,1.076,trillion,...
@pytest.mark.parametrize(
    ("old", "new", "column", "says"),
    [
        (",1.076,", ",1.O76,", "value_as_published", "is not a number"),
        (",trillion,", ",zillion,", "unit", "'zillion' is unknown"),
        (",USD,", ",EUR,", "basis", "'EUR' is unknown"),
        (",WLD,", ",ATLANTIS,", "partner_code", "'ATLANTIS' is unknown"),
        ("doc_001_induqin", "doc_999_nowhere", "source_id", "'doc_999_nowhere' is unknown"),
        (",2025-11,ytd,", ",2025-13,ytd,", "period", "is not a valid period"),
        (",balance,", ",surplus,", "flow", "'surplus' is not one of"),
    ],
)
def test_a_bad_cell_is_named_by_file_line_and_column(project, old, new, column, says):
    replace_in_line(project, CUSTOMS, 2, old, new)
    result = check(project)
    assert result.returncode == 1
    assert f"{CUSTOMS}, line 2, column '{column}'" in result.stderr
    assert says in result.stderr


def test_a_duplicate_observation_is_named_with_both_lines(project):
    path = project / CUSTOMS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    duplicate = lines[1].replace("doc001.01", "doc001.99", 1)
    path.write_text("".join(lines) + duplicate, encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    assert f"{CUSTOMS}, line {len(lines) + 1}, columns [" in result.stderr
    assert "duplicate observation of line 2" in result.stderr


def test_a_repeated_observation_id_is_named(project):
    replace_in_line(project, CUSTOMS, 3, "doc001.02", "doc001.01")
    result = check(project)
    assert f"{CUSTOMS}, line 3, column 'observation_id': 'doc001.01' repeats line 2" in result.stderr


def test_a_wrong_header_and_a_short_row_are_named(project):
    path = project / CUSTOMS
    text = path.read_text(encoding="utf-8").replace("value_as_published", "value", 1)
    path.write_text(text, encoding="utf-8")
    result = check(project)
    assert f"{CUSTOMS}, line 1: the header does not match" in result.stderr

    path = project / "seeds/raw/raw_fx_rates.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = ",".join(lines[4].split(",")[:3]) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    result = check(project)
    assert "seeds/raw/raw_fx_rates.csv, line 5: 3 fields where the header has 7" in result.stderr


def test_bad_quoting_is_named(project):
    path = project / "seeds/raw/raw_industry_observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].rstrip("\n") + ',"unterminated\n'
    path.write_text("".join(lines), encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    assert "seeds/raw/raw_industry_observations.csv, line" in result.stderr


def test_the_build_stops_before_touching_the_warehouse(project):
    warehouse = project / "warehouse" / "china_trade.duckdb"
    warehouse.write_bytes(b"the last good warehouse")
    replace_in_line(project, CUSTOMS, 2, ",1.076,", ",abc,")
    result = run_build(project)
    assert result.returncode != 0
    assert "build failed at: check seeds" in result.stderr
    assert f"{CUSTOMS}, line 2, column 'value_as_published': 'abc' is not a number" in result.stderr
    assert warehouse.read_bytes() == b"the last good warehouse"
