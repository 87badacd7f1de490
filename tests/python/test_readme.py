"""The README stays a front door: short, and pointing nowhere a clone does not have."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import PROJECT_DIR

pytestmark = pytest.mark.fast  # the data loop: make test-fast

MAX_README_LINES = 200  # issue 23: the rest lives in docs/
# what a user reads; docs/feedback-loop.md names ../shared/bench-peers on purpose, as development-only
USER_FACING = ("README.md", "CONTRIBUTING.md", "docs/using-the-warehouse.md", "docs/scale-and-spark.md")


def readme_faults(project: Path) -> list[str]:
    lines = (project / "README.md").read_text(encoding="utf-8").splitlines()
    if len(lines) > MAX_README_LINES:
        return [f"README.md has {len(lines)} lines, more than {MAX_README_LINES}: move the detail to docs/"]
    return []


def shared_pointers(project: Path) -> list[str]:
    """Lines of the user-facing documents that send a reader to ../shared, which a clone does not have."""
    return [f"{name}:{number}" for name in USER_FACING
            for number, line in enumerate((project / name).read_text(encoding="utf-8").splitlines(), start=1)
            if "../shared" in line]


def copy_docs(target: Path) -> Path:
    for name in USER_FACING:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text((PROJECT_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    return target


@pytest.mark.parametrize("fault", [False, True], ids=["control", "a README of 201 lines"])
def test_the_readme_has_at_most_200_lines(tmp_path, fault):
    project = copy_docs(tmp_path)
    if fault:
        (project / "README.md").write_text("line\n" * (MAX_README_LINES + 1), encoding="utf-8")
    faults = readme_faults(project)
    if fault:
        assert faults == ["README.md has 201 lines, more than 200: move the detail to docs/"]
    else:
        assert faults == []


@pytest.mark.parametrize("fault", [False, True], ids=["control", "a pointer to ../shared/sources"])
def test_no_user_facing_document_points_to_shared(tmp_path, fault):
    project = copy_docs(tmp_path)
    if fault:
        readme = project / "README.md"
        readme.write_text(readme.read_text(encoding="utf-8") + "The documents are in `../shared/sources`.\n",
                          encoding="utf-8")
    found = shared_pointers(project)
    if fault:
        assert found == [f"README.md:{len((project / 'README.md').read_text(encoding='utf-8').splitlines())}"]
    else:
        assert found == []


def marts_missing_from_readme(project: Path) -> list[str]:
    """The marts (models/marts/**.sql) that the README's marts table does not name: one list of marts, kept whole."""
    text = (project / "README.md").read_text(encoding="utf-8")
    table = [line for line in text.splitlines() if line.startswith("| `")]
    return sorted(path.stem for path in (project / "models" / "marts").rglob("*.sql")
                  if not any(f"`{path.stem}`" in line for line in table))


@pytest.mark.parametrize("fault", [False, True], ids=["control", "a mart left out of the table"])
def test_the_readme_lists_every_mart(tmp_path, fault):
    project = copy_docs(tmp_path)
    shutil.copytree(PROJECT_DIR / "models", project / "models")
    if fault:
        readme = project / "README.md"
        readme.write_text("".join(line for line in readme.read_text(encoding="utf-8").splitlines(keepends=True)
                                  if not line.startswith("| `fct_vehicle_sales`")), encoding="utf-8")
    assert marts_missing_from_readme(project) == (["fct_vehicle_sales"] if fault else [])
