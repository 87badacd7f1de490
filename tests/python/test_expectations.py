"""The expectation suites: the clean warehouse passes, and each expectation fails on the fault it guards against.

Faults are planted in a copy of the built warehouse. A model built as a view is first materialised as a table of
the same name, so the fault sits exactly where the suite reads it; views built on top of it see the fault too.
The control takes the same steps without the faults (every relation a fault is planted in materialised the same
way) and must pass; each planted fault then runs only the suite that owns its expectation, which must fail.
"""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import sys

import duckdb
import pytest
import yaml

from conftest import PROJECT_DIR, project_env
from ctw.validate import run as validate

SUITES = validate.load_suites(PROJECT_DIR / "expectations")
ALL_KEYS = {e["meta"]["key"] for suite in SUITES for e in suite["expectations"]}
SUITE_OF = {e["meta"]["key"]: suite for suite in SUITES for e in suite["expectations"]}


def plant(warehouse_file, relation: str, statement: str | None) -> None:
    """Run a fault-planting statement against relation, materialising it first if it is a view (None: only that)."""
    schema, name = relation.split(".")
    with duckdb.connect(str(warehouse_file)) as connection:
        is_view = connection.execute(
            "select count(*) from duckdb_views() where schema_name = ? and view_name = ?", [schema, name]
        ).fetchone()[0]
        if is_view:
            connection.execute(f"create table {schema}.{name}__planted as select * from {relation}")
            connection.execute(f"drop view {relation}")
            connection.execute(f"alter table {schema}.{name}__planted rename to {name}")
        if statement:
            connection.execute(statement)


