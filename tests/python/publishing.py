"""What the publishing tests share (test_publishing.py, test_publishing_interrupted.py): a project copy per module that
starts where the session's build ended, the control build on it, and the helpers that plant faults and read versions.

A test module imports the fixtures project and control_build; each module then has its own copy and control (module
scope), so that the two modules can run on different workers.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from conftest import copy_of_built, project_env, published_file, run_build
from ctw.publish import archive
from ctw.publish.layout import Layout


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def version_of(database: Path) -> str:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute("select version_id from provenance.build").fetchone()[0]


def versions_command(project_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/versions.py", *args],
        cwd=project_dir, env=project_env(project_dir), capture_output=True, text=True,
    )


def start_build(project_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "scripts/build.py"],
        cwd=project_dir, env=project_env(project_dir), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def wait_for_step(build: subprocess.Popen, step: str) -> list[str]:
    """Read the build's output until it announces `step`; return what it printed."""
    seen = []
    for line in build.stdout:
        seen.append(line)
        if line.startswith(f"==> {step}"):
            return seen
    raise AssertionError(f"the build ended before step {step!r}:\n{''.join(seen)}")


@contextmanager
def file_replaced(path: Path, content: bytes | None):
    """The file holds content (None: it is deleted) inside the block; its own bytes come back after it."""
    kept = path.read_bytes()
    if content is None:
        path.unlink()
    else:
        path.write_bytes(content)
    try:
        yield
    finally:
        path.write_bytes(kept)


def processes_working_in(folder: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if Path(os.readlink(entry / "cwd")) == folder:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def lock_is_free(project_dir: Path) -> bool:
    with open(project_dir / "warehouse" / ".build.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


@pytest.fixture(scope="module")
def project(built_project, tmp_path_factory) -> Path:
    """A project copy of this module's own: its tests build, kill, roll back and fill the disk there."""
    return copy_of_built(built_project, tmp_path_factory.mktemp("publishing"))


@pytest.fixture(scope="module")
def control_build(project) -> str:
    """The faults' control: the same build on the same copy, with no fault, publishes a new, validated version."""
    published = published_file(project)
    before = version_of(published)
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    after = version_of(published)
    assert after != before and after in archive.list_versions(Layout(published))
    return after
