"""Write-audit-publish: readers never see a broken or partial file, no version is lost or published damaged, and a
build that would lose what is published is refused.

The tests share one project copy cut to the build's mechanics, built once (module fixture, tests/python/
publishing.py); each compares the published file's checksum before and after the fault it plants. Their control is
the same build on that copy with no fault (fixture control_build): it must publish a new version, so a failure under
a fault is the fault's. A build stopped or failing part-way is tested in test_publishing_interrupted.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import project_env, published_file, run_build
from ctw.publish import PublishError, archive, loss_audit, publication
from ctw.publish.layout import Layout
from publishing import sha256, version_of, versions_command
from publishing import project, control_build  # fixtures: each module its own copy and control

READER = Path(__file__).with_name("read_while_publishing.py")


def test_a_build_publishes_a_validated_file_with_its_provenance(built_project):
    published = published_file(built_project)
    with duckdb.connect(str(published), read_only=True) as con:
        build = con.execute(
            "select version_id, validation_outcome, dbt_core_version, duckdb_version, great_expectations_version,"
            " expectations_passed + expectations_warned + expectations_failed, expectations_declared"
            " from provenance.build"
        ).fetchall()
        seeds = dict(con.execute("select seed_path, sha256 from provenance.seed_files").fetchall())
        recorded = con.execute(
            "select schema_name, relation_name, row_count from provenance.relation_rows"
        ).fetchall()
        results = con.execute("select count(*) from provenance.expectation_results").fetchone()[0]
        for schema, name, row_count in recorded:
            assert con.execute(f"select count(*) from {schema}.{name}").fetchone()[0] == row_count, name
    [(version_id, outcome, dbt_version, duckdb_version, gx_version, expectations, declared)] = build
    registry = yaml.safe_load((built_project / "expectations" / "registry.yml").read_text())["suites"]
    detail_only = [suite for suite in registry
                   if yaml.safe_load((built_project / "expectations" / f"{suite}.yml").read_text()).get("with_detail_only")]
    # every expectation of expectations/registry.yml ran (the detailed data's suites need CTW_WITH_DETAIL=1)
    assert declared == expectations == sum(len(keys) for suite, keys in registry.items() if suite not in detail_only)
    assert outcome == "passed_with_warnings"
    assert (dbt_version, duckdb_version) == ("1.11.16", duckdb.__version__)
    assert gx_version.startswith("1.")
    assert expectations == results > 0
    assert {"marts.fct_monthly_trade", "staging.stg_customs__trade_observations"} <= {f"{s}.{n}" for s, n, _ in recorded}
    on_disk = {p.relative_to(built_project).as_posix(): sha256(p) for p in built_project.glob("seeds/**/*.csv")}
    assert seeds == on_disk
    kept = built_project / "warehouse" / "versions" / version_id / "china_trade.duckdb"
    assert sha256(kept) == sha256(published)
    assert not (built_project / "warehouse" / "candidate").exists()


def test_readers_see_whole_versions_across_publishes(project, tmp_path):
    published = published_file(project)
    first = version_of(published)
    stop = tmp_path / "stop"
    readers = {}
    for mode in ("fresh", "held"):
        result = tmp_path / f"{mode}.json"
        readers[mode] = (result, subprocess.Popen(
            [sys.executable, str(READER), str(published), str(stop), str(result), mode]))
    try:
        for result, _ in readers.values():
            deadline = time.monotonic() + 60
            while not Path(str(result) + ".ready").exists():
                assert time.monotonic() < deadline, "a reader did not start"
                time.sleep(0.1)

        rebuilt = run_build(project)  # publish 1: a new build
        assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
        second = version_of(published)
        time.sleep(0.5)
        assert versions_command(project, "rollback", first).returncode == 0  # publish 2
        time.sleep(0.5)
        assert versions_command(project, "rollback", second).returncode == 0  # publish 3
        time.sleep(0.5)
    finally:
        stop.touch()  # the readers end, whatever happened above
        for _, reader in readers.values():
            try:
                reader.wait(timeout=60)
            except subprocess.TimeoutExpired:
                reader.kill()

    seen = {}
    for mode, (result, reader) in readers.items():
        assert reader.wait(timeout=60) == 0
        seen[mode] = json.loads(result.read_text())
        assert seen[mode]["errors"] == [], (mode, seen[mode])
    assert seen["fresh"]["versions"][0] == first and seen["fresh"]["versions"][-1] == second
    assert len(seen["fresh"]["versions"]) >= 3, seen["fresh"]  # first, second, first again, second again
    assert seen["held"]["versions"] == [first]  # a connection kept open reads the version it opened
    assert version_of(published) == second


def test_versions_are_listed_and_an_unknown_one_is_refused(project):
    published = published_file(project)
    before = sha256(published)
    listing = versions_command(project, "list")
    assert listing.returncode == 0
    current = [line for line in listing.stdout.splitlines() if line.startswith("*")]
    assert len(current) == 1 and version_of(published) in current[0]

    refused = versions_command(project, "rollback", "19990101T000000Z")
    assert refused.returncode == 1
    assert "no version '19990101T000000Z'" in refused.stderr and "unchanged" in refused.stderr
    assert sha256(published) == before


def test_a_damaged_kept_version_is_never_published_again(project, control_build):
    published = published_file(project)
    before = sha256(published)
    current = version_of(published)
    older = next(v for v in archive.list_versions(Layout(published)) if v != current)
    control = versions_command(project, "rollback", current)  # an intact kept version publishes
    assert control.returncode == 0, control.stderr
    assert sha256(published) == before  # the same version, byte for byte

    kept = project / "warehouse" / "versions" / older / "china_trade.duckdb"
    original = kept.read_bytes()
    middle = len(original) // 2
    kept.write_bytes(original[:middle] + bytes(b ^ 0xFF for b in original[middle:middle + 16]) + original[middle + 16:])
    try:
        refused = versions_command(project, "rollback", older)
    finally:
        kept.write_bytes(original)
    assert refused.returncode == 1
    assert "does not match the checksum recorded when it was archived" in refused.stderr
    assert sha256(published) == before


def test_a_writer_holding_the_published_file_stops_the_publish(project, control_build):
    """docs/using-the-warehouse.md, Updates: the publish refuses to replace a file that something has open for writing, from the moment
    it connects, before it wrote anything (its later writes would go to a file no one reads)."""
    published = published_file(project)
    before = sha256(published)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; con = duckdb.connect(sys.argv[1]); print('held', flush=True);"
         " sys.stdin.readline()", str(published)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        refused = versions_command(project, "rollback", version_of_kept(project))
        assert refused.returncode == 1
        assert "something has the published file open for writing" in refused.stderr
        assert f"(PID {holder.pid})" in refused.stderr
        assert sha256(published) == before
    finally:
        holder.communicate("done\n", timeout=30)
    control = versions_command(project, "rollback", version_of_kept(project))  # the holder gone, it publishes
    assert control.returncode == 0, control.stderr


def version_of_kept(project: Path) -> str:
    return archive.list_versions(Layout(published_file(project)))[-1]


def test_an_unfinished_archive_is_listed_then_removed(project, control_build):
    published = published_file(project)
    partial = project / "warehouse" / "versions" / ".incoming-20200101T000000Z"
    partial.mkdir()
    (partial / "china_trade.duckdb").write_bytes(b"half a file")
    listing = versions_command(project, "list")
    assert ".incoming-20200101T000000Z" in listing.stdout and "unfinished archive" in listing.stdout
    assert versions_command(project, "rollback", version_of(published)).returncode == 0
    assert not partial.exists()


def test_an_archive_that_fails_leaves_no_partial_folder(tmp_path, monkeypatch):
    layout = Layout(tmp_path / "china_trade.duckdb")
    database = tmp_path / "candidate.duckdb"
    database.write_bytes(b"a validated file")
    archive.archive(layout, "20250101T000000Z", database, None)  # control: it archives, with its checksum
    kept = layout.version_file("20250101T000000Z")
    archive.verify_kept(kept)

    def disk_full(source, target):
        target.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(archive, "copy_durably", disk_full)
    with pytest.raises(OSError, match="No space left"):
        archive.archive(layout, "20250201T000000Z", database, None)
    assert [p.name for p in layout.versions.iterdir()] == ["20250101T000000Z"]


def test_a_build_that_loses_a_subject_is_refused_unless_the_removal_is_intended(project, control_build):
    """A seed cut to its header (all CAAM vehicle figures gone) builds and passes every suite: the publish audit
    against the published version refuses it, naming what would be lost; told the removal is intended, with a
    reason, the build publishes and records the reason."""
    published = published_file(project)
    before = sha256(published)
    seed = project / "seeds" / "raw" / "raw_caam_vehicles.csv"
    kept = seed.read_text(encoding="utf-8")
    seed.write_text(kept.splitlines(keepends=True)[0], encoding="utf-8")
    try:
        refused = run_build(project)
        assert refused.returncode == 1
        assert "build failed at: publish" in refused.stderr
        rows = kept.count("\n") - 1  # the seed's data lines
        assert f"raw.raw_caam_vehicles: {rows} rows published, 0 now" in refused.stderr
        assert "caam_vehicles all / domestic level vehicles (month): " in refused.stderr
        assert "CTW_INTENDED_REMOVAL" in refused.stderr
        assert sha256(published) == before

        reason = "CAAM figures withdrawn for re-sourcing"
        intended = run_build(project, env=project_env(project) | {"CTW_INTENDED_REMOVAL": reason})
        assert intended.returncode == 0, intended.stdout + intended.stderr
        with duckdb.connect(str(published), read_only=True) as con:
            assert con.execute("select intended_removal from provenance.build").fetchone()[0] == reason
    finally:
        seed.write_text(kept, encoding="utf-8")
    restored = versions_command(project, "rollback", control_build)  # the module's later tests see all figures
    assert restored.returncode == 0, restored.stderr


def test_the_loss_audit_names_what_a_candidate_lacks(built_project, tmp_path):
    published = published_file(built_project)
    candidate = tmp_path / "candidate" / published.name
    candidate.parent.mkdir()
    candidate.write_bytes(published.read_bytes())
    assert loss_audit.losses(candidate, published) == []  # control: the same file loses nothing
    with duckdb.connect(str(candidate)) as con:
        con.execute("delete from marts.fct_observations where dataset = 'customs_trade' and measure = 'level'"
                    " and subject = 'WLD / TOTAL / all / exports' and period_end_month = date '2025-11-01'")
        con.execute("update provenance.relation_rows set row_count = row_count - 1"
                    " where relation_name = 'fct_monthly_trade'")
    found = loss_audit.losses(candidate, published)
    assert any(line.startswith("marts.fct_monthly_trade: ") for line in found), found
    assert any(line.startswith("customs_trade WLD / TOTAL / all / exports level") and "2025-11..2025-11" in line
               for line in found), found


@pytest.mark.parametrize("loses", [False, True])
def test_with_the_published_file_gone_the_loss_audit_compares_with_the_newest_kept_version(built_project, tmp_path,
                                                                                          loses):
    """The published file gone, the newest kept version that is whole (its checksum holds) stands in for it: a
    candidate that loses figures against it is refused, naming that version; the control, a candidate with every
    figure, passes. A newer kept version whose checksum fails is passed over."""
    built = published_file(built_project)
    layout = Layout(tmp_path / "warehouse" / built.name)
    for version_id in ("20250101T000000Z", "20250201T000000Z"):
        kept = layout.version_file(version_id)
        kept.parent.mkdir(parents=True)
        kept.write_bytes(built.read_bytes())
        archive.checksum_file(kept).write_text(sha256(kept), encoding="utf-8")
    archive.checksum_file(kept).write_text("0" * 64, encoding="utf-8")  # the newer one is damaged
    layout.candidate.parent.mkdir()
    layout.candidate.write_bytes(built.read_bytes())
    if loses:
        with duckdb.connect(str(layout.candidate)) as con:
            con.execute("update provenance.relation_rows set row_count = row_count - 1"
                        " where relation_name = 'fct_monthly_trade'")
    assert not layout.published.exists()
    if not loses:
        loss_audit.audit_against_published(layout)
        return
    with pytest.raises(PublishError, match="the newest whole kept version, 20250101T000000Z .* marts.fct_monthly_trade: "):
        loss_audit.audit_against_published(layout)


def test_old_versions_are_pruned_but_never_the_published_one(tmp_path):
    layout = Layout(tmp_path / "china_trade.duckdb")
    for version_id in ("20250101T000000Z", "20250201T000000Z", "20250301T000000Z", "20250401T000000Z"):
        (layout.versions / version_id).mkdir(parents=True)
    pruned = archive.prune_versions(layout, keep=2, current="20250101T000000Z")
    assert pruned == ["20250201T000000Z"]
    assert archive.list_versions(layout) == ["20250101T000000Z", "20250301T000000Z", "20250401T000000Z"]


def test_a_candidate_that_was_not_validated_is_never_published(tmp_path):
    layout = Layout(tmp_path / "china_trade.duckdb")
    layout.candidate.parent.mkdir(parents=True)
    with duckdb.connect(str(layout.candidate)) as con:
        con.execute("create table t as select 1 as x")
    with pytest.raises(PublishError, match="does not carry the provenance"):
        publication.publish_candidate(layout, "20250101T000000Z")
    assert not layout.published.exists()


def test_a_build_and_a_rollback_redraw_the_chart_page_for_the_version_they_publish(project, control_build):
    """Once drawn (make report), the chart page follows the published file: a rollback redraws it for the version it
    publishes again, and so does a build. Control: without a page, a rollback draws none."""
    published = published_file(project)
    page = published.parent / "report" / "index.html"
    shutil.rmtree(page.parent, ignore_errors=True)
    older = next(v for v in archive.list_versions(Layout(published)) if v != control_build)
    assert versions_command(project, "rollback", older).returncode == 0
    assert not page.exists()  # the control: no page, none drawn
    drawn = subprocess.run([sys.executable, "scripts/report.py"], cwd=project, env=project_env(project),
                           capture_output=True, text=True)
    assert drawn.returncode == 0, drawn.stderr
    assert older in page.read_text(encoding="utf-8")
    rollback = versions_command(project, "rollback", control_build)
    assert rollback.returncode == 0 and "chart page redrawn" in rollback.stdout
    assert control_build in page.read_text(encoding="utf-8") and older not in page.read_text(encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.stdout + build.stderr
    assert version_of(published) in page.read_text(encoding="utf-8")
    assert versions_command(project, "rollback", control_build).returncode == 0  # the module's later tests