# expectation key -> (relation to plant in, statement): one fault per expectation
FAULTS = {
    "reported_share_within_0_100": (
        "marts.fct_partner_trade",
        "update marts.fct_partner_trade set share_pct_reported = 116.6 where partner_code = 'ASEAN' and share_pct_reported is not null"),
    "computed_cny_share_within_0_100": (
        "marts.fct_partner_trade",
        "update marts.fct_partner_trade set share_pct_cny_computed = 101 where partner_code = 'EU' and share_pct_cny_computed is not null"),
    "computed_usd_share_within_0_100": (
        "marts.fct_partner_trade",
        "update marts.fct_partner_trade set share_pct_usd_computed = 120 where partner_code = 'US' and flow = 'total'"),
    "reference_rate_series_agree": (  # the ECB's rate for May 2025 read 1% off
        "intermediate.int_fx_monthly_rates",
        "update intermediate.int_fx_monthly_rates set fx_rate_cny_per_usd = fx_rate_cny_per_usd * 1.01 where period_month = date '2025-05-01'"),
    "disjoint_shares_sum_at_most_100": (
        "marts.fct_partner_trade",
        "update marts.fct_partner_trade set share_pct_reported = 60 where partner_code in ('ASEAN', 'EU') and share_pct_reported is not null"),
    "no_period_ends_after_its_release": (
        "marts.fct_observations",
        "update marts.fct_observations set period_end_month = date '2026-01-01' where observation_id = 'web195.level'"),
    "level_within_a_factor_of_its_series": (
        "marts.fct_observations",
        "update marts.fct_observations set value_base = value_base / 1000 where observation_id = 'doc001.04'"),
    "copies_agree_with_the_chosen_figure": (  # a copy of November 2025's dollar exports printed 10% higher
        "marts.fct_observations",
        "insert into marts.fct_observations by name select * replace ('planted.copy' as observation_id, value_base * 1.1 as value_base, false as is_chosen, false as agrees_with_anchor) from marts.fct_observations where observation_id = 'doc001.04'"),
    "part_at_most_its_whole": (  # integrated circuits, printed once: keyed in billions under a trillion unit
        "intermediate.int_trade_observations_chosen",
        "update intermediate.int_trade_observations_chosen set value_base = value_base * 1000 where observation_id = 'doc003.12'"),
    "member_share_at_most_its_group_share": (
        "marts.fct_partner_trade",
        "insert into marts.fct_partner_trade by name select 'SG' as partner_code, 'Singapore' as partner_name, 'country' as partner_kind, false as is_share_disjoint, flow, period_start_month, period_end_month, months_covered, 99.99 as share_pct_reported from marts.fct_partner_trade where partner_code = 'ASEAN' and flow = 'total' and share_pct_reported is not null"),
    "reported_share_agrees_with_value_over_total": (
        "intermediate.int_trade_figures_chosen",
        "update intermediate.int_trade_figures_chosen set value_base = 17.6 where partner_code = 'ASEAN' and measure = 'share_pct' and flow = 'total' and period_end_month = date '2025-11-01'"),
    "previous_ytd_plus_month_equals_ytd_within_rounding": (
        "intermediate.int_world_trade_values",
        "update intermediate.int_world_trade_values set value_usd = value_usd * 1.1 where period_kind = 'ytd' and flow = 'balance' and period_end_month = date '2025-11-01'"),
    "previous_ytd_plus_month_equals_ytd_within_revision_allowance": (
        "intermediate.int_world_trade_values",
        "update intermediate.int_world_trade_values set value_usd = value_usd * 1.1 where period_kind = 'ytd' and flow = 'balance' and period_end_month = date '2025-11-01'"),
    "ytd_never_falls_within_a_year": (
        "intermediate.int_world_trade_values",
        "update intermediate.int_world_trade_values set value_usd = value_usd * 0.5 where period_kind = 'ytd' and flow = 'exports' and period_end_month = date '2025-08-01'"),
    "ytd_equals_sum_of_published_months_within_revision_allowance": (  # 3%: a run of revisions' size, listed
        "intermediate.int_world_trade_values",
        "update intermediate.int_world_trade_values set value_usd = value_usd * 1.03 where period_kind = 'ytd' and flow = 'exports' and period_end_month = date '2024-07-01'"),
    "ytd_equals_sum_of_published_months": (  # 10%: no run of revisions explains it
        "intermediate.int_world_trade_values",
        "update intermediate.int_world_trade_values set value_usd = value_usd * 1.1 where period_kind = 'ytd' and flow = 'exports' and period_end_month = date '2024-07-01'"),
    "december_ytd_equals_full_year": (
        "intermediate.int_trade_observations_chosen",
        "update intermediate.int_trade_observations_chosen set value_base = 1020e9 where observation_id = 'doc001.02'"),
    # the US's balance for January-June 2025 in dollars, keyed with the wrong sign
    "partner_balance_equals_exports_minus_imports": (
        "intermediate.int_trade_figures_chosen",
        "update intermediate.int_trade_figures_chosen set value_base = -value_base where partner_code = 'US' and flow = 'balance' and measure = 'level' and basis = 'USD' and period_end_month = date '2025-06-01'"),
    # the US's balance for January-June 2024 in dollars, US$1bn off: beyond printing (0.15bn), within the allowance
    "partner_balance_equals_exports_minus_imports_within_rounding": (
        "intermediate.int_trade_figures_chosen",
        "update intermediate.int_trade_figures_chosen set value_base = value_base + 1e9 where partner_code = 'US' and flow = 'balance' and measure = 'level' and basis = 'USD' and period_start_month = date '2024-01-01' and period_end_month = date '2024-06-01'"),
    "balance_equals_exports_minus_imports_within_rounding": (
        "intermediate.int_world_trade_values",
        "update intermediate.int_world_trade_values set value_usd = value_usd * 1.1 where period_kind = 'month' and flow = 'balance' and period_end_month = date '2025-11-01'"),
    "balance_equals_exports_minus_imports": (
        "intermediate.int_world_trade_values",
        "update intermediate.int_world_trade_values set value_usd = value_usd * 1.1 where period_kind = 'month' and flow = 'balance' and period_end_month = date '2025-11-01'"),
    "total_equals_exports_plus_imports_within_rounding": (
        "intermediate.int_world_trade_values",
        "update intermediate.int_world_trade_values set value_cny = value_cny * 1.1 where period_kind = 'ytd' and flow = 'total' and period_end_month = date '2025-11-01'"),
    "total_equals_exports_plus_imports": (
        "intermediate.int_world_trade_values",
        "update intermediate.int_world_trade_values set value_cny = value_cny * 1.1 where period_kind = 'ytd' and flow = 'total' and period_end_month = date '2025-11-01'"),
    "implied_rate_within_band_of_reference": (
        "intermediate.int_trade_figures_chosen",
        "update intermediate.int_trade_figures_chosen set value_base = value_base * 1.1 where partner_code = 'WLD' and measure = 'level' and basis = 'CNY' and flow = 'exports' and period_start_month = date '2025-05-01' and period_end_month = date '2025-05-01'"),
    "reported_yoy_agrees_within_rounding": (
        "intermediate.int_trade_figures_chosen",
        "update intermediate.int_trade_figures_chosen set value_base = value_base + 10 where partner_code = 'WLD' and product_code = 'TOTAL' and measure = 'yoy_pct' and basis = 'CNY' and flow = 'exports' and period_start_month = date '2025-01-01' and period_end_month = date '2025-11-01'"),
    "reported_growth_bound_holds": (  # November's export growth (5.9) printed as "more than 15 per cent"
        "intermediate.int_trade_observations_chosen",
        "update intermediate.int_trade_observations_chosen set qualifier = 'lower_bound', value_base = 15 where observation_id = 'doc001.05'"),
    "reported_yoy_agrees_within_revision_allowance": (
        "intermediate.int_trade_figures_chosen",
        "update intermediate.int_trade_figures_chosen set value_base = value_base + 10 where partner_code = 'WLD' and product_code = 'TOTAL' and measure = 'yoy_pct' and basis = 'CNY' and flow = 'exports' and period_start_month = date '2025-01-01' and period_end_month = date '2025-11-01'"),
    "no_missing_month_in_monthly_series": (
        "marts.fct_monthly_trade",
        "delete from marts.fct_monthly_trade where period_month = date '2025-06-01'"),
    "first_month_is_expected": (  # the earliest year lost
        "marts.fct_monthly_trade",
        "delete from marts.fct_monthly_trade where year(period_month) = (select min(year(period_month)) from marts.fct_monthly_trade)"),
    "latest_month_is_expected": (
        "marts.fct_monthly_trade",
        "delete from marts.fct_monthly_trade where period_month >= date '2025-12-01'"),
    "months_with_values_in_neither_currency": (
        "marts.fct_monthly_trade",
        "update marts.fct_monthly_trade set month_value_usd = null, month_value_cny = null where period_month = date '2025-11-01' and flow = 'exports'"),
    "every_gap_was_searched": (  # the line recording the searches for March 2026 lost
        "reference.ref_searched_gaps",
        "delete from reference.ref_searched_gaps where period_from = '2026-03' and kind = 'any'"),
    "nev_exports_at_most_vehicle_exports": (
        "marts.fct_vehicle_sales",
        "update marts.fct_vehicle_sales set month_vehicles = 900000 where vehicle_segment = 'nev' and market = 'export' and period_month = date '2025-11-01'"),
    "vehicle_exports_at_most_total_sales": (
        "marts.fct_vehicle_sales",
        "update marts.fct_vehicle_sales set month_vehicles = 5000000 where vehicle_segment = 'all' and market = 'export' and period_month = date '2025-11-01'"),
    "reported_vehicle_yoy_agrees_within_rounding": (
        "marts.fct_vehicle_sales",
        "update marts.fct_vehicle_sales set month_yoy_pct_reported = month_yoy_pct_computed + 20 where month_yoy_pct_computed is not null and month_yoy_pct_reported is not null"),
    "reported_vehicle_yoy_agrees_within_revision_allowance": (  # October 2025's export growth (22.9) keyed tenfold
        "marts.fct_vehicle_sales",
        "update marts.fct_vehicle_sales set month_yoy_pct_reported = month_yoy_pct_reported * 10 where vehicle_segment = 'all' and market = 'export' and period_month = date '2025-10-01'"),
    # March 2025's total sales no longer domestic + exports: 100,000 vehicles added
    "vehicle_segments_sum_to_their_whole_within_rounding": (
        "marts.fct_vehicle_sales",
        "update marts.fct_vehicle_sales set month_vehicles = month_vehicles + 100000 where vehicle_segment = 'all' and market = 'total' and period_month = date '2025-03-01'"),
    "vehicle_segments_sum_to_their_whole": (
        "marts.fct_vehicle_sales",
        "update marts.fct_vehicle_sales set month_vehicles = month_vehicles + 100000 where vehicle_segment = 'all' and market = 'total' and period_month = date '2025-03-01'"),
}


