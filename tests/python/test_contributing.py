"""CONTRIBUTING.md's worked examples stay true: each is taken out of a project copy, put back as the guide says, and
checked with the guide's own verifying commands.

Putting the rows back gives seed files with exactly the rows of the project's own (in another order), so the
session's build is the build the guide asks for: the copy starts from it instead of building again."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR, copy_of_built, project_env
from ctw.gate import seeds as check_seeds
from ctw.validate import run as validate

pytestmark = pytest.mark.fast  # the data loop: make test-fast

GUIDE = (PROJECT_DIR / "CONTRIBUTING.md").read_text(encoding="utf-8")


def examples() -> dict[str, str]:
    return dict(re.findall(r"<!-- example: ([\w-]+) -->\s*```\w+\n(.*?)```", GUIDE, flags=re.S))


def rows_by_file(example: str) -> dict[str, list[str]]:
    """'# path' lines start a file; the lines after it are the rows the guide adds to it."""
    found: dict[str, list[str]] = {}
    current = None
    for line in example.splitlines():
        if line.startswith("# "):
            current = found.setdefault(line[2:].strip(), [])
        elif line.strip():
            current.append(line)
    return found


def seed_check(project_dir: Path) -> str:
    """The seed check's faults, one a line ('' when clean)."""
    return "\n".join(check_seeds.check_seeds(project_dir))


def query(project_dir: Path, question: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/query.py", question],
        cwd=project_dir, env=project_env(project_dir), capture_output=True, text=True,
    )


def test_the_guide_has_its_examples():
    assert set(examples()) == {"add-a-month", "add-a-partner-group", "add-a-product", "add-an-expectation",
                               "register-an-expectation"}
    recipes = re.findall(r"^## (Add .*)$", GUIDE, flags=re.M)
    assert recipes == ["Add a month of figures", "Add a source, or one that revises earlier figures",
                       "Add a partner or a partner group", "Add a product", "Add a mart", "Add a check", "Add a chart"]


