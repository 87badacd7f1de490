"""The publication itself: the candidate audited, archived, renamed over the published file; a kept version renamed
into place again (a rollback). A reader sees the old file or the new one, never a mix."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from ctw.publish import PublishError
from ctw.publish.archive import (archive, keep_versions, list_versions, prune_versions, remove_partial_archives,
                                 verify_kept)
from ctw.publish.layout import REPORT_NAME, Layout, copy_durably, fsync_dir, sha256_of, wal_of
from ctw.publish.loss_audit import audit_against_published
from ctw.publish.provenance import read_build


def audit_candidate(layout: Layout, version_id: str) -> None:
    """The candidate is closed, checkpointed, readable and carries this build's provenance."""
    if wal_of(layout.candidate).exists():
        raise PublishError(f"{wal_of(layout.candidate)} exists: the candidate was not checkpointed and closed")
    build = read_build(layout.candidate)
    if build is None or build["version_id"] != version_id:
        raise PublishError(f"{layout.candidate} does not carry the provenance of version {version_id}")
    if build["validation_outcome"] not in ("passed", "passed_with_warnings"):
        raise PublishError(f"the candidate's validation outcome is {build['validation_outcome']}")


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
