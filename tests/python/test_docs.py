"""`make docs` writes dbt's documentation as one self-contained page, offline, from a copy of the published file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import project_env


def test_make_docs_writes_a_self_contained_page(built_project):
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(
        ["make", "docs", f"VENV={venv}"], cwd=built_project, env=project_env(built_project),
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = (built_project / "target" / "docs" / "static_index.html").read_text(encoding="utf-8")
    assert "fct_trade_figure_vintages" in page and "fct_monthly_trade" in page
    # nothing is fetched from elsewhere: no script or stylesheet with a remote address
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", page)
