"""`make docs` writes dbt's documentation as one self-contained page, offline, from a copy of the published file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import PROJECT_DIR, copy_of_built, project_env


def test_make_docs_writes_a_self_contained_page(built_project, tmp_path):
    venv = Path(sys.executable).parent.parent
    project = copy_of_built(built_project, tmp_path)  # make docs writes into target/
    result = subprocess.run(
        ["make", "docs", f"VENV={venv}"], cwd=project, env=project_env(project), capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = (project / "target" / "docs" / "static_index.html").read_text(encoding="utf-8")
    assert "fct_trade_figure_vintages" in page and "fct_monthly_trade" in page
    # nothing is fetched from elsewhere: no script or stylesheet with a remote address
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", page)


MACRO = re.compile(r"\{%-?\s*(macro|test)\s+(\w+)\s*\((.*?)\)\s*-?%\}", re.S)


def macro_signatures() -> dict[str, list[str]]:
    """Every macro and generic test of macros/*.sql, with its arguments (a generic test documented as test_<name>)."""
    found = {}
    for path in sorted(PROJECT_DIR.glob("macros/*.sql")):
        for kind, name, arguments in MACRO.findall(path.read_text(encoding="utf-8")):
            found[f"test_{name}" if kind == "test" else name] = [
                argument.split("=")[0].strip() for argument in arguments.split(",") if argument.strip()]
    return found


def test_every_macro_is_documented_with_its_arguments():
    documented = {m["name"]: m for m in yaml.safe_load((PROJECT_DIR / "macros" / "_macros.yml").read_text())["macros"]}
    signatures = macro_signatures()
    assert len(signatures) > 40
    assert sorted(documented) == sorted(signatures)
    assert [name for name, m in documented.items() if not m.get("description")] == []
    # a dispatched implementation (default__, spark__) is described; its arguments are its dispatcher's
    wrong = {name: ([a["name"] for a in m.get("arguments", [])], signatures[name]) for name, m in documented.items()
             if not name.startswith(("default__", "spark__"))
             and [a["name"] for a in m.get("arguments", [])] != signatures[name]}
    assert wrong == {}


def models_without_yaml(project: Path) -> list[str]:
    """The models whose SQL has no <model>.yml beside it, and the YAMLs without their SQL."""
    sql = {p.with_suffix("") for p in project.glob("models/**/*.sql")}
    # folder files (sources, semantic models, exposures) start with an underscore
    yml = {p.with_suffix("") for p in project.glob("models/**/*.yml") if not p.name.startswith("_")}
    return sorted(stem.name for stem in sql ^ yml)


def test_every_model_has_its_yaml_beside_its_sql():
    """One YAML per model (<model>.yml next to <model>.sql) holding that model only, its unit tests with it."""
    assert models_without_yaml(PROJECT_DIR) == []
    yml = {p.with_suffix("") for p in PROJECT_DIR.glob("models/**/*.yml") if not p.name.startswith("_")}
    for stem in sorted(yml):
        spec = yaml.safe_load(stem.with_suffix(".yml").read_text(encoding="utf-8"))
        assert [m["name"] for m in spec["models"]] == [stem.name], stem
        assert {t["model"] for t in spec.get("unit_tests", [])} <= {stem.name}, stem