# Every series is held to the headline's arithmetic through the same expectations: a fault in a partner's or a
# product's figures fails the expectation that guards the class, listing the series.
# case -> (expectation key, relation, statement, the series every offending row names: column -> value)
SERIES_FAULTS = {
    "a partner's year to date falls within the year": (  # the US's January-August 2025 exports, halved
        "ytd_never_falls_within_a_year", "intermediate.int_trade_figures_chosen",
        "update intermediate.int_trade_figures_chosen set value_base = value_base * 0.5 where partner_code = 'US' and product_code = 'TOTAL' and measure = 'level' and basis = 'USD' and flow = 'exports' and period_start_month = date '2025-01-01' and period_end_month = date '2025-08-01'",
        {"partner_code": "US", "product_code": "TOTAL"}),
    # the US's September 2025 exports, US$34.3bn keyed as 43.4bn
    "a partner's month is not the difference of its years to date": (
        "previous_ytd_plus_month_equals_ytd_within_revision_allowance", "intermediate.int_trade_figures_chosen",
        "update intermediate.int_trade_figures_chosen set value_base = 43.4e9 where partner_code = 'US' and product_code = 'TOTAL' and measure = 'level' and basis = 'USD' and flow = 'exports' and period_start_month = date '2025-09-01' and period_end_month = date '2025-09-01'",
        {"partner_code": "US", "product_code": "TOTAL"}),
    "a partner's reported growth is ten times its computed growth": (  # the US's January-June 2025 exports
        "reported_yoy_agrees_within_revision_allowance", "intermediate.int_trade_figures_chosen",
        "update intermediate.int_trade_figures_chosen set value_base = value_base * 10 where partner_code = 'US' and product_code = 'TOTAL' and measure = 'yoy_pct' and basis = 'USD' and flow = 'exports' and period_start_month = date '2025-01-01' and period_end_month = date '2025-06-01'",
        {"partner_code": "US", "product_code": "TOTAL"}),
    "a product's level is 49% too high": (  # integrated circuit exports, January-November 2025, in yuan
        "reported_yoy_agrees_within_revision_allowance", "intermediate.int_trade_figures_chosen",
        "update intermediate.int_trade_figures_chosen set value_base = value_base * 1.49 where partner_code = 'WLD' and product_code = 'IC' and measure = 'level' and basis = 'CNY' and flow = 'exports' and period_start_month = date '2025-01-01' and period_end_month = date '2025-11-01'",
        {"partner_code": "WLD", "product_code": "IC"}),
    "a share keyed as a fraction": (  # the EU's share of January-July 2025, 13.0 keyed as 0.13; no level beside it
        "level_within_a_factor_of_its_series", "marts.fct_observations",
        "update marts.fct_observations set value_base = 0.13 where observation_id = 'p173'",
        {"subject": "EU / TOTAL / all / total", "measure": "share_pct"}),
}


