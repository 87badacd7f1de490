"""What a failed dbt test found, in a few lines: its first failing rows by the columns that identify them, and for
each observation id among them the seed file and line that holds it.

dbt itself reports only "Got 2 results, configured to fail if != 0". The build calls explain() when dbt build
fails; the test's compiled SQL (target/run_results.json) is run again, read-only, against the candidate.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb

from ctw.gate import seeds as check_seeds

ROWS_SHOWN = 3
# the columns that say which figure a row is, printed when a failing row has them (with the tested column)
IDENTIFYING = ("dataset", "subject", "partner_code", "product_code", "enterprise_type", "vehicle_segment", "market",
               "flow", "measure", "basis", "period", "period_label", "period_month", "period_start_month",
               "period_end_month", "source_id")
VALUE_WIDTH = 60


def explain(target_dir: Path, database: Path, project_dir: Path) -> list[str]:
    """One block of lines per failed or errored test of the last dbt run in target_dir."""
    results = json.loads((target_dir / "run_results.json").read_text(encoding="utf-8"))["results"]
    failed = [r for r in results if r["unique_id"].startswith("test.") and r["status"] in ("fail", "error")]
    if not failed:
        return []
    nodes = json.loads((target_dir / "manifest.json").read_text(encoding="utf-8"))["nodes"]
    where = check_seeds.observation_lines(project_dir)
    lines = []
    with duckdb.connect(str(database), read_only=True) as con:
        for result in failed:
            node = nodes.get(result["unique_id"], {})
            name = f"{node.get('name', result['unique_id'])} ({node.get('original_file_path', '?')})"
            if result["status"] == "error" or not result.get("compiled_code"):
                message = (result.get("message") or "no message").strip().splitlines()
                lines.append(f"dbt test {name} could not run: {message[0] if message else 'no message'}")
                continue
            lines.append(f"dbt test {name} failed on {result.get('failures')} row(s); the first:")
            try:
                found = con.sql(f"select * from ({result['compiled_code']}) as failing limit {ROWS_SHOWN}")
                columns, rows = found.columns, found.fetchall()
            except duckdb.Error as error:
                lines.append(f"    (its rows could not be read again: {str(error).splitlines()[0]})")
                continue
            for row in rows:
                lines.append("    " + describe(dict(zip(columns, row)), tested_columns(node), where))
    return lines


def tested_columns(node: dict) -> set[str]:
    """The column a column test names, or the words of an expression test's expression (its columns among them)."""
    kwargs = node.get("test_metadata", {}).get("kwargs", {})
    words = set(re.findall(r"\w+", str(kwargs.get("expression", ""))))
    return words | {node["column_name"]} if node.get("column_name") else words


def describe(row: dict, tested: set[str], where: dict[str, str]) -> str:
    shown = [c for c in row if c in IDENTIFYING or c in tested or c.endswith("observation_id")]
    if not shown:
        shown = list(row)[:6]
    parts = []
    for column in shown:
        value = row[column]
        if value is None:
            continue
        text = str(value)[:VALUE_WIDTH]
        if column.endswith("observation_id") and text in where:
            text += f" ({where[text]})"
        parts.append(f"{column}={text}")
    return ", ".join(parts)
