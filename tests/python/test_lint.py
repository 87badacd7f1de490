"""SQL lint (sqlfluff with the dbt templater) passes on what `make lint` lints, macros included where they expand, and
catches a planted style fault in a model and in a macro."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import BIN_DIR, PROJECT_DIR, copy_project, project_env


def lint_lines() -> list[tuple[dict[str, str], list[str]]]:
    """The variables and arguments of each sqlfluff line in the Makefile's lint recipe, so that these tests lint
    exactly what `make lint` lints."""
    makefile = (PROJECT_DIR / "Makefile").read_text()
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    lines = []
    for line in recipe.splitlines():
        if "sqlfluff lint" in line:
            before, after = line.split("$(BIN)/sqlfluff lint")
            lines.append((dict(word.split("=", 1) for word in before.split()), after.split()))
    return lines


def make_lint() -> tuple[dict[str, str], list[str]]:
    """The recipe's dbt-templated line: the models and singular tests (the detail models too: CTW_WITH_DETAIL=1)."""
    return lint_lines()[0]


def analyses_lint_arguments() -> list[str]:
    """The recipe's line for the scale tooling's plain SQL in analyses/ (the placeholder templater)."""
    return lint_lines()[1][1]


def lint(project_dir: Path, *paths: str) -> subprocess.CompletedProcess:
    variables, _ = make_lint()
    # the recipe's variables, with the scratch database inside the copy
    env = project_env(project_dir) | variables | {"CTW_DBT_PATH": str(project_dir / "warehouse" / "lint.duckdb")}
    return subprocess.run(
        [str(BIN_DIR / "sqlfluff"), "lint", *paths], cwd=project_dir, env=env, capture_output=True, text=True
    )


def test_make_lint_lints_the_models_and_singular_tests_with_the_detail_models_enabled():
    variables, paths = make_lint()
    assert variables.get("CTW_WITH_DETAIL") == "1"
    assert paths == ["models", "tests/dbt"]
    assert analyses_lint_arguments() == ["--templater", "placeholder", "analyses"]
    assert len(lint_lines()) == 2


def test_the_analyses_pass_the_lint_and_a_planted_fault_fails_it(tmp_path):
    """The scale tooling's SQL (analyses/scale, plain DuckDB SQL with $name parameters) passes the project's rules;
    an uppercase keyword planted in one of its files fails them, naming that file."""
    project = copy_project(tmp_path / "project")
    control = subprocess.run([str(BIN_DIR / "sqlfluff"), "lint", "-v", *analyses_lint_arguments()], cwd=project,
                             env=project_env(project), capture_output=True, text=True)
    assert control.returncode == 0, control.stdout[-3000:] + control.stderr[-2000:]
    linted = re.findall(r"== \[(\S+)\] PASS", control.stdout)
    assert len(linted) == len(list(project.glob("analyses/**/*.sql"))) > 0, linted
    planted = project / "analyses" / "scale" / "synthetic_detail_month_lines.sql"
    planted.write_text(planted.read_text().replace("select", "SELECT", 1))
    fault = subprocess.run([str(BIN_DIR / "sqlfluff"), "lint", *analyses_lint_arguments()], cwd=project,
                           env=project_env(project), capture_output=True, text=True)
    assert fault.returncode == 1
    assert re.findall(r"== \[(\S+)\] FAIL", fault.stdout) == ["analyses/scale/synthetic_detail_month_lines.sql"]
    assert "CP01" in fault.stdout


def test_the_models_pass_the_lint(tmp_path):
    project = copy_project(tmp_path / "project")
    result = lint(project, *make_lint()[1])
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    # the detail models were linted, not skipped as disabled (sqlfluff skips a disabled model with a warning)
    assert "Skipped file" not in result.stdout + result.stderr, result.stdout[-3000:] + result.stderr[-2000:]


def test_a_planted_style_fault_fails_the_lint(tmp_path):
    project = copy_project(tmp_path / "project")
    model = project / "models" / "marts" / "dim_sources.sql"
    model.write_text(model.read_text().replace("select", "SELECT", 1))  # keywords are lowercase in this project
    # the same fault in a macro is caught where a model expands it (fct_vehicle_sales calls growth_pct)
    macro = project / "macros" / "growth_pct.sql"
    macro.write_text(macro.read_text().replace("case when", "CASE WHEN", 1))
    result = lint(project, "models/marts/dim_sources.sql", "models/marts/fct_vehicle_sales.sql")
    assert result.returncode == 1
    faults = {name: body for name, body in re.findall(r"== \[(\S+)\] FAIL\n((?:L:.*\n(?: +\|.*\n)*)+)", result.stdout)}
    assert set(faults) == {"models/marts/dim_sources.sql", "models/marts/fct_vehicle_sales.sql"}, result.stdout
    assert all("CP01" in body for body in faults.values()), result.stdout


# SQL outside Jinja, comments and string literals; Spark's implementations are left out (Spark SQL quotes strings
# with double quotes too)
JINJA = re.compile(r"\{%-?\s*macro\s+spark__.*?\{%-?\s*endmacro\s*-?%\}|\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
COMMENT = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)
STRING = re.compile(r"'(?:[^']|'')*'")


def quoted_identifiers(path: Path) -> list[str]:
    sql = STRING.sub("''", COMMENT.sub("", JINJA.sub(" ", path.read_text(encoding="utf-8"))))
    return [line.strip() for line in sql.splitlines() if '"' in line]


def test_no_sql_quotes_an_identifier(tmp_path):
    """The lint leaves out RF06 (.sqlfluff: it would flag dbt's quoting of every ref()); in its place, no model, test
    or macro writes a quoted identifier at all (every name here is lowercase and needs no quotes)."""
    files = [*PROJECT_DIR.glob("models/**/*.sql"), *PROJECT_DIR.glob("tests/dbt/**/*.sql"),
             *PROJECT_DIR.glob("macros/*.sql"), *PROJECT_DIR.glob("analyses/**/*.sql")]
    assert len(files) > 40
    assert {str(p.relative_to(PROJECT_DIR)): q for p in files if (q := quoted_identifiers(p))} == {}
    planted = tmp_path / "planted.sql"
    planted.write_text("-- a \"quoted\" word in a comment is fine\nselect \"period_month\" from {{ ref(\"x\") }}\n")
    assert quoted_identifiers(planted) == ['select "period_month" from']