def warehouse_copy(built_project, folder):
    """A copy of the built warehouse: DuckDB refuses a second in-process connection with other settings to a file
    the session's read-only fixture holds open. The name stays china_trade.duckdb: dbt's views name their catalog
    after the file."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "china_trade.duckdb"
    shutil.copy(built_project / "warehouse" / "china_trade.duckdb", copy)
    return copy


@pytest.fixture(scope="module")
def clean_outcomes(built_project, tmp_path_factory):
    copy = warehouse_copy(built_project, tmp_path_factory.mktemp("clean"))
    return {o.key: o for o in validate.run_suites(copy, SUITES)}


@pytest.fixture(scope="module")
def control_outcomes(built_project, tmp_path_factory):
    """The faults' steps without the faults: every relation a fault is planted in is materialised as the faults do."""
    copy = warehouse_copy(built_project, tmp_path_factory.mktemp("control"))
    relations = {relation for relation, _ in FAULTS.values()} | {fault[1] for fault in SERIES_FAULTS.values()}
    for relation in sorted(relations):
        plant(copy, relation, None)
    return {o.key: o for o in validate.run_suites(copy, SUITES)}


@pytest.mark.fast
def test_every_expectation_has_a_planted_fault():
    assert set(FAULTS) == ALL_KEYS


@pytest.mark.fast
def test_the_clean_warehouse_passes_every_error_level_expectation(clean_outcomes):
    assert [o.key for o in clean_outcomes.values() if o.status == "FAIL"] == []
    assert set(clean_outcomes) == ALL_KEYS


