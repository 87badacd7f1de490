"""Shared fixtures: every test works on a copy of the project, building into its own temporary folder."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
BIN_DIR = Path(sys.executable).parent
COPY_IGNORE = shutil.ignore_patterns(
    ".venv*", ".git", "target", "logs", "warehouse", "data", "__pycache__", ".pytest_cache"
)


def copy_project(destination: Path, parsed_from: Path = PROJECT_DIR) -> Path:
    """A copy of the project's files (no environment, no build output) at destination, with dbt's partial-parse
    state from parsed_from when there is one: dbt then parses only the files a test changes."""
    shutil.copytree(PROJECT_DIR, destination, ignore=COPY_IGNORE)
    (destination / "warehouse").mkdir()
    parsed = parsed_from / "target" / "partial_parse.msgpack"
    if parsed.is_file():
        (destination / "target").mkdir()
        shutil.copy(parsed, destination / "target")
    return destination


def project_env(project_dir: Path) -> dict[str, str]:
    """The project's environment, with no detailed data unless a test asks for it. The published file is the copy's
    own; dbt run by hand writes the copy's candidate, as in a checkout."""
    env = {name: value for name, value in os.environ.items()
           if name not in ("CTW_WITH_DETAIL", "CTW_DETAIL_PATH", "CTW_DETAIL_FULL_REFRESH", "CTW_DBT_PATH")}
    env.update(
        DBT_PROFILES_DIR=str(project_dir),
        DO_NOT_TRACK="1",
        CTW_WAREHOUSE_PATH=str(project_dir / "warehouse" / "china_trade.duckdb"),
        PATH=f"{BIN_DIR}{os.pathsep}{env.get('PATH', '')}",
        # the copy's own package first: its commands run its code on its files (ctw.config.PROJECT_DIR), never the
        # checkout's that this environment's ctw.pth names
        PYTHONPATH=os.pathsep.join([str(project_dir / "src"), *filter(None, [env.get("PYTHONPATH")])]),
    )
    return env


def run_build(project_dir: Path, env: dict[str, str] | None = None, **popen_options) -> subprocess.CompletedProcess:
    """scripts/build.py run on the given project copy (in its environment, or env), output captured."""
    return subprocess.run(
        [sys.executable, "scripts/build.py"],
        cwd=project_dir,
        env=env or project_env(project_dir),
        capture_output=True,
        text=True,
        **popen_options,
    )


@dataclass
class DbtRun:
    returncode: int  # 0 when every node passed, as the command's exit code
    output: str  # what dbt says above debug level, one message a line


def run_dbt(project_dir: Path, *args: str, env: dict[str, str] | None = None) -> DbtRun:
    """`dbt <args>` on a project copy, run in this process (dbt's dbtRunner) in the copy's folder and environment:
    dbt is imported once per worker instead of once per command, about 3 s of each command here. dbt-duckdb keeps
    its DuckDB database open in the process after a command, and a later connection to the file would fail, so it
    is closed before returning. env replaces the copy's environment (project_env) where given. The build itself runs
    dbt as a command (docs/decisions/0013)."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.cli.main import dbtRunner

    messages: list[str] = []
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.clear()
    os.environ.update(env or project_env(project_dir))
    os.chdir(project_dir)
    try:
        result = dbtRunner(callbacks=[
            lambda event: messages.append(event.info.msg) if event.info.level != "debug" else None,
        ]).invoke(list(args))
    finally:
        with DuckDBConnectionManager._LOCK:
            if DuckDBConnectionManager._ENV is not None:
                DuckDBConnectionManager._ENV.close()
                DuckDBConnectionManager._ENV = None
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    if result.exception is not None:  # what the command would print before exiting with 2
        messages.append(str(result.exception))
    return DbtRun(0 if result.success else 1 if result.exception is None else 2, "\n".join(messages))


def published_file(project_dir: Path) -> Path:
    return project_dir / "warehouse" / "china_trade.duckdb"


@pytest.fixture(scope="session")
def built_project(tmp_path_factory, worker_id) -> Path:
    """The project, built once from its own seeds into a temporary folder: the session's one full build, shared by
    every pytest-xdist worker (the first to ask builds it under a lock; the others wait for it, and meet its
    failure as their own). Tests read it and never write into it: a test that runs a command writing files (make
    docs, the chart page) runs it on copy_of_built."""
    root = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    project_dir, outcome = root / "build" / "project", root / "build" / "outcome.txt"
    with open(root / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not outcome.exists():
            copy_project(project_dir)
            result = run_build(project_dir)
            outcome.write_text("passed" if result.returncode == 0 else result.stdout + result.stderr)
    assert outcome.read_text() == "passed", outcome.read_text()
    return project_dir


def copy_of_built(built_project: Path, folder: Path) -> Path:
    """A project copy in folder/project that starts where the session's build ended: the same files, and its
    published file, report and kept versions copied. Cheaper than a build, and the same result."""
    project_dir = copy_project(folder / "project", parsed_from=built_project)
    shutil.rmtree(project_dir / "warehouse")
    shutil.copytree(built_project / "warehouse", project_dir / "warehouse",
                    ignore=shutil.ignore_patterns(".build.lock", "candidate"))
    return project_dir


@pytest.fixture(scope="session")
def warehouse(built_project):
    """A read-only connection to the built warehouse, as a BI tool would open it."""
    connection = duckdb.connect(str(built_project / "warehouse" / "china_trade.duckdb"), read_only=True)
    yield connection
    connection.close()