@pytest.fixture(scope="module")
def project_with_examples_added(built_project, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A copy without the seed examples' rows, checked, then with them added back as the guide says: its seed files
    then hold the same rows as the built project's, so the session's build is its build."""
    project = copy_of_built(built_project, tmp_path_factory.mktemp("contributing"))
    refusals = {}
    for name in ("add-a-month", "add-a-partner-group", "add-a-product"):
        for relative, rows in rows_by_file(examples()[name]).items():
            path = project / relative
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            assert all(row + "\n" in lines for row in rows), f"{name}: a row of the guide is not in {relative}"
            path.write_text("".join(line for line in lines if line.rstrip("\n") not in rows), encoding="utf-8")
        refusals[name] = seed_check(project)
        for relative, rows in rows_by_file(examples()[name]).items():
            with (project / relative).open("a", encoding="utf-8") as handle:
                handle.write("".join(row + "\n" for row in rows))
    assert seed_check(project) == ""
    for path in sorted(project.glob("seeds/**/*.csv")):
        original = built_project / path.relative_to(project)
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == original.read_text(encoding="utf-8").splitlines()[0]
        assert sorted(lines) == sorted(original.read_text(encoding="utf-8").splitlines()), path
    return project, refusals


def test_a_partner_or_product_without_its_reference_row_is_refused(project_with_examples_added):
    _, refusals = project_with_examples_added
    assert "column 'partner_code': 'ASEAN' is unknown" in refusals["add-a-partner-group"]
    assert "column 'product_code': 'IC' is unknown" in refusals["add-a-product"]
    # without its source row, the source's other figures (other months) are refused; other sources print the month
    assert "column 'source_id': 'doc_001_induqin' is unknown" in refusals["add-a-month"]


def test_the_added_month_and_product_answer_the_guides_queries(project_with_examples_added):
    project, _ = project_with_examples_added
    month = query(project, "balance 2025-11")
    assert month.returncode == 0 and "330.35" in month.stdout
    product = query(project, "select * from marts.fct_product_trade where product_code = 'IC'")
    assert product.returncode == 0 and "IC" in product.stdout


def test_the_example_expectation_passes_and_catches_its_fault(built_project, tmp_path):
    suites = tmp_path / "expectations"
    shutil.copytree(PROJECT_DIR / "expectations", suites)
    vehicles = suites / "vehicles.yml"
    vehicles.write_text(vehicles.read_text() + examples()["add-an-expectation"])
    with pytest.raises(validate.SuiteError, match="month_vehicles_not_negative"):  # not yet declared: refused
        validate.load_suites(suites)
    registry = suites / "registry.yml"
    declared = [line for line in examples()["register-an-expectation"].splitlines() if not line.startswith("#")]
    registry.write_text(registry.read_text().replace("vehicles:\n", "vehicles:\n" + "\n".join(declared) + "\n"))
    added = [s for s in validate.load_suites(suites) if s["name"] == "vehicles"]
    copies = {}
    for kind in ("clean", "faulty"):  # GX keeps its connection open: plant the fault before any validation runs
        copies[kind] = tmp_path / kind / "china_trade.duckdb"
        copies[kind].parent.mkdir()
        shutil.copy(built_project / "warehouse" / "china_trade.duckdb", copies[kind])
    with duckdb.connect(str(copies["faulty"])) as con:
        con.execute("update marts.fct_vehicle_sales set month_vehicles = -1 where month_vehicles is not null")

    statuses = {kind: {o.key: o.status for o in validate.run_suites(copy, added)} for kind, copy in copies.items()}
    assert statuses["clean"]["month_vehicles_not_negative"] == "pass"
    assert statuses["faulty"]["month_vehicles_not_negative"] == "FAIL"


def without(path: Path, unwanted) -> str:
    """path's text, saved; the file rewritten without the lines unwanted(line) picks."""
    text = path.read_text(encoding="utf-8")
    path.write_text("".join(line for line in text.splitlines(keepends=True) if not unwanted(line)), encoding="utf-8")
    return text


def test_the_mart_recipe_names_every_file_a_mart_needs(built_project, tmp_path):
    """Add a mart, walked with fct_vehicle_sales: each file the recipe lists is one a check demands. Taken out of a
    copy one at a time, the check names the mart; put back, it passes."""
    from test_docs import models_without_yaml
    from test_readme import marts_missing_from_readme

    from ctw.present import coverage

    project = copy_of_built(built_project, tmp_path)
    yml = project / "models" / "marts" / "fct_vehicle_sales.yml"
    kept = yml.read_text(encoding="utf-8")
    yml.unlink()
    assert models_without_yaml(project) == ["fct_vehicle_sales"]
    yml.write_text(kept, encoding="utf-8")
    assert models_without_yaml(project) == []

    readme = project / "README.md"
    kept = without(readme, lambda line: line.startswith("| `fct_vehicle_sales`"))
    assert marts_missing_from_readme(project) == ["fct_vehicle_sales"]
    readme.write_text(kept, encoding="utf-8")
    assert marts_missing_from_readme(project) == []

    # docs/coverage.md lists every mart with its rows as the build counted them (provenance.relation_rows): a
    # warehouse built without the mart generates another page
    published = project / "warehouse" / "china_trade.duckdb"
    with duckdb.connect(str(published)) as con:
        rows = con.execute("select count(*) from marts.fct_vehicle_sales").fetchone()[0]
    assert f"| `fct_vehicle_sales` | {rows} |" in coverage.page(published)
    with duckdb.connect(str(published)) as con:
        con.execute("drop table marts.fct_vehicle_sales cascade")
        con.execute("delete from provenance.relation_rows where relation_name = 'fct_vehicle_sales'")
    assert "| `fct_vehicle_sales` |" not in coverage.page(published)


def test_the_chart_recipe_names_every_file_a_chart_needs(built_project, tmp_path, monkeypatch):
    """Add a chart, walked with vehicle_exports: without its model it cannot be drawn, without its CHARTS entry the
    page lacks it, without its exposure the lineage misses it; with all three it is on the page."""
    from test_report import charts_missing_from_exposure

    from ctw.present import charts

    project = copy_of_built(built_project, tmp_path)
    exposures = project / "models" / "reporting" / "_reporting__exposures.yml"
    kept = without(exposures, lambda line: "ref('rpt_chart_vehicle_exports')" in line)
    assert charts_missing_from_exposure(project) == ["rpt_chart_vehicle_exports"]
    exposures.write_text(kept, encoding="utf-8")
    assert charts_missing_from_exposure(project) == []

    published = project / "warehouse" / "china_trade.duckdb"
    entry = [chart for chart in charts.CHARTS if chart[0] == "vehicle_exports"]
    with duckdb.connect(str(published), read_only=True) as con:
        drawn = {wide.stem for _, _, wide, _ in charts.render(con, tmp_path / "all")}
        monkeypatch.setattr(charts, "CHARTS", [c for c in charts.CHARTS if c[0] != "vehicle_exports"])
        assert "vehicle_exports" in drawn and entry
        assert {wide.stem for _, _, wide, _ in charts.render(con, tmp_path / "without_entry")} == drawn - {"vehicle_exports"}
        monkeypatch.setattr(charts, "CHARTS", entry)
    with duckdb.connect(str(published)) as con:
        con.execute("drop view reporting.rpt_chart_vehicle_exports")
    with duckdb.connect(str(published), read_only=True) as con, pytest.raises(duckdb.CatalogException,
                                                                              match="rpt_chart_vehicle_exports"):
        charts.render(con, tmp_path / "without_model")
