"""Build the warehouse by write-audit-publish: nothing reaches the published file unless every check passed.

    0. check the suites      every suite file expectations/registry.yml declares is there, readable, and holds the
                             declared expectations (ctw.validate.run); nothing is built otherwise
    1. check and load seeds  ctw.gate.seeds names file, line and column of any bad input, runs every test
                             declared on the seeds (sources), then loads the rows it checked into the candidate;
                             ctw.gate.ecb_rates does the same for the ECB's rates a pinned package ships
    2. dbt build             models and their dbt tests, written into candidate/china_trade.duckdb (the sources'
                             tests are left out: step 1 ran them, on the CSV text, where a fault has a line number)
    3. expectation suites    Great Expectations against the candidate (report: candidate/validation_report.html)
    4. provenance            the build's record written into the candidate (schema provenance), then checkpointed
    5. publish               the candidate is archived in versions/ and renamed over the published file

Detailed customs data (Parquet, today only synthetic) are built only with CTW_WITH_DETAIL=1; the candidate then
starts as a copy of the published file, so the incremental models read only new or replaced months
(CTW_DETAIL_FULL_REFRESH=1 starts from an empty file and reads every month).

The published file is warehouse/china_trade.duckdb, or CTW_WAREHOUSE_PATH. It is only ever replaced by an atomic
rename, so a reader sees the old file or the new one, never a mix; a failure or a kill at any step leaves it
byte-identical. One build runs at a time (warehouse/.build.lock). See ctw.publish.layout for the layout.

Usage: python scripts/build.py       exit 0 when published; 1 when a step failed (the published file is unchanged)
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from ctw import config
from ctw.config import PROJECT_DIR
from ctw.gate import ecb_rates
from ctw.gate import seeds as check_seeds
from ctw.publish import PublishError, detail_audit, provenance, publication
from ctw.publish.archive import keep_versions
from ctw.publish.chart_page import refresh_chart_page
from ctw.publish.children import die_with_parent
from ctw.publish.fingerprint import inputs_fingerprint
from ctw.publish.layout import Layout
from ctw.publish.lock import BuildLock
from ctw.validate import dbt_failures
from ctw.validate import run as validate

# the first steps' names, as printed (==> check and load seeds) and as named when they fail
SUITES_STEP = "check the suites"
SEED_STEP = "check and load seeds"
# how a build went (provenance.build.build_path): every step, or only the detailed models and their suite
FULL, DETAIL_ONLY = "full", "detail_only"


# Ctrl-C (SIGINT) is handled at known points, never in the middle of a step: the handler records it and passes it
# on to the running child; the build stops when that child returns, or before the next step begins. (Raised at an
# arbitrary point, a KeyboardInterrupt can be swallowed, e.g. while the interpreter forks a child.)
CURRENT_STEP = ["starting"]
INTERRUPTED: list[int] = []
RUNNING_CHILD: list[subprocess.Popen | None] = [None]


def on_interrupt(signum, frame) -> None:
    INTERRUPTED.append(signum)
    child = RUNNING_CHILD[0]
    if child is not None and child.poll() is None:
        child.send_signal(signal.SIGINT)


def stop_if_interrupted() -> None:
    if INTERRUPTED:
        raise KeyboardInterrupt


def step(name: str):
    stop_if_interrupted()
    CURRENT_STEP[0] = name
    print(f"==> {name}", flush=True)
    return time.monotonic()


def done(name: str, started: float) -> None:
    print(f"    {name}: done in {time.monotonic() - started:.1f} s", flush=True)


def run(name: str, command: list[str], env: dict[str, str]) -> int:
    started = step(name)
    with subprocess.Popen(command, cwd=PROJECT_DIR, env=env, preexec_fn=die_with_parent) as child:
        RUNNING_CHILD[0] = child
        returncode = child.wait()
    RUNNING_CHILD[0] = None
    stop_if_interrupted()
    if returncode == 0:
        done(name, started)
    return returncode


def build(layout: Layout, env: dict[str, str]) -> int:
    version_id = provenance.new_version_id()
    shutil.rmtree(layout.candidate.parent, ignore_errors=True)  # a killed build's leftovers
    layout.candidate.parent.mkdir(parents=True)
    # the suites against their registry first: a missing or broken suite file is named before anything is built
    started = step(SUITES_STEP)
    try:
        declared = validate.declared_count(validate.load_suites(config.SUITES_DIR))
    except validate.SuiteError as error:
        print(f"the suites do not match expectations/{validate.REGISTRY}: {error}", file=sys.stderr)
        return fail(SUITES_STEP, layout)
    done(SUITES_STEP, started)
    build_path = FULL
    if config.with_detail(env):
        detail = config.detail_path(env)
        if not any(detail.glob("period_month=*/*.parquet")):
            print(f"build refused: CTW_WITH_DETAIL=1 but {detail} holds no period_month=*/*.parquet files "
                  "(make detail ROWS=... writes synthetic ones)", file=sys.stderr)
            return fail("detailed data", layout)
        if layout.published.is_file() and not config.detail_full_refresh(env):
            # the incremental models carry on from what is published: only new or replaced months are read
            shutil.copyfile(layout.published, layout.candidate)
            print(f"==> detailed data from {detail}: the candidate starts from the published file", flush=True)
            published = provenance.read_build(layout.published) or {}
            if (published.get("inputs_fingerprint") == inputs_fingerprint(PROJECT_DIR)
                    and published.get("validation_outcome", "").startswith("passed")):
                build_path = DETAIL_ONLY
                print(f"==> detail-only update: the seeds, models and suites are those of published version "
                      f"{published['version_id']}; only the detailed models and their suite run", flush=True)
    candidate_env = env | {"CTW_DBT_PATH": config.dbt_path(layout.candidate)}
    results_file = layout.candidate.parent / "expectation_results.json"
    python, dbt = sys.executable, str(Path(sys.executable).parent / "dbt")

    if build_path == FULL:
        # in-process: the gate's faults name file, line and column; only rows it checked reach the candidate
        started = step(SEED_STEP)
        try:
            faults = check_seeds.check_seeds(PROJECT_DIR, load_into=layout.candidate)
            # then the files a pinned package ships (the ECB's reference rates), checked and loaded the same way
            faults = faults or ecb_rates.load(layout.candidate)
        except duckdb.Error as error:
            faults = [f"loading the seeds into {layout.candidate} failed: {error}"]
        if check_seeds.report(faults) != 0:
            return fail(SEED_STEP, layout)
        done(SEED_STEP, started)

    # a detail-only update builds the detailed models alone and runs their suite alone (decision 0013)
    selection = ["--select", "tag:customs_detail"] if build_path == DETAIL_ONLY else [
        "--exclude", "resource_type:seed", "source:*"]
    steps = [
        ("dbt build", [dbt, "build", "--quiet", *selection]),
        ("expectation suites", [python, "scripts/validate.py", "--warehouse", str(layout.candidate),
                                "--results", str(results_file),
                                *(["--only-with-detail"] if build_path == DETAIL_ONLY else [])]),
    ]
    for name, command in steps:
        if run(name, command, candidate_env) != 0:
            if name == "dbt build":
                explain_failed_tests(layout, env)
            if name == "expectation suites" and results_file.is_file():
                try:  # so that the failed candidate says what failed; the failure is reported either way
                    record(layout, version_id, results_file, declared, build_path)
                except (OSError, duckdb.Error, PublishError) as error:
                    print(f"could not record provenance in the failed candidate: {error}", file=sys.stderr)
            return fail(name, layout)

    if build_path == DETAIL_ONLY:
        try:
            started = step("headline audit")
            detail_audit.audit_unchanged_headline(layout.candidate, layout.published)
            done("headline audit", started)
        except (PublishError, duckdb.Error) as error:
            print(f"headline audit failed: {error}", file=sys.stderr)
            return fail("headline audit", layout)

    return record_and_publish(layout, version_id,
                              lambda: record(layout, version_id, results_file, declared, build_path))


def record_and_publish(layout: Layout, version_id: str, record_provenance) -> int:
    current = "provenance"
    try:
        started = step(current)
        outcome = record_provenance()
        done(current, started)
        current = "publish"
        started = step(current)
        pruned = publication.publish_candidate(layout, version_id)
        done(current, started)
    except (PublishError, OSError, duckdb.Error) as error:
        print(f"{current} failed: {error}", file=sys.stderr)
        return fail(current, layout)
    print(f"Published version {version_id} ({outcome}): {layout.published}; report: {layout.report}")
    charts = refresh_chart_page(layout)
    if charts:
        print(charts)
    if pruned:
        print(f"Removed old versions beyond the newest {keep_versions()}: {', '.join(pruned)}")
    return 0


def explain_failed_tests(layout: Layout, env: dict[str, str]) -> None:
    """dbt names a failed test and counts its rows; say which rows, and where their observations are in the seeds."""
    try:
        lines = dbt_failures.explain(PROJECT_DIR / env.get("DBT_TARGET_PATH", "target"), layout.candidate, PROJECT_DIR)
    except (OSError, ValueError, KeyError, duckdb.Error) as error:
        lines = [f"(the failed tests' rows could not be listed: {error})"]
    for line in lines:
        print(line, file=sys.stderr)


def record(layout: Layout, version_id: str, results_file: Path, declared: int, build_path: str) -> str:
    """Provenance into the candidate. A detail-only update records the published version's other expectation
    results again beside its detail suite's: the headline relations they checked are the same."""
    results = json.loads(results_file.read_text(encoding="utf-8"))
    if build_path == DETAIL_ONLY:
        results = provenance.carried_expectation_results(layout.published) + results
    return provenance.record_provenance(layout.candidate, version_id, PROJECT_DIR, results, declared, build_path)


