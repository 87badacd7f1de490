"""The warehouse's own dbt tests catch figures and models that break them: faults planted in a copy of the project.

Each case runs twice, with the same steps: the control, on the unchanged copy, must pass; with the fault planted, the
run must fail on exactly the checks named for it. dbt works on a copy of the session's built warehouse, so every
selection finds its upstream in place. Seeds are loaded with `dbt seed`, not the build's seed gate
(ctw.gate.seeds stops a negative value before dbt would see it), so that each dbt test is shown to bite on
its own. dbt runs in the test's own process (conftest.run_dbt), not as a command each time.
"""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import copy_of_built, published_file, run_dbt
from ctw.validate import dbt_failures

CUSTOMS = "seeds/raw/raw_customs_trade.csv"


def run_case(built_project, folder, plant, selection: list[str], seed: str | None = None):
    """On a copy of the built project (dbt writes a copy of its published file), plant the fault if given, reload the
    seed if named, run dbt build on the selection; the ids of the nodes that failed or errored, dbt's output, and
    what the build would print about the failed tests (ctw.validate.dbt_failures)."""
    project = copy_of_built(built_project, folder)
    target = project / "warehouse" / "candidate" / "china_trade.duckdb"
    target.parent.mkdir()
    shutil.copyfile(published_file(project), target)
    if plant:
        plant(project)
    if seed:
        if plant:
            # dbt checksums a seed over 1 MB by its path, not its content (raw_customs_trade is 1.4 MB): with the
            # copied partial-parse state it would not see the planted cell, so the copy parses afresh (the
            # control's seed is the one that state was parsed from)
            (project / "target" / "partial_parse.msgpack").unlink(missing_ok=True)
        seeded = run_dbt(project, "seed", "--quiet", "--select", seed)
        assert seeded.returncode == 0, seeded.output
    result = run_dbt(project, "build", *selection)
    results = json.loads((project / "target" / "run_results.json").read_text())["results"]
    failed = {r["unique_id"] for r in results if r["status"] in ("fail", "error")}
    assert results, result.output  # the selection ran something
    assert (result.returncode != 0) == bool(failed), result.output
    explained = dbt_failures.explain(project / "target", target, project)
    return failed, result.output, "\n".join(explained)


def plant_cell(project_dir, relative_path, observation_id, old, new):
    """Change one cell of the row with the given observation id."""
    path = project_dir / relative_path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if line.startswith(observation_id + ",")]
    assert len(hits) == 1 and old in lines[hits[0]]
    lines[hits[0]] = lines[hits[0]].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def replace_in(relative_path: str, old: str, new: str):
    def plant(project_dir):
        path = project_dir / relative_path
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new))
    return plant


url_lost_for_a_web_page = replace_in(
    "models/staging/reference/stg_reference__sources.sql", "        location,\n",
    "        case when source_id = 'web_msd11_1' then null else location end as location,\n")


def negative_asean_and_broken_identity(project):
    # ASEAN's trade with China made negative (both documents that print it)
    plant_cell(project, CUSTOMS, "doc002.13", ",6.82,", ",-6.82,")
    plant_cell(project, CUSTOMS, "doc003.05", ",6.82,", ",-6.82,")
    # one page's own September 2024 yuan balance no longer equals its exports - imports (2.17 - 1.58 trillion)
    plant_cell(project, CUSTOMS, "ref083.level", ",582.62,", ",682.62,")


def negative_asean(project):
    plant_cell(project, CUSTOMS, "doc002.13", ",6.82,", ",-6.82,")


def drifting_contract(project):
    model = project / "models" / "marts" / "dim_months.sql"
    sql = model.read_text()
    model.write_text(
        f"select * replace (cast(calendar_year as varchar) as calendar_year) from ({sql.rstrip().rstrip(';')})")


