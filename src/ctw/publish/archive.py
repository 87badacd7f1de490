"""The kept versions in warehouse/versions/: each a copy of a published file with its report and its SHA-256,
archived atomically, verified before a rollback, pruned to the newest CTW_KEEP_VERSIONS."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ctw import config
from ctw.publish import PublishError
from ctw.publish.layout import REPORT_NAME, Layout, copy_durably, fsync_dir, sha256_of

PARTIAL_ARCHIVE = ".incoming-"


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
    value = config.keep_versions()
    if not value.isdigit() or int(value) < 1:
        raise PublishError(f"CTW_KEEP_VERSIONS must be a whole number of at least 1, not {value!r}")
    return int(value)
