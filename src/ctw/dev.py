"""The inner loop: rebuild the selected models and run their tests on a scratch copy of the published warehouse.

    make dev S="fct_partner_trade"          one model and its tests
    make dev S="+fct_partner_trade"         with everything upstream rebuilt too
    make dev S="int_world_trade_values+"    a model and everything downstream

The copy (target/dev/china_trade.duckdb) holds every relation of the published file, so the selected models find
their upstream in place and only the selection runs: seconds, not a whole build. The published file is only read;
nothing is published, versioned or validated by the expectation suites (make build does that). The copy is taken
afresh from the published file on every run, so one try never leaks into the next.

Usage: python scripts/dev.py SELECTOR [dbt build options...]     exit: dbt's
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ctw.config import PROJECT_DIR, dev_selection, published_path

SCRATCH = PROJECT_DIR / "target" / "dev"


def main(argv: list[str]) -> int:
    argv = argv or dev_selection()  # make dev S="...": the selectors as typed, from the environment
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    published = published_path()
    if not published.is_file():
        print(f"dev: no published warehouse at {published}; run make build first", file=sys.stderr)
        return 1
    started = time.monotonic()
    shutil.rmtree(SCRATCH, ignore_errors=True)
    SCRATCH.mkdir(parents=True)
    scratch = SCRATCH / published.name  # dbt's views name their catalog after the file: keep its name
    shutil.copyfile(published, scratch)
    env = dict(os.environ) | {"CTW_DBT_PATH": str(scratch)}
    env.setdefault("DBT_PROFILES_DIR", str(PROJECT_DIR))
    env.setdefault("DO_NOT_TRACK", "1")
    dbt = str(Path(sys.executable).parent / "dbt")
    print(f"dev: building --select {argv[0]} on a scratch copy of {published}", flush=True)
    # a target folder of its own: dbt's partial-parse state for this profile (another file) survives between runs
    # and leaves the build's alone
    command = [dbt, "build", "--target-path", str(SCRATCH.parent / "dev-target"), "--select", *argv]
    returncode = subprocess.run(command, cwd=PROJECT_DIR, env=env).returncode
    outcome = "passed" if returncode == 0 else "FAILED"
    print(f"dev: {outcome} in {time.monotonic() - started:.1f} s; the scratch warehouse is {scratch} "
          f"(the published file is unchanged)")
    return returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
