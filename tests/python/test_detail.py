"""Detailed customs data: the synthetic generator, the incremental models, the reconciliation suite, the bench's
floor and dashboard queries. Builds run with CTW_WITH_DETAIL=1 and 100k-row detail on a project cut to what the
detailed data need (tests/python/publishing.py: the headline models they are reconciled with, the dashboards' marts
and the detailed suite, with their dbt tests), published once without detail. The module's first detail build
(fixture detail_built) is the control of the planted faults: the same build without them publishes."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import project_env, published_file, run_build
from ctw.publish import PublishError
from ctw.publish.detail_audit import audit_unchanged_headline
from ctw.scale import bench
from publishing import MECHANICS_SUITES, mechanics_project

ROWS = 100_000
# what the detailed models, the generator and the bench's dashboards read beyond the cut project's own models
DETAIL_UPSTREAM = ("dim_partners", "fct_monthly_trade", "fct_monthly_trade_balance", "fct_partner_trade",
                   "fct_trade_series_long")


def generate(project: Path, out: Path, *options: str) -> None:
    result = subprocess.run(
        [sys.executable, "scripts/generate_detail.py", "--warehouse", str(published_file(project)),
         "--out", str(out), *options],
        cwd=project, env=project_env(project), capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def detail_build(project: Path, detail: Path) -> subprocess.CompletedProcess:
    env = project_env(project) | {"CTW_WITH_DETAIL": "1", "CTW_DETAIL_PATH": str(detail)}
    return subprocess.run([sys.executable, "scripts/build.py"], cwd=project, env=env, capture_output=True, text=True)


def lines(detail: Path) -> str:
    return f"read_parquet('{detail}/period_month=*/*.parquet', hive_partitioning = true)"


def file_digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*.parquet"))}


@pytest.fixture(scope="module")
def detail_project(built_project, tmp_path_factory) -> tuple[Path, Path]:
    """A project cut to the detailed data, built and published without them, and 100k rows of synthetic detail for
    every month but the last one published."""
    folder = tmp_path_factory.mktemp("detail")
    project = mechanics_project(built_project, folder, suites=(*MECHANICS_SUITES, "detail_reconciliation"),
                                models=DETAIL_UPSTREAM, with_dbt_tests=True)
    published = run_build(project)
    assert published.returncode == 0, published.stdout + published.stderr
    detail = folder / "detail"
    generate(project, detail, "--rows", str(ROWS), "--months", "2024-01..2025-10")
    return project, detail


@pytest.fixture(scope="module")
def detail_built(detail_project) -> tuple[Path, Path]:
    """The project copy after its first detail build, which must publish: the control of the faults below."""
    project, detail = detail_project
    first = detail_build(project, detail)
    assert first.returncode == 0, first.stdout + first.stderr
    return project, detail


def test_generator_is_deterministic_and_labelled_synthetic(detail_project, tmp_path):
    project, detail = detail_project
    again = tmp_path / "again"
    generate(project, again, "--rows", str(ROWS), "--months", "2024-01..2025-10")
    assert file_digests(again) == file_digests(detail)
    generate(project, tmp_path / "other_seed", "--rows", str(ROWS), "--months", "2024-01..2025-10", "--seed", "8")
    assert file_digests(tmp_path / "other_seed") != file_digests(detail)
    with duckdb.connect() as con:
        rows, synthetic, types = con.execute(
            f"select count(*), count(*) filter (where is_synthetic), typeof(any_value(hs8_code)) from {lines(detail)}"
        ).fetchone()
    assert types == "VARCHAR" and synthetic == rows
    assert abs(rows - ROWS) < ROWS * 0.001  # repeated draws of one line are rare


def test_generated_codes_come_from_the_reference_data(detail_project):
    project, detail = detail_project
    with duckdb.connect() as con:
        con.execute(f"attach '{published_file(project)}' as published (read_only)")
        unknown_partners = con.execute(
            f"select distinct partner_code from {lines(detail)} where partner_code not in"
            " (select partner_code from published.reference.ref_partners where partner_kind = 'country')"
        ).fetchall()
        malformed, leading_zero, chapters = con.execute(
            f"select count(*) filter (where not regexp_full_match(hs8_code, '[0-9]{{8}}')),"
            f" count(*) filter (where hs8_code like '0%'), count(distinct left(hs8_code, 2)) from {lines(detail)}"
        ).fetchone()
    assert unknown_partners == [] and malformed == 0
    assert leading_zero > 0  # chapters 01-09 keep their zero: codes are text
    assert chapters == 96  # 01-97 without the reserved 77


def test_a_few_partners_and_chapters_dominate(detail_project):
    _, detail = detail_project
    with duckdb.connect() as con:
        for key, count in (("partner_code", 42), ("left(hs8_code, 2)", 96)):
            top5 = con.execute(
                f"select sum(share) from (select 100 * sum(value_usd) / sum(sum(value_usd)) over () as share"
                f" from {lines(detail)} group by {key} order by share desc limit 5)"
            ).fetchone()[0]
            assert top5 > 40, (key, top5)  # an even split would give the top 5 of {count} only 5/{count}


def test_each_month_sums_to_the_published_headline(detail_project):
    project, detail = detail_project
    with duckdb.connect() as con:
        con.execute(f"attach '{published_file(project)}' as published (read_only)")
        gaps = con.execute(
            f"""
            select d.period_month, d.flow, d.usd, h.month_value_usd, d.cny, h.month_value_cny
            from (select period_month, flow, sum(value_usd) as usd, sum(value_cny) as cny from {lines(detail)}
                  group by all) as d
            left join published.marts.fct_monthly_trade as h using (period_month, flow)
            where abs(d.usd / h.month_value_usd - 1) > 1e-12 or abs(d.cny / h.month_value_cny - 1) > 1e-12
                or h.month_value_usd is null
            """
        ).fetchall()
        months = con.execute(f"select count(distinct period_month) from {lines(detail)}").fetchone()[0]
    assert gaps == [] and months >= 15


def test_a_default_build_holds_no_detailed_data(detail_project, warehouse):
    """Kept out of the published warehouse unless asked for: without CTW_WITH_DETAIL=1 the source, models and tests
    are disabled, even with detailed files in the default folder."""
    relations = warehouse.execute(
        "select table_name from information_schema.tables where table_name like '%detail%'").fetchall()
    assert relations == []
    project, detail = detail_project
    default_folder = project / "data" / "synthetic_detail"
    default_folder.parent.mkdir(exist_ok=True)
    default_folder.symlink_to(detail, target_is_directory=True)
    try:
        listed = subprocess.run(
            [str(Path(sys.executable).parent / "dbt"), "ls", "--quiet", "--output", "name"],
            cwd=project, env=project_env(project), capture_output=True, text=True,
        )
    finally:
        default_folder.unlink()
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert "fct_monthly_trade" in listed.stdout and "detail" not in listed.stdout


def test_a_detail_build_on_unchanged_headline_inputs_takes_the_detail_only_path(detail_built):
    """The first detail build found the seeds, models and suites of the published version: it built the detailed
    models and their suite only, and recorded the headline expectation results again beside the detail suite's."""
    project, _ = detail_built
    with duckdb.connect(str(published_file(project)), read_only=True) as con:
        path, passed = con.execute("select build_path, expectations_passed from provenance.build").fetchone()
        suites = dict(con.execute("select suite, count(*) from provenance.expectation_results group by suite")
                      .fetchall())
    assert path == "detail_only" and passed > 0
    assert suites.pop("detail_reconciliation") > 0
    registry = yaml.safe_load((project / "expectations" / "registry.yml").read_text(encoding="utf-8"))["suites"]
    assert set(suites) == set(registry) - {"detail_reconciliation"} != set()


