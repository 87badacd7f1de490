"""List the kept versions of the published warehouse, or roll back to one of them.

Every publish keeps a copy in warehouse/versions/<version_id>/ (the newest CTW_KEEP_VERSIONS, default 5). A rollback
publishes a kept copy again, by the same atomic rename a build uses and under the same lock; readers see the old
file or the restored one, never a mix. Versions are never deleted by a rollback.

Usage: python scripts/versions.py                      list versions, newest first; * marks the published one
       python scripts/versions.py rollback VERSION_ID  publish that version again
"""

from __future__ import annotations

import argparse
import sys

from ctw import config
from ctw.publish import PublishError
from ctw.publish.archive import PARTIAL_ARCHIVE, list_versions
from ctw.publish.chart_page import refresh_chart_page
from ctw.publish.layout import Layout
from ctw.publish.lock import BuildLock
from ctw.publish.provenance import read_build
from ctw.publish.publication import roll_back


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", choices=["list", "rollback"], default="list")
    parser.add_argument("version_id", nargs="?")
    args = parser.parse_args()
    layout = Layout(config.published_path())

    if args.command == "list":
        versions = describe_versions(layout)
        if not versions:
            print(f"no kept versions in {layout.versions}; run make build")
            return 0
        print(f"{'':2}{'version_id':26}{'built_at (UTC)':34}{'git commit':14}validation")
        for v in versions:
            mark = "*" if v["current"] else ""
            print(f"{mark:2}{v['version_id']:26}{v['built_at']:34}{v['git_commit']:14}{v['validation_outcome']}")
        return 0

    if not args.version_id:
        parser.error("rollback needs a VERSION_ID (see: python scripts/versions.py list)")
    try:
        with BuildLock(layout.lock, purpose=f"rollback to {args.version_id}"):
            roll_back(layout, args.version_id)
    except (PublishError, OSError) as error:
        print(f"rollback failed: {error}. The published file is unchanged.", file=sys.stderr)
        return 1
    print(f"Published version {args.version_id} again: {layout.published}")
    charts = refresh_chart_page(layout)
    if charts:
        print(charts)
    return 0


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


if __name__ == "__main__":
    sys.exit(main())