CASES = {
    # the source's own test would stop everything downstream, so the selection leaves it out to show that the mart
    # tests bite too: exactly the checks guarding the two planted faults fail, nothing else. The audit and
    # reporting views downstream are left out as well: they read the marts, and their checks have cases of their own
    "a negative trade value and a broken identity fail the mart tests": dict(
        plant=negative_asean_and_broken_identity, seed="raw_customs_trade",
        selection=["--select", "source:customs.raw_customs_trade+",
                   "--exclude", "source:*", "path:models/audit", "path:models/reporting"],
        fails=lambda failed: (any("accepted_range_fct_partner_trade_value_cny" in t for t in failed)
                              and any("expression_is_true_fct_monthly_trade_balance" in t for t in failed)
                              # ASEAN's dollar value, converted from the yuan, goes negative with it
                              and all("fct_partner_trade_value_" in t or "fct_monthly_trade_balance" in t
                                      for t in failed)),
        # the build names the failing figures and where they are in the seeds, not only the tests' names
        explains=["partner_code=ASEAN, flow=total", "cny_observation_id=doc002.13 (seeds/raw/raw_customs_trade.csv "
                  "line 34)", "period_month=2024-09-01", "month_trade_balance_cny=682620000000.0"]),
    "the source test stops a negative level before any model": dict(
        plant=negative_asean, seed="raw_customs_trade",
        selection=["--select", "source:customs.raw_customs_trade"],
        fails=lambda failed: failed != set() and all(
            "raw_customs_trade_no_negative_level_except_a_balance" in t for t in failed)),
    # an observation is no longer seen on its own release date
    "vintages that miss a release fail the latest-vintage check": dict(
        plant=replace_in("models/intermediate/int_trade_observations_known_by_date.sql",
                         "where observations.known_from_date <= release_dates.known_from",
                         "where observations.known_from_date < release_dates.known_from"),
        selection=["--select", "int_trade_observations_known_by_date+"],
        fails=lambda failed: "test.china_trade.assert_latest_vintage_is_the_current_choice" in failed),
    # half a vehicle in every month: the marts would round it away, the check on the counts says so
    "a vehicle count with a fraction fails the whole-vehicles check": dict(
        plant=replace_in("models/intermediate/int_vehicle_values.sql", "\nselect * from final",
                         "\nselect * replace (month_vehicles + 0.5 as month_vehicles) from final"),
        selection=["--select", "int_vehicle_values"],
        fails=lambda failed: len(failed) == 1 and "vehicle_counts_are_whole_numbers" in next(iter(failed))),
    # a document may go without a URL (two do, in the controls); a web page may not. dim_sources, downstream of
    # fct_observations, is skipped when that check fails, so each mart's check has a case of its own
    "a web page without its URL fails the observations' location check": dict(
        plant=url_lost_for_a_web_page, selection=["--select", "stg_reference__sources", "fct_observations"],
        fails=lambda failed: (len(failed) == 1
                              and "not_null_fct_observations_source_location" in next(iter(failed)))),
    "a web page without its URL fails the sources' location check": dict(
        plant=url_lost_for_a_web_page, selection=["--select", "stg_reference__sources", "dim_sources"],
        fails=lambda failed: len(failed) == 1 and "not_null_dim_sources_location" in next(iter(failed))),
    # a rejection whose observation id is mistyped would silently bring back the figure a reviewer rejected
    "a rejection that names no observation fails the rejections check": dict(
        plant=replace_in("seeds/reference/ref_rejected_observations.csv", "\nweb108.level,", "\nweb108.levle,"),
        seed="ref_rejected_observations", selection=["--select", "assert_every_rejection_names_an_observation"],
        fails=lambda failed: failed == {"test.china_trade.assert_every_rejection_names_an_observation"},
        explains=["web108.levle"]),
    # a month that has not ended yet cannot have been published (here 2099-11 for 2025-11)
    "a period not yet over fails the staging check": dict(
        plant=lambda project: plant_cell(project, CUSTOMS, "doc001.04", ",2025-11,month,", ",2099-11,month,"),
        seed="raw_customs_trade", selection=["--select", "stg_customs__trade_observations"],
        fails=lambda failed: len(failed) == 1 and "customs_periods_have_ended" in next(iter(failed)),
        explains=["doc001.04"]),
    "a mart whose column type drifts breaks its contract": dict(
        plant=drifting_contract, selection=["--select", "dim_months"],
        fails=lambda failed: failed == {"model.china_trade.dim_months"},
        says="calendar_year"),
}


@pytest.mark.parametrize("case", CASES)
def test_the_check_passes_without_its_fault_and_fails_with_it(built_project, tmp_path, case):
    spec = CASES[case]
    control, output, explained = run_case(built_project, tmp_path / "control", None, spec["selection"],
                                          spec.get("seed"))
    assert control == set() and explained == "", output
    failed, output, explained = run_case(built_project, tmp_path / "fault", spec["plant"], spec["selection"],
                                         spec.get("seed"))
    assert spec["fails"](failed), failed
    for words in spec.get("explains", []):
        assert words in explained, explained
    if "says" in spec:  # the contract's own message, naming the column whose type drifted
        assert "contract" in output.lower() and spec["says"] in output, output[-3000:]


def test_a_converted_value_in_the_monthly_chart_fails_its_model_test(built_project, tmp_path):
    """The monthly chart shows only values compiled in their own currency: the model's method test fails when the
    rule is dropped (a converted value then reaches the chart), and passes on the model as it is (control)."""
    def run(folder, plant: bool) -> set[str]:
        project = copy_of_built(built_project, tmp_path / folder)
        target = project / "warehouse" / "candidate" / "china_trade.duckdb"
        target.parent.mkdir()
        shutil.copyfile(published_file(project), target)
        model = project / "models" / "reporting" / "rpt_chart_monthly_trade.sql"
        if plant:
            sql = model.read_text()
            assert "{{ is_compiled_in_currency('method') }}" in sql
            model.write_text(sql.replace("{{ is_compiled_in_currency('method') }}", "true"))
        run_dbt(project, "build", "--select", "rpt_chart_monthly_trade")
        results = json.loads((project / "target" / "run_results.json").read_text())["results"]
        assert results
        return {r["unique_id"] for r in results if r["status"] in ("fail", "error")}

    assert run("control", plant=False) == set()
    failed = run("fault", plant=True)
    assert len(failed) == 1 and "accepted_values_rpt_chart_monthly_trade_method" in next(iter(failed)), failed