def test_the_headline_audit_refuses_a_changed_headline_relation(detail_built, tmp_path):
    project, _ = detail_built
    published = published_file(project)
    candidate = tmp_path / "candidate" / published.name
    candidate.parent.mkdir()
    candidate.write_bytes(published.read_bytes())
    audit_unchanged_headline(candidate, published)  # control: the same file passes
    with duckdb.connect(str(candidate)) as con:
        con.execute("delete from marts.fct_monthly_trade where period_month = date '2025-11-01'")
    with pytest.raises(PublishError, match=r"marts\.fct_monthly_trade \(\d+ rows published, \d+ now\)"):
        audit_unchanged_headline(candidate, published)


def test_bench_floor_and_dashboard_queries_match_the_models(detail_built, tmp_path):
    """The floor the benchmark compares against does the same work (its tables equal the published ones), and every
    dashboard query it times answers on a detail build."""
    project, detail = detail_built
    scratch = tmp_path / "floor.duckdb"
    with duckdb.connect(str(scratch)) as con:
        for statement in bench.floor_statements(detail, published_file(project), "1GB"):
            con.execute(statement)
    keys = {"int_customs_detail_by_partner_chapter": ["period_month", "flow", "partner_code", "hs_chapter"],
            "fct_detail_trade_by_partner": ["period_month", "flow", "partner_code"],
            "fct_detail_trade_by_chapter": ["period_month", "flow", "hs_chapter"]}
    with duckdb.connect() as con:
        con.execute(f"attach '{scratch}' as floor (read_only)")
        con.execute(f"attach '{published_file(project)}' as built (read_only)")
        for table, key in keys.items():
            schema = "intermediate" if table.startswith("int_") else "synthetic"
            columns = con.execute(f"select column_name, column_type from (describe floor.{table})").fetchall()
            differs = " or ".join(
                f"abs(f.{name} - b.{name}) > 1e-9 * abs(b.{name})" if kind == "DOUBLE"
                else f"f.{name} is distinct from b.{name}"
                for name, kind in columns if name not in key
            )
            join = " and ".join(f"f.{k} = b.{k}" for k in key)
            compared, differing = con.execute(
                f"select count(*), count(*) filter (where f.{key[0]} is null or b.{key[0]} is null or {differs})"
                f" from floor.{table} as f full join built.{schema}.{table} as b on {join}"
            ).fetchone()
            assert compared > 0 and differing == 0, table

    latency = bench.dashboard(published_file(project), repeats=3)
    assert set(latency["by_query"]) == set(bench.DASHBOARD_QUERIES)
    with duckdb.connect(str(published_file(project)), read_only=True) as con:
        month = con.execute("select max(period_month) from synthetic.fct_detail_trade_by_partner").fetchone()[0]
        for name, sql in bench.DASHBOARD_QUERIES.items():
            assert con.execute(sql.replace("$month", f"date '{month}'")).fetchall(), name


