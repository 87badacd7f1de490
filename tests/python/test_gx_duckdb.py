"""Great Expectations' SQL path against DuckDB: broken upstream, working with the project's fix."""

from __future__ import annotations

import subprocess
import sys


PROBE = """
import duckdb, great_expectations as gx
from great_expectations.data_context.types.base import ProgressBarsConfig
from ctw.validate import gx_duckdb
if {fix}:
    gx_duckdb.enable_sql_pushdown()
duckdb.connect({db!r}).execute("create table numbers as select range as n from range(1000)").close()
context = gx.get_context(mode="ephemeral")
context.variables.progress_bars = ProgressBarsConfig(globally=False)
source = context.data_sources.add_sql(name="s", connection_string="duckdb:///" + {db!r})
batch = source.add_table_asset(name="numbers", table_name="numbers").add_batch_definition_whole_table("all").get_batch()
result = batch.validate(gx.expectations.ExpectColumnValuesToBeBetween(column="n", min_value=0, max_value=998))
print("success", result.success, "unexpected", result.result.get("unexpected_count"), "elements", result.result.get("element_count"))
"""


def probe(tmp_path, fix: bool) -> str:
    code = PROBE.format(fix=fix, db=str(tmp_path / f"probe_{fix}.duckdb"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


def test_with_the_fix_metrics_are_computed_in_duckdb(tmp_path):
    # 1000 rows, one (999) outside 0..998: the expectation must see all rows and exactly one unexpected value
    assert probe(tmp_path, fix=True) == "success False unexpected 1 elements 1000"


def test_without_the_fix_the_upstream_bug_shows(tmp_path):
    """If this starts failing, GX fixed the bug upstream and src/ctw/validate/gx_duckdb.py can go (decision 0007)."""
    assert probe(tmp_path, fix=False) != "success False unexpected 1 elements 1000"
