"""Write-audit-publish under a build that stops part-way: killed at any step, interrupted, refused while another
runs, out of disk, failing a suite or unable to archive. No failure costs the last good version.

The tests share one project copy cut to the build's mechanics, built once (module fixture, tests/python/
publishing.py); each compares the published file's checksum before and after the fault it plants. Their control is
the same build on that copy with no fault (fixture control_build): it must publish a new version, so a failure under
a fault is the fault's. A module of its own, beside test_publishing.py, so that the two run on different workers.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import sys
import time

import duckdb
import pytest

from conftest import published_file, run_build
from ctw.publish import archive
from ctw.publish.layout import Layout
from publishing import (
    sha256, version_of, versions_command, start_build, wait_for_step, file_replaced, processes_working_in, lock_is_free,
)
from publishing import project, control_build  # fixtures: each module its own copy and control


@pytest.mark.parametrize(
    ("step", "seconds_into_it"),
    [("check and load seeds", 0), ("dbt build", 3), ("expectation suites", 2), ("publish", 0)],
)
def test_a_build_killed_at_any_step_leaves_a_whole_published_file(project, control_build, step, seconds_into_it):
    published = published_file(project)
    before = sha256(published)
    build = start_build(project)
    wait_for_step(build, step)
    time.sleep(seconds_into_it)
    os.kill(build.pid, signal.SIGKILL)  # the build process only: its children must die with it
    build.wait()
    build.stdout.close()

    deadline = time.monotonic() + 15
    while sys.platform.startswith("linux") and processes_working_in(project):  # children die with it on Linux only
        assert time.monotonic() < deadline, f"orphans still at work: {processes_working_in(project)}"
        time.sleep(0.2)
    assert lock_is_free(project)
    if step != "publish":
        assert sha256(published) == before
    else:  # killed around the rename: the old file or the new one, each whole
        assert sha256(published) == before or version_of(published) in archive.list_versions(
            Layout(published))
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select validation_outcome from provenance.build").fetchone()[0].startswith("passed")


def test_ctrl_c_names_the_step_and_publishes_nothing(project, control_build):
    published = published_file(project)
    before = sha256(published)
    build = start_build(project)
    wait_for_step(build, "dbt build")
    build.send_signal(signal.SIGINT)  # what Ctrl-C sends
    output, _ = build.communicate(timeout=120)
    assert build.returncode == 130, output
    assert "build interrupted during: dbt build. Nothing was published" in output
    assert "Traceback" not in output
    assert sha256(published) == before and lock_is_free(project)


def test_a_second_build_or_a_rollback_is_refused_while_a_build_runs(project, control_build):
    published = published_file(project)
    before = sha256(published)
    first = start_build(project)
    wait_for_step(first, "dbt build")

    second = run_build(project)
    assert second.returncode == 1
    assert "another build or rollback is running (build, pid " in second.stderr
    assert f"pid {first.pid}," in second.stderr
    rollback = versions_command(project, "rollback", version_of(published))
    assert rollback.returncode == 1 and "another build or rollback is running" in rollback.stderr
    assert sha256(published) == before

    output, _ = first.communicate(timeout=300)
    assert first.returncode == 0, output
    assert sha256(published) != before


def test_a_full_disk_during_the_build_leaves_the_published_file_intact(project, control_build):
    published = published_file(project)
    before = sha256(published)
    limit = 3 * 1024 * 1024  # files may not grow past 3 MB: writing the candidate (over 10 MB) fails like a full disk

    result = run_build(project, preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
    assert result.returncode == 1
    assert "build failed at: " in result.stderr and "Nothing was published" in result.stderr
    assert "file too large" in (result.stdout + result.stderr).lower()
    assert sha256(published) == before
    assert (project / "warehouse" / "candidate").is_dir()  # kept for inspection


def test_a_failed_expectation_publishes_nothing_and_the_candidate_says_why(project, control_build):
    published = published_file(project)
    before = sha256(published)
    parameters = project / "seeds" / "reference" / "ref_check_parameters.csv"
    later = re.sub(r"(?m)^(expected_latest_month,,)[0-9-]+,", r"\g<1>2030-12-01,",  # a month no source has
                   parameters.read_text())
    assert "2030-12-01" in later
    with file_replaced(parameters, later.encode()):
        result = run_build(project)
    assert result.returncode == 1
    assert "build failed at: expectation suites. Nothing was published" in result.stderr
    assert sha256(published) == before
    candidate = project / "warehouse" / "candidate" / "china_trade.duckdb"
    with duckdb.connect(str(candidate), read_only=True) as con:
        assert con.execute("select validation_outcome from provenance.build").fetchone()[0] == "failed"
        failed = con.execute("select expectation_key from provenance.expectation_results where status = 'FAIL'")
        assert failed.fetchall() == [("latest_month_is_expected",)]


def test_a_deleted_suite_stops_the_build_before_anything_is_built(project, control_build):
    published = published_file(project)
    before = sha256(published)
    with file_replaced(project / "expectations" / "vehicles.yml", None):
        result = run_build(project)
    assert result.returncode == 1
    assert "vehicles.yml: missing; registry.yml declares suite 'vehicles'" in result.stderr
    assert "build failed at: check the suites. Nothing was published" in result.stderr
    assert "==> check and load seeds" not in result.stdout
    assert sha256(published) == before


def test_an_unwritable_versions_folder_stops_the_publish(project, control_build):
    published = published_file(project)
    before = sha256(published)
    versions = project / "warehouse" / "versions"
    kept = versions.with_name("versions.kept")
    versions.rename(kept)
    versions.write_text("a file where the versions folder should be")
    try:
        result = run_build(project)
    finally:
        versions.unlink()
        kept.rename(versions)
    assert result.returncode == 1
    assert "publish failed:" in result.stderr and "build failed at: publish" in result.stderr
    assert sha256(published) == before