def test_detail_build_adds_one_month_and_reads_only_it(detail_built):
    project, detail = detail_built
    published = published_file(project)
    with duckdb.connect(str(published)) as con:  # a marker in a month already loaded
        con.execute("update synthetic.fct_detail_trade_by_partner set partner_name = 'SENTINEL'"
                    " where period_month = date '2024-03-01'")
        con.execute("update intermediate.int_customs_detail_by_partner_chapter set quantity_kg = -1"
                    " where period_month = date '2024-03-01'")
        months_before = con.execute(
            "select count(distinct period_month) from synthetic.fct_detail_trade_by_chapter").fetchone()[0]

    generate(project, detail, "--rows", "5000", "--months", "2025-11..2025-11")
    second = detail_build(project, detail)
    assert second.returncode == 0, second.stdout + second.stderr
    compiled = (project / "target/compiled/china_trade/models/intermediate/customs_detail"
                / "int_customs_detail_by_partner_chapter.sql").read_text()
    assert "period_month in (date '2025-11-01')" in compiled
    with duckdb.connect(str(published), read_only=True) as con:
        sentinels = con.execute("select count(*) from synthetic.fct_detail_trade_by_partner"
                                " where partner_name = 'SENTINEL'").fetchone()[0]
        untouched = con.execute("select count(*) from intermediate.int_customs_detail_by_partner_chapter"
                                " where quantity_kg = -1").fetchone()[0]
        months_after = con.execute(
            "select count(distinct period_month) from synthetic.fct_detail_trade_by_chapter").fetchone()[0]
        november = con.execute("select sum(line_count) from synthetic.fct_detail_trade_by_partner"
                               " where period_month = date '2025-11-01'").fetchone()[0]
        synthetic = con.execute("select bool_and(is_synthetic) from synthetic.fct_detail_trade_by_chapter").fetchone()[0]
    assert sentinels > 0 and untouched > 0  # the loaded months were not read again
    assert months_after == months_before + 1 and 4900 < november <= 5000 and synthetic

    # a new delivery of an old month replaces that month, and only it; a changed headline input (a suite's comment)
    # takes the full path
    generate(project, detail, "--rows", "5000", "--months", "2024-03..2024-03", "--seed", "8")
    suite = project / "expectations" / "completeness.yml"
    suite.write_text(suite.read_text() + "# edited\n")
    third = detail_build(project, detail)
    assert third.returncode == 0, third.stdout + third.stderr
    assert "==> detail-only update" in second.stdout and "==> detail-only update" not in third.stdout
    assert "==> check and load seeds" in third.stdout
    with duckdb.connect(str(published), read_only=True) as con:
        march = con.execute("select count(*) filter (where partner_name = 'SENTINEL'), sum(line_count)"
                            " from synthetic.fct_detail_trade_by_partner where period_month = date '2024-03-01'"
                            ).fetchone()
    assert march[0] == 0 and 4900 < march[1] <= 5000