@pytest.mark.fast
def test_real_disagreements_are_listed_with_both_numbers_and_sources(clean_outcomes):
    growth = clean_outcomes["reported_yoy_agrees_within_rounding"]
    assert growth.status == "warn" and growth.rows
    assert {"yoy_pct_reported", "yoy_pct_computed", "reported_source_id", "level_source_id"} <= set(growth.rows[0])


@pytest.mark.fast
def test_the_control_passes_as_the_clean_warehouse_does(clean_outcomes, control_outcomes):
    """Materialising the relations changes no verdict and no offending row: a fault's failure is the fault's."""
    def verdicts(outcomes):  # offending rows come in no set order; past GX's list of 200, which 200 varies
        return {k: (o.status, o.offending, sorted(map(repr, o.rows)) if o.offending == len(o.rows) else None)
                for k, o in outcomes.items()}

    assert verdicts(control_outcomes) == verdicts(clean_outcomes)


@pytest.mark.fast
@pytest.mark.parametrize("key", sorted(FAULTS))
def test_the_expectation_fails_on_its_planted_fault(built_project, tmp_path, control_outcomes, key):
    control = control_outcomes[key]
    assert control.success or control.severity == "warning"
    copy = warehouse_copy(built_project, tmp_path)
    relation, statement = FAULTS[key]
    plant(copy, relation, statement)
    outcomes = {o.key: o for o in validate.run_suites(copy, [SUITE_OF[key]])}
    assert not outcomes[key].success, f"{key} did not catch its fault"
    # the planted row is among the offending rows (counted: GX lists at most 200 of them)
    assert outcomes[key].offending > control.offending


@pytest.mark.fast
@pytest.mark.parametrize("case", SERIES_FAULTS)
def test_a_partner_or_product_fault_fails_the_expectation_of_its_class(built_project, tmp_path, control_outcomes, case):
    key, relation, statement, series = SERIES_FAULTS[case]

    def names_the_series(row):
        return all(row[column] == value for column, value in series.items())

    assert control_outcomes[key].success and not any(map(names_the_series, control_outcomes[key].rows))
    copy = warehouse_copy(built_project, tmp_path)
    plant(copy, relation, statement)
    outcome = {o.key: o for o in validate.run_suites(copy, [SUITE_OF[key]])}[key]
    assert not outcome.success, f"{key} did not catch: {case}"
    assert outcome.rows and all(map(names_the_series, outcome.rows))


@pytest.mark.fast
def test_a_balance_is_measured_against_its_exports(built_project, tmp_path, clean_outcomes):
    """February 2019's surplus, US$4.12bn against 34.46bn yuan (a yuan/dollar ratio of 8.4), passes the rate check
    because both are right: a balance's two versions differ by its gross flows' basis differences. A yuan balance
    moved by a tenth of the period's exports fails it."""
    rows = clean_outcomes["implied_rate_within_band_of_reference"].rows
    assert not any(str(row["period_start_month"])[:7] == "2019-02" for row in rows)
    copy = warehouse_copy(built_project, tmp_path)
    plant(copy, "intermediate.int_trade_figures_chosen", """
        update intermediate.int_trade_figures_chosen as balance set value_base = balance.value_base + exports.value_base / 10
        from intermediate.int_trade_figures_chosen as exports
        where balance.partner_code = 'WLD' and balance.product_code = 'TOTAL' and balance.enterprise_type = 'all'
            and balance.measure = 'level' and balance.basis = 'CNY' and balance.flow = 'balance'
            and balance.period_start_month = date '2019-02-01' and balance.period_end_month = date '2019-02-01'
            and exports.partner_code = 'WLD' and exports.product_code = 'TOTAL' and exports.enterprise_type = 'all'
            and exports.measure = 'level' and exports.basis = 'CNY' and exports.flow = 'exports'
            and exports.period_start_month = date '2019-02-01' and exports.period_end_month = date '2019-02-01'""")
    outcome = {o.key: o for o in validate.run_suites(copy, [SUITE_OF["implied_rate_within_band_of_reference"]])}[
        "implied_rate_within_band_of_reference"]
    assert [(row["flow"], str(row["period_start_month"])[:7]) for row in outcome.rows] == [("balance", "2019-02")]


