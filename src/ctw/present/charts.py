"""Write the charts report of the published warehouse: one self-contained HTML page and a PNG file per chart.

Charts (matplotlib, read-only): the list CHARTS below, one drawing each. A chart's data is the reporting model
reporting.rpt_chart_<name> (models/reporting/), which holds every rule of what is drawn; a drawing selects from it in
one line and only draws.

Each chart is drawn twice, for a wide screen (name.png) and for a phone (name_phone.png); the page embeds both and
the browser shows the one that fits (no script, no stylesheet or font from elsewhere): it opens offline.

Usage: python scripts/report.py [--warehouse FILE] [--out DIR]     default: warehouse/report/
"""

from __future__ import annotations

import argparse
import base64
import html
import math
import sys
from pathlib import Path

import duckdb
import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.dates import DateFormatter  # noqa: E402

from ctw.config import published_path  # noqa: E402
from ctw.publish.layout import damaged  # noqa: E402


FLOW_COLOURS = {"exports": "#1f6f8b", "imports": "#e07a1f", "balance": "#3a9a4a"}
CURRENCY_NAMES = {"USD": "US dollars", "CNY": "yuan"}


def rows(con, sql: str, params=None) -> list[dict]:
    result = con.execute(sql, params or [])
    names = [d[0] for d in result.description]
    return [dict(zip(names, row)) for row in result.fetchall()]