def test_detail_that_does_not_reconcile_is_never_published(detail_built, tmp_path):
    """A month whose lines lose one line fails the reconciliation suite; a malformed HS code fails dbt's tests.
    Control: the same build without them published (fixture detail_built); the later ones must too."""
    project, detail = detail_built
    before = published_file(project).read_bytes()
    month = sorted(detail.glob("period_month=*"))[-1] / "data_0.parquet"
    kept = tmp_path / "kept.parquet"
    kept.write_bytes(month.read_bytes())
    try:
        for fault, step, key in (
            ("select * from month order by value_usd desc offset 1", "expectation suites",
             "detail_sums_to_headline_month_in_both_currencies"),
            ("select * replace (case when row_number() over () = 1 then '1234' else hs8_code end as hs8_code)"
             " from month", "dbt build", "detail_lines_have_8_digit_hs_codes"),
        ):
            with duckdb.connect() as con:
                con.execute(f"create table month as select * from read_parquet('{kept}')")
                con.execute(f"copy ({fault}) to '{month}' (format parquet)")
            result = detail_build(project, detail)
            assert result.returncode == 1, result.stdout
            assert f"build failed at: {step}." in result.stderr
            assert key in result.stdout + result.stderr
            assert published_file(project).read_bytes() == before
    finally:
        month.write_bytes(kept.read_bytes())


def test_a_detail_build_without_detailed_files_is_refused(detail_project, tmp_path):
    project, _ = detail_project
    result = detail_build(project, tmp_path / "nothing_here")
    assert result.returncode == 1
    assert "holds no period_month=*/*.parquet files" in result.stderr



def synthetic_tables_in_marts(con) -> tuple[set, set]:
    """The detail's marts in the schema synthetic, and any of them (or anything named detail) listed in marts."""
    def tables(schema: str) -> set:
        return {name for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = ?", [schema]).fetchall()}

    marts, synthetic = tables("marts"), tables("synthetic")
    return synthetic, {name for name in marts if name in synthetic or "detail" in name}


def test_no_synthetic_table_is_in_marts(detail_built, tmp_path):
    """A BI user browsing marts never meets the SYNTHETIC detail: its marts are in the schema synthetic. The planted
    fault, a copy of the published file with one synthetic mart also in marts, is found."""
    project, _ = detail_built
    with duckdb.connect(str(published_file(project)), read_only=True) as con:
        synthetic, in_marts = synthetic_tables_in_marts(con)
    assert synthetic == {"fct_detail_trade_by_partner", "fct_detail_trade_by_chapter"}
    assert in_marts == set()
    planted = tmp_path / "planted.duckdb"
    planted.write_bytes(published_file(project).read_bytes())
    with duckdb.connect(str(planted)) as con:
        con.execute("create table marts.fct_detail_trade_by_chapter as"
                    " select * from synthetic.fct_detail_trade_by_chapter")
        assert synthetic_tables_in_marts(con)[1] == {"fct_detail_trade_by_chapter"}