# a figure alone in its period kind: the first half-year of dollar exports, the sum of the half's months as printed
LONE_HALF_YEAR = """
    insert into marts.fct_observations by name
    select 'planted.h1' as observation_id, any_value(source_id) as source_id, dataset, subject, measure, basis,
        '2025-H1' as period_label, 'half_year' as period_basis, date '2025-01-01' as period_start_month,
        date '2025-06-01' as period_end_month, sum(value_base) {scale} as value_base, false as is_forecast,
        true as is_chosen, false as is_rejected
    from marts.fct_observations
    where subject = 'WLD / TOTAL / all / exports' and basis = 'USD' and period_basis = 'month' and measure = 'level'
        and is_chosen and period_end_month between date '2025-01-01' and date '2025-06-01'
    group by dataset, subject, measure, basis
"""


@pytest.mark.fast
@pytest.mark.parametrize("scale, fails", [("", False), ("/ 1000", True)], ids=["control", "a unit 1000x off"])
def test_a_lone_figure_is_compared_with_its_subjects_other_periods(built_project, tmp_path, scale, fails):
    """The only half-year figure of its subject has no series of its own kind; as a monthly average it is compared
    with the subject's months and years to date. The control adds the same figure at its true scale."""
    copy = warehouse_copy(built_project, tmp_path)
    plant(copy, "marts.fct_observations", LONE_HALF_YEAR.format(scale=scale))
    key = "level_within_a_factor_of_its_series"
    outcome = {o.key: o for o in validate.run_suites(copy, [SUITE_OF[key]])}[key]
    assert outcome.success != fails
    assert ("planted.h1" in {row["observation_id"] for row in outcome.rows}) == fails


def test_validate_exits_non_zero_and_names_the_failing_expectation(built_project, tmp_path):
    """The command line on a planted fault. Its control is the session's build, whose expectation step ran the same
    command on the clean file and had to exit 0 for the build to publish."""
    copy = warehouse_copy(built_project, tmp_path)
    plant(copy, *FAULTS["vehicle_exports_at_most_total_sales"])
    result = subprocess.run(
        [sys.executable, "scripts/validate.py", "--warehouse", str(copy), "--report", str(tmp_path / "report.html")],
        cwd=PROJECT_DIR, env=project_env(PROJECT_DIR), capture_output=True, text=True,
    )
    assert result.returncode == 1
    failing_lines = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert any("vehicles" in line and "vehicle_exports_at_most_total_sales" in line for line in failing_lines)
    assert "period_month=2025-11-01" in result.stdout
    assert (tmp_path / "report.html").is_file()


