"""The charts report: a PNG per chart and one self-contained page, drawn from the published file."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import copy_of_built, project_env

pytestmark = pytest.mark.fast  # the data loop: make test-fast

from ctw.present import charts as report

CHARTS = [name for name, *_ in report.CHARTS]  # the list is written once, in the code that draws it


def test_the_report_draws_every_chart_into_one_offline_page(built_project, warehouse, tmp_path):
    project = copy_of_built(built_project, tmp_path)  # the page is drawn into warehouse/report
    result = subprocess.run(
        [sys.executable, str(project / "scripts" / "report.py")],
        cwd=project, env=project_env(project), capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    out = project / "warehouse" / "report"
    for name in CHARTS:
        for png_name in (f"{name}.png", f"{name}_phone.png"):  # wide, and narrower for a phone
            png = (out / png_name).read_bytes()
            assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000, png_name
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count("<picture><source media='(max-width: 640px)' srcset='data:image/png;base64,") == len(CHARTS)
    assert page.count("<img alt=") == page.count("src='data:image/png;base64,") == len(CHARTS)
    assert "name='viewport' content='width=device-width" in page
    assert not re.search(r"(src|href)=['\"]https?://", page)  # nothing fetched from elsewhere
    version = warehouse.execute("select version_id from provenance.build").fetchone()[0]
    assert version in page
    assert "partners" in page.lower()


def test_a_gap_stays_a_gap_in_the_chart_data():
    """A missing month becomes NaN between its neighbours, so matplotlib breaks the line there instead of drawing
    across it; the months around it keep their values (control: no gap, no NaN)."""
    import datetime
    import math

    from ctw.present import charts as report

    months = [datetime.date(2025, m, 1) for m in (1, 2, 4)]
    dates, values = report.with_gaps([{"period_month": m, "v": float(i)} for i, m in enumerate(months)], "v")
    assert dates == [datetime.date(2025, m, 1) for m in (1, 2, 3, 4)]
    assert values[:2] == [0.0, 1.0] and math.isnan(values[2]) and values[3] == 2.0
    _, whole = report.with_gaps([{"period_month": m, "v": 1.0} for m in months[:2]], "v")
    assert whole == [1.0, 1.0]


def test_the_monthly_chart_data_keeps_the_sources_gaps(warehouse):
    """The months the USD export series lacks (the coverage table's gaps) are NaN in what the chart draws."""
    import math

    from ctw.present import charts as report

    points = report.rows(warehouse, "select * from reporting.rpt_chart_monthly_trade where flow = 'exports' and "
                                    "currency = 'USD' order by period_month")
    months, values = report.with_gaps(points, "value_bn")
    missing = [m for m, v in zip(months, values) if math.isnan(v)]
    assert missing and all(m not in {p["period_month"] for p in points} for m in missing)


def drawn_marks(axes) -> dict[str, int]:
    """How many points a chart drew with each mark: filled, hollow or cross (lines without markers not counted)."""
    from matplotlib.colors import same_color

    counts = {"filled": 0, "hollow": 0, "cross": 0}
    for line in axes.lines:
        if line.get_linestyle() != "None":
            continue
        kind = "cross" if line.get_marker() == "x" else (
            "hollow" if same_color(line.get_markerfacecolor(), "white") else "filled")
        counts[kind] += len(line.get_xdata())
    return counts


def test_every_point_in_the_surplus_chart_is_marked_by_how_it_was_obtained(warehouse):
    """The year-to-date surplus chart draws published, derived and converted dollar balances: each method has its
    own mark, counted off the drawn figure against the mart (so a converted value cannot look published)."""
    import matplotlib.pyplot as plt

    from ctw.present import charts as report

    methods = dict(warehouse.execute("""
        select ytd_value_usd_method, count(*) from marts.fct_monthly_trade
        where flow = 'balance' and ytd_value_usd is not null group by all""").fetchall())
    assert methods.get("converted_from_cny") and methods.get("derived_from_flows")  # both kinds are there to mark
    figure, axes = plt.subplots()
    try:
        report.ytd_surplus(warehouse, axes)
        assert drawn_marks(axes) == {"filled": methods["published"], "hollow": methods["derived_from_flows"],
                                     "cross": methods["converted_from_cny"]}
    finally:
        plt.close(figure)


def test_a_method_without_a_mark_stops_the_chart():
    import datetime

    import matplotlib.pyplot as plt

    from ctw.present import charts as report

    point = {"period_month": datetime.date(2025, 1, 1), "v": 1.0}
    figure, axes = plt.subplots()
    try:
        report.mark_points(axes, [{**point, "method": "published"}], "period_month", "v", "black", 3)  # control
        with pytest.raises(ValueError, match="no chart marker for method 'interpolated'"):
            report.mark_points(axes, [{**point, "method": "interpolated"}], "period_month", "v", "black", 3)
    finally:
        plt.close(figure)


def test_derived_vehicle_months_are_hatched_bars(warehouse):
    """Vehicle exports derived from CAAM's year-to-date totals are hatched, the published ones solid: counted off
    the drawn bars against the mart."""
    import matplotlib.pyplot as plt

    from ctw.present import charts as report

    methods = dict(warehouse.execute("""
        select month_vehicles_method, count(*) from marts.fct_vehicle_sales
        where vehicle_segment = 'all' and market = 'export' and month_vehicles is not null group by all""").fetchall())
    assert methods.get("derived_from_ytd")  # there are derived months to mark
    figure, axes = plt.subplots()
    try:
        report.vehicle_exports(warehouse, axes)
        hatches = [bar.get_hatch() for bar in axes.patches]
        assert {"solid": hatches.count(None), "hatched": hatches.count("////")} == {
            "solid": methods["published"], "hatched": methods["derived_from_ytd"]}
    finally:
        plt.close(figure)


def charts_missing_from_exposure(project) -> list[str]:
    """The reporting models the chart page draws (named in ctw.present.charts) that the chart_page exposure does not
    list: dbt's lineage then misses what the page shows."""
    import yaml

    code = (project / "src" / "ctw" / "present" / "charts.py").read_text(encoding="utf-8")
    drawn = set(re.findall(r"from reporting\.(rpt_\w+)", code))
    spec = yaml.safe_load((project / "models" / "reporting" / "_reporting__exposures.yml").read_text())
    page = next(e for e in spec["exposures"] if e["name"] == "chart_page")
    listed = {re.fullmatch(r"ref\('(\w+)'\)", ref).group(1) for ref in page["depends_on"]}
    return sorted(drawn - listed)


def test_the_chart_page_exposure_lists_every_model_drawn():
    from conftest import PROJECT_DIR

    assert charts_missing_from_exposure(PROJECT_DIR) == []
