"""Where the published file and what surrounds it lie, and the file helpers every step of the publication uses.

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

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

REPORT_NAME = "validation_report.html"
DETAIL_MARK = "detail"  # in the path of every detail model, source and suite, and the name of every detail relation


def damaged(path: Path, error: Exception) -> str:
    """What to say when a warehouse file cannot be read: which file, DuckDB's reason, and what to do."""
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    return (f"{path} cannot be read ({reason}): it is damaged or not a DuckDB file. `make versions` lists the kept "
            "versions; `make rollback TO=<version_id>` publishes one of them again.")


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


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