def test_a_full_disk_while_the_report_is_written_is_said_in_one_line(built_project, tmp_path):
    copy = warehouse_copy(built_project, tmp_path / "warehouse")

    def validate_command(**options):
        return subprocess.run(
            [sys.executable, "scripts/validate.py", "--warehouse", str(copy), "--report", str(tmp_path / "r.html")],
            cwd=PROJECT_DIR, env=project_env(PROJECT_DIR), capture_output=True, text=True, **options)

    control = validate_command()
    assert control.returncode == 0, control.stderr
    limit = 4096  # the report is larger: writing it fails as on a full disk
    full = validate_command(preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
    assert full.returncode == 1
    assert f"validate: could not write {tmp_path / 'r.html'}: File too large" in full.stderr, full.stderr
    assert "Traceback" not in full.stderr


@pytest.mark.fast
def test_the_build_writes_a_self_contained_report(built_project):
    report = (built_project / "warehouse" / "validation_report.html").read_text(encoding="utf-8")
    assert "<h1>Validation report</h1>" in report
    for suite in ("partner_shares", "cumulative_vs_monthly", "identities", "cross_currency",
                  "reported_vs_computed", "completeness", "vehicles"):
        assert f"<h2>{suite}</h2>" in report
    assert "http://" not in report and "https://" not in report  # no CDN: it renders offline
    assert "name='viewport' content='width=device-width" in report  # a phone shows it at its own width
    numbers = re.findall(r'<td class="num">([^<]*)</td>', report)
    assert numbers  # the offending rows' numbers, as a person reads them: no exponent, no run of raw digits
    assert not [n for n in numbers if re.search(r"\de[+-]?\d|\d{5}", n)]


@pytest.mark.fast
@pytest.mark.parametrize("listed, found, says", [
    (3, "3 offending row(s)", "copies_agree_with_the_chosen_figure: 3 row(s)</summary>"),
    (200, "259 offending row(s)",
     f"copies_agree_with_the_chosen_figure: first {validate.ROWS_IN_REPORT} of 259 rows "
     "(each row compared, with its verdicts: audit.audit_source_conflicts)</summary>"),
], ids=["a whole list", "a list cut"])
def test_a_cut_list_says_how_many_rows_it_shows_of_how_many_and_where_the_rest_are(tmp_path, listed, found, says):
    outcome = validate.Outcome(suite="plausibility", key="copies_agree_with_the_chosen_figure", severity="warning",
                               description="", expected="", success=False, found=found,
                               rows=[{"observation_id": f"o{n}"} for n in range(listed)],
                               asset="audit.audit_source_conflicts")
    report = validate.render_report([outcome], tmp_path / "china_trade.duckdb")
    assert says in report
    assert report.count("<tr><td>o") == min(listed, validate.ROWS_IN_REPORT)


@pytest.mark.parametrize("value, column, shown", [
    (6.835e11, "value_usd", "683.500 bn"),
    (113000000000.0, "month_value_cny", "113.000 bn"),
    (4.3e12, "ytd_value_cny", "4.300 tn"),
    (-2.5e7, "balance_usd", "-25.000 m"),
    (612345.0, "month_vehicles", "612,345"),
    (7.1234567, "fx_rate_cny_per_usd", "7.1235"),
    (1e-7, "difference_pct", "0"),
    (1234.5, "difference", "1,234.5"),
])
def test_report_numbers_carry_their_unit_and_no_exponent(value, column, shown):
    assert validate.number(value, column) == shown


@pytest.mark.fast
@pytest.mark.parametrize("returned", ["in order", "reversed"])
def test_offending_rows_are_listed_in_one_order_whatever_order_the_query_returns(returned):
    """The report and the recorded outcomes list a check's rows sorted (by period, then the other columns; numbers
    by value, nulls last), not in the order a parallel scan returned them: the same warehouse gives the same
    report. The control returns them sorted already."""
    from datetime import date
    from types import SimpleNamespace
    rows = [{"period_end_month": date(2024, 9, 1), "gap": -2.0}, {"period_end_month": date(2024, 9, 1), "gap": 10.0},
            {"period_end_month": date(2025, 1, 1), "gap": None}]
    given = rows if returned == "in order" else rows[::-1]
    result = SimpleNamespace(success=False, exception_info=None,
                             result={"observed_value": 3, "details": {"unexpected_rows": given}})
    expectation = {"type": "unexpected_rows_expectation", "meta": {"key": "k", "severity": "warning"},
                   "kwargs": {"description": "d", "unexpected_rows_query": "select * from {batch}"}}
    assert validate.outcome_of("suite", expectation, result).rows == rows


def suites_copy(tmp_path):
    folder = tmp_path / "expectations"
    shutil.copytree(PROJECT_DIR / "expectations", folder)
    return folder


def rename_suite(folder):
    (folder / "identities.yml").rename(folder / "identity_checks.yml")


def delete_suite(folder):
    (folder / "vehicles.yml").unlink()


def break_yaml(folder):
    path = folder / "completeness.yml"
    path.write_text(path.read_text() + "\n  - type: [unclosed\n")


def drop_an_expectation(folder):
    path = folder / "identities.yml"
    spec = yaml.safe_load(path.read_text())
    spec["expectations"].pop()
    path.write_text(yaml.safe_dump(spec))


def lower_a_severity(folder):
    path = folder / "identities.yml"
    text = path.read_text()
    old = "{key: balance_equals_exports_minus_imports, severity: error}"
    assert old in text
    path.write_text(text.replace(old, "{key: balance_equals_exports_minus_imports, severity: warning}"))


REGISTRY_FAULTS = {
    "a guard turned from error into warning": (lower_a_severity, [
        "identities.yml: balance_equals_exports_minus_imports: severity warning, where registry.yml pins error"]),
    "a renamed suite": (rename_suite, ["identities.yml: missing", "identity_checks.yml: a suite file"]),
    "a deleted suite": (delete_suite, ["vehicles.yml: missing"]),
    "an unreadable suite": (break_yaml, ["completeness.yml: not readable"]),
    "a suite that lost an expectation": (drop_an_expectation, ["identities.yml: holds suite"]),
}


def registered_without_detail() -> int:
    """How many expectations expectations/registry.yml declares for a build without detailed data, read from the
    files themselves (not through validate)."""
    registry = yaml.safe_load((PROJECT_DIR / "expectations" / "registry.yml").read_text())["suites"]
    return sum(len(keys) for suite, keys in registry.items()
               if not yaml.safe_load((PROJECT_DIR / "expectations" / f"{suite}.yml").read_text()).get("with_detail_only"))


@pytest.mark.fast
def test_control_the_suites_match_their_registry(tmp_path):
    suites = validate.load_suites(suites_copy(tmp_path))
    assert validate.declared_count(suites) == len(ALL_KEYS) == registered_without_detail()


@pytest.mark.fast
@pytest.mark.parametrize("case", REGISTRY_FAULTS)
def test_a_suite_that_goes_missing_or_changes_is_refused_by_name(tmp_path, case):
    plant, says = REGISTRY_FAULTS[case]
    folder = suites_copy(tmp_path)
    plant(folder)
    with pytest.raises(validate.SuiteError) as refused:
        validate.load_suites(folder)
    for words in says:
        assert words in str(refused.value), str(refused.value)


PARAMETERS = PROJECT_DIR / "seeds" / "reference" / "ref_check_parameters.csv"


@pytest.mark.fast
@pytest.mark.parametrize("widened", [False, True])
def test_a_tolerance_changed_in_the_seed_alone_is_refused(tmp_path, widened):
    """The registry pins every tolerance's value: the seed's copy tenfold wider is refused, naming both files; the
    control, the seed as it is, loads."""
    parameters = tmp_path / "ref_check_parameters.csv"
    text = PARAMETERS.read_text(encoding="utf-8")
    assert "\nrevision_allowance_pct,1.0," in text
    parameters.write_text(text.replace("\nrevision_allowance_pct,1.0,", "\nrevision_allowance_pct,10.0,") if widened
                          else text, encoding="utf-8")
    folder = suites_copy(tmp_path)
    if not widened:
        assert validate.load_suites(folder, parameters=parameters)
        return
    with pytest.raises(validate.SuiteError, match="revision_allowance_pct = 10.0, where registry.yml pins 1.0"):
        validate.load_suites(folder, parameters=parameters)


@pytest.mark.fast
def test_every_check_parameter_is_used_and_every_use_is_a_parameter():
    """The names the audit models and macros read through check_parameter() are exactly the seed's rows: none
    missing (the query would stop), none left behind unread."""
    import csv
    used = {name for folder in ("models", "macros") for path in (PROJECT_DIR / folder).rglob("*.sql")
            for name in re.findall(r"check_parameter\(\s*'(\w+)'", path.read_text(encoding="utf-8"))}
    with PARAMETERS.open(encoding="utf-8", newline="") as handle:
        declared = {row["parameter_name"] for row in csv.DictReader(handle)}
    assert used and used == declared


@pytest.mark.fast
@pytest.mark.parametrize("lost", [None, "revision_allowance_pct"])
def test_a_check_whose_parameter_is_lost_cannot_run_and_fails(built_project, tmp_path, lost):
    """A parameter the seed no longer holds stops every check that reads it, with an error naming the parameter
    (macros/check_parameter.sql): an error-level outcome, never a silent pass; the checks validated after it, which
    do not read it, still run. The control keeps the row."""
    copy = warehouse_copy(built_project, tmp_path)
    if lost:
        with duckdb.connect(str(copy)) as connection:
            connection.execute("delete from reference.ref_check_parameters where parameter_name = ?", [lost])
    suites = [spec for name in ("identities", "completeness") for spec in SUITES if spec["name"] == name]
    outcomes = validate.run_suites(copy, suites)
    identities = [o for o in outcomes if o.suite == "identities"]
    completeness = [o for o in outcomes if o.suite == "completeness"]
    assert completeness and all(o.status == "pass" for o in completeness if o.severity == "error")
    assert identities  # every identity reads the revision allowance (macros/revision_allowance.sql)
    if lost is None:
        assert all(o.status == "pass" for o in identities if o.severity == "error"), [o.found for o in identities]
        return
    assert all(o.status == "FAIL" for o in identities), [o.status for o in identities]
    assert all(o.found == f"could not run: Invalid Input Error: check parameter {lost} is not in "
               "seeds/reference/ref_check_parameters.csv" for o in identities), [o.found for o in identities]
