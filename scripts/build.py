"""Build the warehouse: check the seeds, load, transform and test with dbt, then run the expectation suites.

The warehouse file is warehouse/china_trade.duckdb, or CTW_WAREHOUSE_PATH where that is set (the tests build into
a temporary folder). A seed fault stops the build before dbt touches the file; a failed dbt test or error-level
expectation fails the build. The validation report is written beside the warehouse file (validation_report.html).

Usage: python scripts/build.py            exit 0 when the warehouse is built and every check passes
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def run(step: str, command: list[str], env: dict[str, str]) -> None:
    started = time.monotonic()
    print(f"==> {step}", flush=True)
    result = subprocess.run(command, cwd=PROJECT_DIR, env=env)
    if result.returncode != 0:
        print(f"build failed at: {step} (exit {result.returncode})", file=sys.stderr)
        sys.exit(result.returncode)
    print(f"    {step}: done in {time.monotonic() - started:.1f} s", flush=True)


def main() -> int:
    env = dict(os.environ)
    env.setdefault("DBT_PROFILES_DIR", str(PROJECT_DIR))
    env.setdefault("DO_NOT_TRACK", "1")
    warehouse = Path(env.setdefault("CTW_WAREHOUSE_PATH", str(PROJECT_DIR / "warehouse" / "china_trade.duckdb")))
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    bin_dir = Path(sys.executable).parent

    run("check seeds", [sys.executable, "scripts/check_seeds.py", "--project-dir", str(PROJECT_DIR)], env)
    run("dbt build (seed, run, test)", [str(bin_dir / "dbt"), "build", "--quiet"], env)
    run("expectation suites", [sys.executable, "scripts/validate.py", "--warehouse", str(warehouse)], env)
    print(f"Warehouse built: {warehouse}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