def as_it_was(published: Path) -> str:
    """The published file after a build that published nothing: unchanged, or (a first build, a lost file) absent."""
    return f"{published} is unchanged" if published.exists() else f"there is still no file at {published}"


def fail(step_name: str, layout: Layout) -> int:
    kept = f" The candidate is kept for inspection in {layout.candidate.parent}." if layout.candidate.exists() else ""
    report = layout.candidate.parent / "validation_report.html"
    kept += f" Report: {report}" if report.is_file() else ""
    print(f"build failed at: {step_name}. Nothing was published: {as_it_was(layout.published)}.{kept}",
          file=sys.stderr)
    return 1


def check_settings(published: Path) -> None:
    """Refuse settings that would fail, or misplace files, only after a whole build: checked before anything runs."""
    keep_versions()  # CTW_KEEP_VERSIONS
    if published.is_dir():
        raise PublishError(f"CTW_WAREHOUSE_PATH names a folder, {published}; it must name the published file "
                           "(a .duckdb file, created by the first build)")


def main() -> int:
    env = dict(os.environ)
    env.setdefault("DBT_PROFILES_DIR", str(PROJECT_DIR))
    env.setdefault("DO_NOT_TRACK", "1")
    try:
        check_settings(config.published_path())
    except PublishError as error:
        print(f"build refused: {error}", file=sys.stderr)
        return 1
    layout = Layout(config.published_path())
    signal.signal(signal.SIGINT, on_interrupt)
    try:
        with BuildLock(layout.lock, purpose="build"):
            return build(layout, env)
    except PublishError as error:
        print(f"build refused: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"build failed: {error}. Nothing was published: {as_it_was(layout.published)}.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C, at a known point (on_interrupt); the lock goes with this process
        print(f"\nbuild interrupted during: {CURRENT_STEP[0]}. Nothing was published: {layout.published} is "
              "unchanged unless the interrupt came after the rename (then the new version is whole); "
              "make versions shows which is published.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
