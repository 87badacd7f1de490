"""What the publishing tests share (test_publishing.py, test_publishing_interrupted.py): a project cut to what the build's
mechanics need, built once per module, the control build on it, and the helpers that plant faults and read versions.

The mechanics under test (lock, kills, interrupts, full disk, failed suite, archive, loss audit, rollback, chart page)
are the same code whatever the DAG holds, so their project keeps only the models that the loss audit, the chart page
and two suites read, without their dbt tests (the session's full build runs those): a build there costs about half a
full one. A test module imports the fixtures project and control_build; each module then has its own copy and control
(module scope), so that the two modules can run on different workers.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import copy_project, project_env, published_file, run_build
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


# the suites the mechanics project keeps: the tests fail one (completeness) and delete the other (vehicles)
MECHANICS_SUITES = ("completeness", "vehicles")
# what a cut project does not describe: the BI tools' exposures and the semantic layer read models it leaves out
MECHANICS_DROPPED_FILES = ("models/reporting/_reporting__exposures.yml", "models/marts/_semantic_models.yml")


def mechanics_models(manifest: dict, project_dir: Path, suites: tuple[str, ...], models: tuple[str, ...]) -> set[str]:
    """The models a build of a cut project needs: those the loss audit (fct_observations), the chart page's exposure,
    the kept suites and the named models read, with everything upstream of them; taken from the full build's
    manifest. A suite's relation that the full build leaves disabled (the detailed data's) is kept as it is."""
    nodes = manifest["nodes"]
    by_name = {node["name"]: key for key, node in nodes.items() if node["resource_type"] == "model"}
    disabled = {versions[0]["name"] for versions in manifest["disabled"].values()}
    [chart_page] = [e for e in manifest["exposures"].values() if e["name"] == "chart_page"]
    wanted = [by_name["fct_observations"], *chart_page["depends_on"]["nodes"], *(by_name[name] for name in models)]
    for suite in suites:
        expectations = yaml.safe_load((project_dir / "expectations" / f"{suite}.yml").read_text())["expectations"]
        for expectation in expectations:
            name = expectation["asset"].split(".")[1]
            assert name in by_name or name in disabled, f"{suite}: no model {name}"
            wanted += [by_name[name]] if name in by_name else []
    kept = set()
    while wanted:
        key = wanted.pop()
        if key.startswith("model.") and key not in kept:
            kept.add(key)
            wanted += nodes[key]["depends_on"]["nodes"]
    return kept


def mechanics_project(built_project: Path, folder: Path, suites: tuple[str, ...] = MECHANICS_SUITES,
                      models: tuple[str, ...] = (), with_dbt_tests: bool = False) -> Path:
    """A project copy in folder/project cut to the build's mechanics (see the module's docstring), keeping the given
    suites and models besides: the other models disabled in its dbt_project.yml (and every dbt test and unit test,
    unless with_dbt_tests), the other suites gone from its registry. Nothing is built yet."""
    project_dir = copy_project(folder / "project")
    manifest = json.loads((built_project / "target" / "manifest.json").read_text(encoding="utf-8"))
    kept = mechanics_models(manifest, project_dir, suites, models)
    dbt_project = project_dir / "dbt_project.yml"
    config = yaml.safe_load(dbt_project.read_text(encoding="utf-8"))
    for key, node in manifest["nodes"].items():
        if node["resource_type"] == "model" and key not in kept:
            level = config.setdefault("models", {})
            for part in node["fqn"]:
                level = level.setdefault(part, {})
            level["+enabled"] = False
    if not with_dbt_tests:
        config["data_tests"] = config["unit_tests"] = {"+enabled": False}
    dbt_project.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for path in MECHANICS_DROPPED_FILES:
        (project_dir / path).unlink()
    registry_file = project_dir / "expectations" / "registry.yml"
    registry = yaml.safe_load(registry_file.read_text(encoding="utf-8"))
    for suite in set(registry["suites"]) - set(suites):
        (project_dir / "expectations" / f"{suite}.yml").unlink()
    registry["suites"] = {suite: registry["suites"][suite] for suite in suites}
    registry_file.write_text(yaml.safe_dump(registry, sort_keys=False), encoding="utf-8")
    return project_dir


@pytest.fixture(scope="module")
def project(built_project, tmp_path_factory) -> Path:
    """This module's own mechanics project, built and published once: its tests build, kill, roll back and fill the
    disk there."""
    project_dir = mechanics_project(built_project, tmp_path_factory.mktemp("publishing"))
    result = run_build(project_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return project_dir


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