def with_gaps(points: list[dict], key: str) -> tuple[list, list]:
    """Dates and values with a NaN at every missing month between the first and the last, so lines break there."""
    if not points:
        return [], []
    by_month = {r["period_month"]: r[key] for r in points}
    months, month = [], min(by_month)
    while month <= max(by_month):
        months.append(month)
        month = month.replace(year=month.year + month.month // 12, month=month.month % 12 + 1)
    return months, [by_month.get(m, math.nan) for m in months]


# How a drawn point was obtained, shown by its marker: filled published, hollow derived from other published figures
# (year-to-date totals, the other flows), a cross converted from the other currency at the period's exchange rate.
METHOD_MARKS = {
    "published": ("o", "filled"),
    "derived_from_ytd": ("o", "hollow"),
    "derived_from_flows": ("o", "hollow"),
    "converted_from_cny": ("x", "filled"),
    "converted_from_usd": ("x", "filled"),
    "computed": ("o", "hollow"),  # a growth rate no source printed, computed from published values
}
BAR_HATCHES = {("o", "filled"): None, ("o", "hollow"): "////", ("x", "filled"): "xxxx"}  # the same marks on bars


def mark_of(method: str) -> tuple[str, str]:
    """A method's mark; a method without one is an error, so that a new method cannot slip into a chart looking
    published."""
    if method not in METHOD_MARKS:
        raise ValueError(f"report: no chart marker for method {method!r}; add it to METHOD_MARKS")
    return METHOD_MARKS[method]


def mark_points(axes, points: list[dict], x: str, y: str, colour, size: float) -> None:
    """Each point's marker says how its value was obtained (METHOD_MARKS)."""
    for method in dict.fromkeys(r["method"] for r in points):
        marker, fill = mark_of(method)
        marked = [r for r in points if r["method"] == method]
        axes.plot([r[x] for r in marked], [r[y] for r in marked], linestyle="none", marker=marker, markersize=size,
                  color=colour, markerfacecolor="white" if fill == "hollow" else colour, zorder=4)


def mark_bars(axes, points: list[dict], x: str, y: str, colour, width: float = 20) -> None:
    """Bars with METHOD_MARKS' meaning: solid published, hatched derived or computed, cross-hatched converted.
    colour(point) gives each bar's colour."""
    for method in dict.fromkeys(r["method"] for r in points):
        hatch = BAR_HATCHES[mark_of(method)]
        marked = [r for r in points if r["method"] == method]
        colours = [colour(r) for r in marked]
        axes.bar([r[x] for r in marked], [r[y] for r in marked], width=width, hatch=hatch, edgecolor=colours,
                 color="white" if hatch else colours, linewidth=0.8)


def method_legend(axes, points: list[dict], bars: bool = False, **where) -> None:
    """A second legend, beside the one for the series, for the marks of the methods drawn (the first word of
    each: published, derived, converted, computed); none where every point is published."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    drawn, kinds = {r["method"] for r in points}, {}
    for method, mark in METHOD_MARKS.items():
        if method in drawn:
            kinds.setdefault(method.split("_")[0], mark)
    if set(kinds) <= {"published"}:
        return
    handles = [Patch(facecolor="white" if BAR_HATCHES[mark] else "#555", edgecolor="#555", hatch=BAR_HATCHES[mark],
                     label=kind) if bars else
               Line2D([], [], linestyle="none", marker=mark[0], color="#555",
                      markerfacecolor="white" if mark[1] == "hollow" else "#555", label=kind)
               for kind, mark in kinds.items()]
    axes.add_artist(axes.legend(handles=handles, frameon=False, **where))


def month_axis(axes) -> None:
    """Months on the x axis as YYYY-MM, slanted."""
    axes.xaxis.set_major_formatter(DateFormatter("%Y-%m"))
    axes.tick_params(axis="x", labelrotation=45)


def monthly_trade(con, axes_pair) -> str:
    """Monthly exports, imports and balance, in US dollars and in yuan."""
    data = rows(con, "select * from reporting.rpt_chart_monthly_trade order by period_month")
    for axes, currency in zip(axes_pair, ("USD", "CNY")):
        for flow, colour in FLOW_COLOURS.items():
            points = [r for r in data if r["flow"] == flow and r["currency"] == currency]
            months, values = with_gaps(points, "value_bn")
            axes.plot(months, values, linewidth=1.5, color=colour, label=flow)
            mark_points(axes, points, "period_month", "value_bn", colour, 3)
        axes.set_title(f"Monthly trade, billion {CURRENCY_NAMES[currency]}")
        axes.axhline(0, color="#999", linewidth=0.8)
        month_axis(axes)
        method_legend(axes, [r for r in data if r["currency"] == currency], loc="upper left",
                      bbox_to_anchor=(0.2, 1), fontsize="small")
        axes.legend(frameon=False, loc="upper left", fontsize="small")
    first, last = (min(r["period_month"] for r in data), max(r["period_month"] for r in data)) if data else (None, None)
    span = f"from {first:%Y-%m} to {last:%Y-%m}" if data else "no months"
    return (f"Monthly exports, imports and balance in each currency, {span}: published (filled points), or derived "
            "from year-to-date totals and flows (hollow); never converted from the other currency, so each panel "
            "shows only what was compiled in its own currency. From 2020 January-February, which customs "
            "publishes as one two-month period, is left out (before that each month was published on its own). A "
            "break in a line is a gap in the sources.")


def ytd_surplus(con, axes) -> str:
    """The year-to-date surplus of each year against the previous full-year record."""
    data = rows(con, "select * from reporting.rpt_chart_ytd_surplus order by period_month")
    latest = max(r["year"] for r in data)
    years = sorted({r["year"] for r in data})
    for year in years:
        points = [r for r in data if r["year"] == year]
        by_month = {r["month"]: r["value_bn"] for r in points}
        months = list(range(min(by_month), max(by_month) + 1))
        recent = year >= latest - 1
        # a missing month is a break in the line, not a straight line across it
        line, = axes.plot(months, [by_month.get(m, math.nan) for m in months],
                          linewidth=2 if year == latest else (1.2 if recent else 0.8),
                          color=None if recent else "#b8c4cc", label=str(year) if recent else None,
                          zorder=3 if recent else 2)
        mark_points(axes, points, "month", "value_bn", line.get_color(), 4 if recent else 2.5)
    full_years = [r for r in data if r["month"] == 12 and r["year"] < latest]
    record = max(full_years, key=lambda r: r["value_bn"]) if full_years else None
    if record:
        axes.axhline(record["value_bn"], color="#b22", linestyle="--", linewidth=1)
        axes.annotate(f"previous record: {record['year']}, {record['value_bn']:,.1f} bn", (1, record["value_bn"]),
                      xytext=(0, -12), textcoords="offset points", color="#b22")
    axes.set_xticks(range(1, 13))
    axes.set_xlabel("month (year to date)")
    axes.set_title("Year-to-date trade surplus, billion US dollars")
    method_legend(axes, data, loc="lower right", bbox_to_anchor=(0.8, 0), fontsize="small")
    axes.legend(frameon=False, loc="lower right", fontsize="small")
    counts = {kind: sum(r["method"].startswith(kind) for r in data) for kind in ("derived", "converted")}
    return (f"The surplus accumulated from January, each year from {years[0]} to {latest} ({latest - 1} and {latest} "
            f"in colour, earlier years in grey), against the largest full-year surplus before {latest} in the "
            f"warehouse. Published points are filled; {counts['derived']} are derived as exports less imports "
            f"(hollow) and {counts['converted']} converted from the yuan balance at the period's exchange rate "
            "(cross), where no dollar figure was found. A break in a line is a month with none of these.")


def latest_partner_period(con) -> tuple:
    return con.execute("select period_start_month, period_end_month from reporting.rpt_partner_latest_period"
                       ).fetchone()


def partner_shares(con, axes) -> str:
    """Shares of China's trade by partner for the latest period with partner figures."""
    start, end = latest_partner_period(con)
    data = rows(con, "select * from reporting.rpt_chart_partner_shares order by share_pct_cny_computed desc")
    labels = [r["partner_code"] + ("" if r["is_share_disjoint"] else " *") for r in data]
    positions, shares = range(len(data)), [r["share_pct_cny_computed"] for r in data]
    axes.barh(positions, shares, color="#1f6f8b", label="computed from values")
    reported = [(r["share_pct_reported"], position) for position, r in zip(positions, data)
                if r["share_pct_reported"] is not None]
    if reported:  # a legend entry only for what is drawn
        axes.scatter(*zip(*reported), color="#e07a1f", zorder=3, label="reported")
    for position, share in zip(positions, shares):
        axes.annotate(f"{share:.1f}%", (share, position), xytext=(4, -4), textcoords="offset points")
    if data:  # room for the largest bar's label inside the frame
        axes.set_xlim(0, max(shares) * 1.15)
    axes.set_yticks(list(positions), labels)
    axes.invert_yaxis()
    axes.set_xlabel("share of China's total trade, percent (yuan basis)")
    axes.set_title(f"Partner shares, {start:%Y-%m} to {end:%Y-%m}")
    axes.legend(frameon=False, loc="lower right")
    return ("Each partner's trade as a share of China's total, computed from the yuan values, with the share the "
            f"source reported{'' if reported else ' (none for this period)'}. * overlaps other partners (Belt and "
            "Road countries include ASEAN members): not to be summed with them.")


def partner_growth(con, axes) -> str:
    """Year-on-year growth of trade by partner for that period."""
    start, end = latest_partner_period(con)
    data = rows(con, "select * from reporting.rpt_chart_partner_growth order by yoy_pct_cny desc")
    positions = range(len(data))
    axes.barh(positions, [r["yoy_pct_cny"] for r in data],
              color=["#3a9a4a" if r["yoy_pct_cny"] >= 0 else "#b22" for r in data])
    axes.set_yticks(list(positions), [r["partner_code"] + (" (computed)" if r["is_computed"] else "") for r in data])
    axes.invert_yaxis()
    axes.axvline(0, color="#999", linewidth=0.8)
    axes.set_xlabel("year-on-year change, percent (yuan basis)")
    axes.set_title(f"Growth of trade by partner, {start:%Y-%m} to {end:%Y-%m}")
    return "Growth as reported by the source; where none was reported, computed from published values."


SHARE_COLOURS = ("#1f6f8b", "#e07a1f", "#b22")  # the partners drawn, in the order of their codes


def partner_shares_over_time(con, axes) -> str:
    """ASEAN's, the EU's and the US's share of China's trade, year to date, month by month (the partners are those of
    the model)."""
    data = rows(con, "select * from reporting.rpt_chart_partner_shares_over_time order by period_month")
    partners = sorted({r["partner_code"] for r in data})
    if len(partners) > len(SHARE_COLOURS):
        raise ValueError(f"report: {len(partners)} partners in rpt_chart_partner_shares_over_time, colours for "
                         f"{len(SHARE_COLOURS)}; add colours to SHARE_COLOURS")
    for partner, colour in zip(partners, SHARE_COLOURS):
        points = [r for r in data if r["partner_code"] == partner]
        months, values = with_gaps(points, "share_pct")
        axes.plot(months, values, color=colour, label=partner)
        mark_points(axes, points, "period_month", "share_pct", colour, 6)
    month_axis(axes)
    axes.set_ylabel("share of China's total trade, percent")
    axes.set_title("Partner shares, year to date")
    method_legend(axes, data, loc="lower left", bbox_to_anchor=(0.12, 0), fontsize="small")
    axes.legend(frameon=False, loc="lower left", fontsize="small")
    first, last = (data[0]["period_month"], data[-1]["period_month"]) if data else (None, None)
    return (f"Each partner's share of China's trade from January to the month, {first:%Y-%m} to {last:%Y-%m}: the "
            "share the source printed (filled), else computed from the yuan values of the partner and of China "
            "(hollow). A break in a line is a month no source covers."
            if data else "No partner shares in the warehouse.")


def us_export_growth(con, axes) -> str:
    """China's exports to the United States, year on year, month by month."""
    data = rows(con, "select * from reporting.rpt_chart_us_export_growth order by period_month")
    # one bar per month printed; a month between without one is a gap (no bar), never a bar of zero
    mark_bars(axes, data, "period_month", "yoy_pct", lambda r: "#3a9a4a" if r["yoy_pct"] >= 0 else "#b22")
    axes.axhline(0, color="#999", linewidth=0.8)
    month_axis(axes)
    axes.set_ylabel("year on year, percent")
    axes.set_title("China's exports to the United States, year on year")
    method_legend(axes, data, bars=True, loc="lower left", fontsize="small")
    first, last = (data[0]["period_month"], data[-1]["period_month"]) if data else (None, None)
    computed = sum(r["method"] == "computed" for r in data)
    computed_note = (f"; {computed} month(s) computed from published dollar values where no rate was printed "
                     "(hatched)" if computed else "")
    return (f"Growth of China's exports to the US on the same month a year earlier, {first:%Y-%m} to {last:%Y-%m}, "
            f"as the sources reported it (dollar terms, or unstated){computed_note}. A month without a bar is a "
            "month no source printed; January-February, published as one period, is not drawn."
            if data else "No figures.")


def vehicle_exports(con, axes) -> str:
    """CAAM's monthly vehicle exports."""
    data = rows(con, "select * from reporting.rpt_chart_vehicle_exports order by period_month")
    mark_bars(axes, data, "period_month", "month_vehicles_thousands", lambda r: "#1f6f8b")
    month_axis(axes)
    axes.set_ylabel("thousand vehicles")
    axes.set_title("Vehicle exports per month (CAAM)")
    method_legend(axes, data, bars=True, loc="upper left", fontsize="small")
    span = f", {data[0]['period_month']:%Y-%m} to {data[-1]['period_month']:%Y-%m}" if data else ""
    derived = sum(r["method"] != "published" for r in data)
    return (f"CAAM's monthly vehicle exports (manufacturers' wholesale, all segments){span}: published (solid), "
            f"{derived} derived from year-to-date totals (hatched). Missing months are gaps (no bar).")


# name, title, drawing, panels, and the figure's size in inches for a wide screen and for a phone. A phone gets a
# figure of its own, narrower and taller, rather than the wide one shrunk until its labels cannot be read; the
# panels of a two-panel chart are stacked.
CHARTS = [
    ("monthly_trade", "Monthly trade", monthly_trade, 2, (11, 8.5), (4.8, 8.5)),
    ("ytd_surplus", "Year-to-date surplus against the record", ytd_surplus, 1, (8, 4.5), (4.8, 4.2)),
    ("partner_shares", "Partner shares", partner_shares, 1, (8, 4), (4.8, 4.2)),
    ("partner_growth", "Growth by partner", partner_growth, 1, (8, 4), (4.8, 4.2)),
    ("partner_shares_over_time", "Partner shares over time", partner_shares_over_time, 1, (10, 4), (4.8, 3.8)),
    ("us_export_growth", "Exports to the US, year on year", us_export_growth, 1, (10, 4), (4.8, 3.8)),
    ("vehicle_exports", "Vehicle exports", vehicle_exports, 1, (10, 4), (4.8, 3.8)),
]
PHONE_WIDTH_PX = 640  # at or below this width the page shows the phone figures


def render(con, out: Path) -> list[tuple[str, str, Path, Path]]:
    """Each chart twice, wide (name.png) and for a phone (name_phone.png), from the same drawing."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for name, title, draw, panels, wide_size, phone_size in CHARTS:
        pngs = []
        for png, size in ((out / f"{name}.png", wide_size), (out / f"{name}_phone.png", phone_size)):
            figure, axes = plt.subplots(panels, 1, figsize=size, layout="constrained", sharex=True)
            caption = draw(con, axes)
            figure.savefig(png, dpi=110)
            plt.close(figure)
            pngs.append(png)
            print(f"  {png}", flush=True)
        made.append((title, caption, *pngs))
    return made


def data_uri(png: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode("ascii")


def page(charts, build: dict) -> str:
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<title>China trade warehouse: charts</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:1250px;margin:2em auto;padding:0 1em;color:#222}"
        "img{max-width:100%;border:1px solid #ddd}p.caption{color:#555;max-width:60em}"
        "footer{color:#777;font-size:0.9em;margin-top:3em}</style></head><body>",
        "<h1>China's foreign trade: charts</h1>",
        f"<p>Built from warehouse version {html.escape(build['version_id'])} ({html.escape(build['built_at'])},"
        f" validation {html.escape(build['validation_outcome'])}). Every point is a published observation, derived"
        " from published ones or converted between currencies, and the charts mark which; sources are in"
        " <code>marts.fct_observations</code>.</p>",
    ]
    for title, caption, wide, phone in charts:
        parts.append(f"<h2>{html.escape(title)}</h2><picture>"
                     f"<source media='(max-width: {PHONE_WIDTH_PX}px)' srcset='{data_uri(phone)}'>"
                     f"<img alt='{html.escape(title)}' src='{data_uri(wide)}'></picture>")
        parts.append(f"<p class='caption'>{html.escape(caption)} (<code>{wide.name}</code>)</p>")
    parts.append("<footer>china-trade-warehouse, scripts/report.py</footer></body></html>")
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=published_path())
    parser.add_argument("--out", type=Path, help="folder for index.html and the PNGs (default: beside the file, report/)")
    args = parser.parse_args()
    if not args.warehouse.is_file():
        print(f"report: no warehouse at {args.warehouse}; run make build first", file=sys.stderr)
        return 1
    out = args.out or args.warehouse.parent / "report"
    print(f"Drawing {len(CHARTS)} charts from {args.warehouse}", flush=True)
    try:
        with duckdb.connect(str(args.warehouse), read_only=True) as con:
            build = rows(con, "select version_id, built_at::varchar as built_at, validation_outcome"
                              " from provenance.build")[0]
            charts = render(con, out)
    except duckdb.Error as error:
        print(f"report: {damaged(args.warehouse, error)}", file=sys.stderr)
        return 1
    (out / "index.html").write_text(page(charts, build), encoding="utf-8")
    print(f"Report: {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
