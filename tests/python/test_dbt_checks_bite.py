"""The warehouse's own dbt tests stop a build whose figures break them: faults planted in a copy of the seeds."""

from __future__ import annotations

import json

from conftest import copy_project, run_build


def plant(project_dir, relative_path, observation_id, old, new):
    """Change one cell of the row with the given observation id."""
    path = project_dir / relative_path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if line.startswith(observation_id + ",")]
    assert len(hits) == 1 and old in lines[hits[0]]
    lines[hits[0]] = lines[hits[0]].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def test_a_negative_trade_value_and_a_broken_identity_fail_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    customs = "seeds/raw/raw_customs_trade.csv"
    # ASEAN's trade with China made negative (both documents that print it)
    plant(project, customs, "doc002.13", ",6.82,", ",-6.82,")
    plant(project, customs, "doc003.05", ",6.82,", ",-6.82,")
    # one page's own September 2024 yuan balance no longer equals its exports - imports (2.17 - 1.58 trillion)
    plant(project, customs, "ref083.level", ",582.62,", ",682.62,")

    result = run_build(project)
    assert result.returncode != 0

    results = json.loads((project / "target" / "run_results.json").read_text())["results"]
    failed = {r["unique_id"] for r in results if r["status"] in ("fail", "error")}
    assert any("accepted_range_fct_partner_trade_value_cny" in test for test in failed), failed
    assert any("expression_is_true_fct_monthly_trade_balance" in test for test in failed), failed
    # nothing else broke: only the checks guarding the planted faults
    assert all("fct_partner_trade_value_cny" in test or "fct_monthly_trade_balance" in test for test in failed), failed
