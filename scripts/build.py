"""Build the warehouse by write-audit-publish: nothing reaches the published file unless every check passed.

    1. check seeds         scripts/check_seeds.py names file, line and column of any bad input
    2. dbt seed, dbt build the seeds, then models and dbt tests, written into candidate/china_trade.duckdb
    3. expectation suites  Great Expectations against the candidate (report: candidate/validation_report.html)
    4. provenance          the build's record written into the candidate (schema provenance), then checkpointed
    5. publish             the candidate is archived in versions/ and renamed over the published file

Detailed customs data (Parquet, today only synthetic) are built only with CTW_WITH_DETAIL=1; the candidate then
starts as a copy of the published file, so the incremental models read only new or replaced months
(CTW_DETAIL_FULL_REFRESH=1 starts from an empty file and reads every month).

The published file is warehouse/china_trade.duckdb, or CTW_WAREHOUSE_PATH. It is only ever replaced by an atomic
rename, so a reader sees the old file or the new one, never a mix; a failure or a kill at any step leaves it
byte-identical. One build runs at a time (warehouse/.build.lock). See scripts/publishing.py for the layout.

Usage: python scripts/build.py       exit 0 when published; 1 when a step failed (the published file is unchanged)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

import publishing
from publishing import BuildLock, Layout, PublishError

PROJECT_DIR = Path(__file__).resolve().parent.parent


def step(name: str):
    print(f"==> {name}", flush=True)
    return time.monotonic()


def done(name: str, started: float) -> None:
    print(f"    {name}: done in {time.monotonic() - started:.1f} s", flush=True)


def run(name: str, command: list[str], env: dict[str, str]) -> int:
    started = step(name)
    returncode = subprocess.run(command, cwd=PROJECT_DIR, env=env, preexec_fn=publishing.die_with_parent).returncode
    if returncode == 0:
        done(name, started)
    return returncode


def build(layout: Layout, env: dict[str, str]) -> int:
    version_id = publishing.new_version_id()
    shutil.rmtree(layout.candidate.parent, ignore_errors=True)  # a killed build's leftovers
    layout.candidate.parent.mkdir(parents=True)
    if with_detail(env):
        detail = detail_path(env)
        if not any(detail.glob("period_month=*/*.parquet")):
            print(f"build refused: CTW_WITH_DETAIL=1 but {detail} holds no period_month=*/*.parquet files "
                  "(make detail ROWS=... writes synthetic ones)", file=sys.stderr)
            return fail("detailed data", layout)
        if layout.published.is_file() and env.get("CTW_DETAIL_FULL_REFRESH") != "1":
            # the incremental models carry on from what is published: only new or replaced months are read
            shutil.copyfile(layout.published, layout.candidate)
            print(f"==> detailed data from {detail}: the candidate starts from the published file", flush=True)
    candidate_env = env | {"CTW_WAREHOUSE_PATH": str(layout.candidate)}
    results_file = layout.candidate.parent / "expectation_results.json"
    python, dbt = sys.executable, str(Path(sys.executable).parent / "dbt")

    steps = [
        ("check seeds", [python, "scripts/check_seeds.py", "--project-dir", str(PROJECT_DIR)]),
        # seeds first: staging reads them through source(), which gives dbt no edge from seed to model
        ("dbt seed", [dbt, "seed", "--quiet"]),
        ("dbt build", [dbt, "build", "--quiet", "--exclude", "resource_type:seed"]),
        ("expectation suites", [python, "scripts/validate.py", "--warehouse", str(layout.candidate),
                                "--results", str(results_file)]),
    ]
    for name, command in steps:
        if run(name, command, candidate_env) != 0:
            if name == "expectation suites" and results_file.is_file():
                try:  # so that the failed candidate says what failed; the failure is reported either way
                    record(layout, version_id, results_file)
                except (OSError, duckdb.Error) as error:
                    print(f"could not record provenance in the failed candidate: {error}", file=sys.stderr)
            return fail(name, layout)

    current = "provenance"
    try:
        started = step(current)
        outcome = record(layout, version_id, results_file)
        done(current, started)
        current = "publish"
        started = step(current)
        pruned = publishing.publish_candidate(layout, version_id)
        done(current, started)
    except (PublishError, OSError, duckdb.Error) as error:
        print(f"{current} failed: {error}", file=sys.stderr)
        return fail(current, layout)
    print(f"Published version {version_id} ({outcome}): {layout.published}; report: {layout.report}")
    if pruned:
        print(f"Removed old versions beyond the newest {publishing.keep_versions()}: {', '.join(pruned)}")
    return 0


def with_detail(env: dict[str, str]) -> bool:
    return env.get("CTW_WITH_DETAIL") == "1"


def detail_path(env: dict[str, str]) -> Path:
    return PROJECT_DIR / env.get("CTW_DETAIL_PATH", "data/synthetic_detail")


def record(layout: Layout, version_id: str, results_file: Path) -> str:
    results = json.loads(results_file.read_text(encoding="utf-8"))
    return publishing.record_provenance(layout.candidate, version_id, PROJECT_DIR, results)


def fail(step_name: str, layout: Layout) -> int:
    kept = f" The candidate is kept for inspection in {layout.candidate.parent}." if layout.candidate.exists() else ""
    print(f"build failed at: {step_name}. Nothing was published: {layout.published} is unchanged.{kept}",
          file=sys.stderr)
    return 1


def main() -> int:
    env = dict(os.environ)
    env.setdefault("DBT_PROFILES_DIR", str(PROJECT_DIR))
    env.setdefault("DO_NOT_TRACK", "1")
    published = Path(env.get("CTW_WAREHOUSE_PATH") or PROJECT_DIR / "warehouse" / "china_trade.duckdb").resolve()
    layout = Layout(published)
    try:
        with BuildLock(layout.lock, purpose="build"):
            return build(layout, env)
    except PublishError as error:
        print(f"build refused: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"build failed: {error}. Nothing was published: {layout.published} is unchanged.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
