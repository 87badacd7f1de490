"""A BI reader, run as its own process by test_publishing.py: it queries the published file in a loop until told to
stop, and checks on every pass that what it reads is one whole, validated version.

    python read_while_publishing.py WAREHOUSE STOP_FILE RESULT_FILE fresh|held

fresh  opens a new read-only connection on every pass (a BI tool that reconnects for each query)
held   keeps the read-only connection it opened first (a notebook left open)

Whole means: provenance.build has one row with a passing validation, and every relation the build recorded in
provenance.relation_rows exists and has exactly the recorded number of rows. The result file gets JSON with the
number of passes, the versions seen in order and the first errors.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import duckdb


def check_whole(con: duckdb.DuckDBPyConnection) -> str:
    builds = con.execute("select version_id, validation_outcome from provenance.build").fetchall()
    if len(builds) != 1 or builds[0][1] not in ("passed", "passed_with_warnings"):
        raise AssertionError(f"provenance.build is {builds}")
    version_id = builds[0][0]
    recorded = con.execute("select schema_name, relation_name, row_count from provenance.relation_rows").fetchall()
    if not recorded:
        raise AssertionError("provenance.relation_rows is empty")
    for schema, name, row_count in recorded:
        found = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
        if found != row_count:
            raise AssertionError(f"{version_id}: {schema}.{name} has {found} rows, the build recorded {row_count}")
    return version_id


def main() -> int:
    warehouse, stop_file, result_file, mode = sys.argv[1:5]
    passes, versions, errors = 0, [], []
    held = duckdb.connect(warehouse, read_only=True) if mode == "held" else None
    stopping = False
    while not stopping:  # the last pass starts after the stop file appeared, so it sees the last publish
        stopping = Path(stop_file).exists()
        try:
            con = held or duckdb.connect(warehouse, read_only=True)
            try:
                version_id = check_whole(con)
            finally:
                if con is not held:
                    con.close()
            if not versions or versions[-1] != version_id:
                versions.append(version_id)
        except Exception as error:  # every failure is the finding: record it and keep reading
            errors.append(f"{type(error).__name__}: {error}")
        passes += 1
        if passes == 1:
            Path(result_file + ".ready").touch()
        time.sleep(0.02)
    Path(result_file).write_text(json.dumps({"passes": passes, "versions": versions, "errors": errors[:5]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
