"""Run the expectation suites in expectations/ against a built warehouse, inside DuckDB (GX's SQL path).

Each suite file names the table it validates, its expectations (Great Expectations types and arguments) and, per
expectation, `meta.key` (a stable name) and `meta.severity`: an `error` fails the run, a `warning` lists
disagreements without failing it, and `asset`, the relation it reads as `schema.table`: an audit view (models/audit/,
where the SQL a check needs lives, its tolerances joined from seeds/reference/ref_check_parameters.csv) or a mart. A
query selects from `{batch}`, that asset, in one line. A suite marked `with_detail_only` runs only when
CTW_WITH_DETAIL=1.

Prints a short table of every expectation that did not pass and writes a self-contained HTML report.

Usage: python scripts/validate.py [--warehouse FILE] [--report FILE] [--suites DIR] [--results FILE]
--results writes every outcome as JSON (scripts/build.py records them in the warehouse's provenance tables).
Exit: 0 when no error-level expectation fails, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import decimal
import html
import json
import logging
import math
import re
import sys
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import yaml

from ctw import config
from ctw.config import PROJECT_DIR, published_path

EXAMPLE_WIDTH = 110  # characters of an offending row shown in the terminal
ROWS_IN_REPORT = 50


@dataclass
class Outcome:
    suite: str
    key: str
    severity: str
    description: str
    expected: str
    success: bool
    found: str = ""
    rows: list[dict] = field(default_factory=list)
    asset: str = ""  # the relation the expectation reads: where every offending row can be read

    @property
    def status(self) -> str:
        return "pass" if self.success else ("FAIL" if self.severity == "error" else "warn")

    @property
    def offending(self) -> int:
        """How many rows the check found ('260 offending row(s)'), however many GX returned (at most 200)."""
        first = self.found.split()[0] if self.found else ""
        return int(first) if first.isdigit() else len(self.rows)


class SuiteError(ValueError):
    """The suite files do not match expectations/registry.yml, or cannot be read; the message names each file."""


REGISTRY = "registry.yml"
PARAMETERS = PROJECT_DIR / "seeds" / "reference" / "ref_check_parameters.csv"
NOT_SUITES = (REGISTRY,)


def read_yaml(path: Path, where: str) -> dict:
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise SuiteError(f"{where}: not readable: {' '.join(str(error).split())}") from None
    if not isinstance(spec, dict):
        raise SuiteError(f"{where}: not readable: expected a mapping at the top")
    return spec


def read_registry(suites_dir: Path) -> dict:
    """expectations/registry.yml: `suites` (suite -> expectation key -> severity) and `check_parameters` (name ->
    the value each tolerance must have)."""
    registry = suites_dir / REGISTRY
    if not registry.is_file():
        raise SuiteError(f"{registry}: missing; it declares the suites and expectations every validation runs")
    content = read_yaml(registry, str(registry))
    if not isinstance(content, dict) or not isinstance(content.get("suites"), dict) \
            or not isinstance(content.get("check_parameters"), dict):
        raise SuiteError(f"{registry}: must hold `suites` (suite: key: severity) and `check_parameters` (name: value)")
    return content


def registered_suites(suites_dir: Path) -> dict[str, dict[str, str]]:
    """Suite name -> each expectation key it must hold -> the severity pinned for it, from expectations/registry.yml."""
    return read_registry(suites_dir)["suites"]


def unpinned_parameters(suites_dir: Path, parameters: Path = PARAMETERS) -> list[str]:
    """Every check parameter whose value in the seed differs from the value registry.yml pins (or that only one of
    them holds), one line each naming both files. The months the completeness suite expects are not pinned."""
    pinned = read_registry(suites_dir)["check_parameters"]
    with parameters.open(encoding="utf-8", newline="") as handle:
        seeded = {row["parameter_name"]: row["value_number"] for row in csv.DictReader(handle) if row["value_number"]}
    where = f"{parameters.relative_to(PROJECT_DIR) if parameters.is_relative_to(PROJECT_DIR) else parameters}"
    problems = []
    for name in sorted(set(pinned) | set(seeded)):
        if name not in seeded:
            problems.append(f"{where}: holds no value for {name}, which {REGISTRY} pins at {pinned[name]}")
        elif name not in pinned:
            problems.append(f"{where}: {name} = {seeded[name]} is not pinned in {REGISTRY} (add it there)")
        elif decimal.Decimal(seeded[name]) != decimal.Decimal(str(pinned[name])):
            problems.append(f"{where}: {name} = {seeded[name]}, where {REGISTRY} pins {pinned[name]}: change both in"
                            " one review, or neither")
    return problems


def load_suites(suites_dir: Path, only_with_detail: bool = False, parameters: Path = PARAMETERS) -> list[dict]:
    """Every registered suite, checked against the registry (only the with_detail_only ones if asked). Raises
    SuiteError naming every file that is missing, unregistered, unreadable or holds other expectations than the
    registry declares or another severity than it pins, every expectation without a severity or an asset, and every
    check parameter whose value in the seed (parameters) is not the one the registry pins."""
    registry = registered_suites(suites_dir)
    problems, suites = [], []
    for path in sorted(suites_dir.glob("*.yml")):
        if path.name not in NOT_SUITES and path.stem not in registry:
            problems.append(f"{path}: a suite file that {REGISTRY} does not declare (renamed, or not registered?)")
    for name, keys in registry.items():
        path = suites_dir / f"{name}.yml"
        if not path.is_file():
            problems.append(f"{path}: missing; {REGISTRY} declares suite {name!r} (renamed or deleted?)")
            continue
        try:
            spec = read_yaml(path, str(path))
            found = [e.get("meta", {}).get("key") for e in spec.get("expectations", [])]
        except (SuiteError, AttributeError, TypeError) as error:
            problems.append(str(error) if isinstance(error, SuiteError) else f"{path}: not readable: {error}")
            continue
        if spec.get("name") != name or sorted(found) != sorted(keys):
            problems.append(
                f"{path}: holds suite {spec.get('name')!r} with expectations {sorted(map(str, found))}; {REGISTRY}"
                f" declares suite {name!r} with {sorted(keys)}")
            continue
        for expectation in spec["expectations"]:  # every suite's, also those this build does not run
            key, severity = expectation.get("meta", {}).get("key"), expectation.get("meta", {}).get("severity")
            if severity in ("error", "warning") and severity != keys[key]:
                problems.append(f"{path}: {key}: severity {severity}, where {REGISTRY} pins {keys[key]}: change"
                                " both in one review, or neither")
        if spec.get("with_detail_only") and not config.with_detail():
            continue  # the build holds no detailed data (see dbt_project.yml)
        if only_with_detail and not spec.get("with_detail_only"):
            continue
        for expectation in spec["expectations"]:
            meta = expectation.setdefault("meta", {})
            if meta.get("severity") not in ("error", "warning"):
                problems.append(f"{path}: {meta.get('key')}: meta.severity must be error or warning")
            if not re.fullmatch(r"\w+\.\w+", str(expectation.get("asset", ""))):
                problems.append(f"{path}: {meta.get('key')}: asset must name the relation it reads, as schema.table")
        spec["path"] = path
        suites.append(spec)
    problems += unpinned_parameters(suites_dir, parameters)
    if problems:
        raise SuiteError("; ".join(problems))
    return suites


def declared_count(suites: list[dict]) -> int:
    return sum(len(spec["expectations"]) for spec in suites)


def describe_expected(expectation: dict) -> str:
    kwargs = expectation["kwargs"]
    if expectation["type"] == "unexpected_rows_expectation":
        return kwargs.get("description", "no offending rows")
    if expectation["type"] == "expect_column_values_to_be_between":
        return f"{kwargs['column']} between {kwargs.get('min_value')} and {kwargs.get('max_value')}"
    return f"{expectation['type']}({kwargs})"


def raised(exception_info: dict | None) -> str | None:
    """The message of an exception GX caught while computing an expectation, or None. GX gives it flat, or as one
    entry per metric (keyed by the metric's id) when a metric's query failed."""
    entries = [exception_info] if exception_info and "raised_exception" in exception_info else (
        list((exception_info or {}).values()))
    messages = [" ".join(str(entry.get("exception_message")).split()) for entry in entries
                if isinstance(entry, dict) and entry.get("raised_exception")]
    # once a query failed on the connection, the expectation's later queries say only that the transaction is aborted
    causes = [message for message in messages if "Current transaction is aborted" not in message]
    return (causes or messages or [None])[0]


def row_order(row: dict) -> tuple:
    """A sort key for offending rows: column by column, numbers by value, anything else by its text, nulls last.
    GX returns the rows in the order DuckDB's parallel scan yields them, which varies from one run to the next."""
    def key(value):
        if value is None:
            return (2, 0.0, "")
        if isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool):
            return (0, float(value), "")
        return (1, 0.0, str(value))
    return tuple(key(value) for value in row.values())


def outcome_of(suite: str, expectation: dict, result) -> Outcome:
    meta = expectation["meta"]
    outcome = Outcome(
        suite=suite,
        key=meta["key"],
        severity=meta["severity"],
        description=expectation["kwargs"].get("description", ""),
        expected=describe_expected(expectation),
        success=bool(result.success),
        asset=expectation.get("asset", ""),
    )
    failure = raised(result.exception_info)
    if failure is not None:
        outcome.success = False
        outcome.severity = "error"  # a check that cannot run is never a pass, nor a warning
        outcome.found = f"could not run: {failure}"
        return outcome
    details = result.result or {}
    if expectation["type"] == "unexpected_rows_expectation":
        outcome.rows = sorted(details.get("details", {}).get("unexpected_rows", []), key=row_order)
        outcome.found = f"{details.get('observed_value', len(outcome.rows))} offending row(s)"
    else:
        values = details.get("partial_unexpected_list") or []
        outcome.rows = [{expectation["kwargs"].get("column", "value"): v} for v in values]
        outcome.found = f"{details.get('unexpected_count', 0)} of {details.get('element_count', 0)} values outside"
    return outcome


def run_suites(warehouse: Path, suites: list[dict]) -> list[Outcome]:
    """Validate each suite's table with Great Expectations, every metric computed by SQL inside DuckDB."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    from ctw.validate.gx_duckdb import enable_sql_pushdown

    enable_sql_pushdown()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)

    def connected(number: int):
        return context.data_sources.add_sql(
            name=f"warehouse_{number}",
            connection_string=f"duckdb:///{warehouse}",
            kwargs={"connect_args": {"read_only": True}},
        )

    datasources = [connected(0)]
    outcomes, batches = [], {}
    for spec in suites:
        # GX validates a suite against one batch: the expectations are validated in groups by the relation they read
        by_key = {}
        for relation in dict.fromkeys(e["asset"] for e in spec["expectations"]):
            if relation not in batches:
                schema, table = relation.split(".")
                asset = datasources[-1].add_table_asset(name=relation, table_name=table, schema_name=schema)
                batches[relation] = asset.add_batch_definition_whole_table("whole_table").get_batch()
            expectations = [{k: e[k] for k in ("type", "kwargs", "meta")}
                            for e in spec["expectations"] if e["asset"] == relation]
            suite = gx.ExpectationSuite(name=f"{spec['name']}:{relation}", expectations=expectations)
            results = batches[relation].validate(suite, result_format="COMPLETE").results
            by_key.update({r.expectation_config.meta["key"]: r for r in results})
            if any(raised(r.exception_info) for r in results):
                # a failed query leaves GX's one persisted connection in an aborted transaction: the next relations
                # get a connection of their own, so that one broken check does not fail every check after it
                datasources.append(connected(len(datasources)))
                batches.clear()
        for expectation in spec["expectations"]:
            outcome = outcome_of(spec["name"], expectation, by_key[expectation["meta"]["key"]])
            if "Current transaction is aborted" in outcome.found:
                outcome.found = f"could not run: {cause_of_failure(datasources[-1].get_engine(), expectation)}"
            outcomes.append(outcome)
    return outcomes


def cause_of_failure(engine, expectation: dict) -> str:
    """Why an expectation's query failed, where GX reports only the aborted transaction an earlier metric query of
    the same expectation left behind: the query run again on a fresh connection (a SQLAlchemy engine of GX's)."""
    import sqlalchemy

    query = expectation["kwargs"].get("unexpected_rows_query") or "select * from {batch}"
    try:
        with engine.connect() as connection:
            connection.execute(sqlalchemy.text(query.replace("{batch}", expectation["asset"]))).fetchall()
    except sqlalchemy.exc.DBAPIError as error:
        return " ".join(str(error.orig).split())
    return "an earlier query on its connection failed (GX reports no more)"


def compact(row: dict) -> str:
    return "{" + ", ".join(f"{k}={number(v, k) if is_number(v) else v}" for k, v in row.items()) + "}"


def print_table(outcomes: list[Outcome]) -> None:
    failing = [o for o in outcomes if not o.success]
    errors = sum(o.status == "FAIL" for o in outcomes)
    warned = sum(o.status == "warn" for o in outcomes)
    print(f"Expectations: {len(outcomes)} checked, {len(outcomes) - len(failing)} passed, "
          f"{errors} failed (error), {warned} with warnings")
    if not failing:
        return
    # one short line per expectation, then its first offending row cut to the terminal's width: the report holds
    # every row, formatted (a line of 1,000 characters helps nobody)
    header = ("level", "suite", "expectation", "found")
    lines = [header]
    examples = []
    for o in sorted(failing, key=lambda o: (o.status != "FAIL", o.suite, o.key)):
        lines.append((o.status, o.suite, o.key, o.found))
        first = compact(o.rows[0]) if o.rows else ""
        examples.append(first if len(first) <= EXAMPLE_WIDTH else first[:EXAMPLE_WIDTH - 3] + "...")
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    for index, line in enumerate(lines):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip())
        if index and examples[index - 1]:
            print(f"    e.g. {examples[index - 1]}")
    print("Every offending row, and what each expectation checks: the validation report (path below).")


REPORT_STYLE = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 1200px;
       color: #1d2430; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid #e3e7ee; }
.meta { color: #5b6473; } .summary { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.card { border-radius: 8px; padding: .7rem 1rem; min-width: 8rem; background: #f4f6f9; }
.card b { display: block; font-size: 1.5rem; }
.pass { color: #17693a; } .warn { color: #8a5a00; } .FAIL { color: #b3261e; }
.badge { display: inline-block; border-radius: 4px; padding: 0 .45rem; font-weight: 600; font-size: .8rem;
         background: #eef1f5; }
.badge.pass { background: #dff3e6; } .badge.warn { background: #fff1d6; } .badge.FAIL { background: #fbe0de; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: 13px; }
th, td { border-bottom: 1px solid #e3e7ee; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f6f9; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
details { margin: .2rem 0 1rem; } summary { cursor: pointer; color: #33507a; }
.rows { overflow-x: auto; max-width: 100%; }
.rows table { width: auto; min-width: 100%; font-size: 12px; }
.rows th, .rows td { padding: .25rem .3rem; }
td.num, .badge { white-space: nowrap; }
@media (max-width: 700px) { body { margin: .6rem; } table { font-size: 11px; } th, td { padding: .2rem .3rem; } }
"""


def breakable(text: str) -> str:
    """Escaped, with a line break allowed after each underscore: long names and ids wrap instead of widening the
    table past the page."""
    return html.escape(text).replace("_", "_<wbr>")


def is_number(value) -> bool:
    return isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool)


def number(value, column: str) -> str:
    """A value as a person reads it: money in trillions, billions or millions with the unit word, counts (vehicles,
    rows, lines) as whole numbers, rates and shares to at most four decimals; never an exponent."""
    value = float(value)
    if math.isnan(value):
        return "NaN"
    name = column.lower()
    if any(word in name for word in ("pct", "rate", "per_usd", "ratio", "share")):
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    if any(word in name for word in ("vehicle", "count", "rows", "lines", "periods", "figures", "units")):
        return f"{value:,.0f}"
    for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= scale:
            return f"{value / scale:,.3f} {word}"
    return f"{value:,.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"


def render_report(outcomes: list[Outcome], warehouse: Path) -> str:
    def cell(value, column: str) -> str:
        return f'<td class="num">{number(value, column)}</td>' if is_number(value) else (
            f"<td>{breakable(str(value))}</td>")

    counts = {s: sum(o.status == s for o in outcomes) for s in ("pass", "warn", "FAIL")}
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<title>china-trade-warehouse: validation report</title>",
        f"<style>{REPORT_STYLE}</style></head><body>",
        "<h1>Validation report</h1>",
        f"<p class='meta'>Warehouse {html.escape(warehouse.name)} &middot; generated {generated} &middot; "
        "Great Expectations suites from expectations/, run as SQL inside DuckDB. Errors stop a build; warnings list "
        "disagreements between sources, vintages and computed figures, kept visible by design.</p>",
        "<div class='summary'>",
        f"<div class='card pass'><b>{counts['pass']}</b>passed</div>",
        f"<div class='card warn'><b>{counts['warn']}</b>warnings</div>",
        f"<div class='card FAIL'><b>{counts['FAIL']}</b>errors</div></div>",
    ]
    for suite in dict.fromkeys(o.suite for o in outcomes):
        parts.append(f"<h2>{html.escape(suite)}</h2>")
        parts.append("<table><tr><th>status</th><th>expectation</th><th>level</th><th>expected</th><th>found</th></tr>")
        suite_outcomes = [o for o in outcomes if o.suite == suite]
        for o in suite_outcomes:
            parts.append(
                f"<tr><td><span class='badge {o.status}'>{o.status}</span></td><td>{breakable(o.key)}</td>"
                f"<td>{o.severity}</td><td>{html.escape(o.expected)}</td><td>{html.escape(o.found)}</td></tr>"
            )
        parts.append("</table>")
        for o in suite_outcomes:
            if o.success or not o.rows:
                continue
            columns = list(dict.fromkeys(k for row in o.rows for k in row))
            shown = min(len(o.rows), ROWS_IN_REPORT)
            count = f"{o.offending} row(s)"
            if o.offending > shown:  # a cut list says so, and where every row compared is (its verdicts beside it)
                count = f"first {shown} of {o.offending} rows (each row compared, with its verdicts: {o.asset})"
            parts.append(f"<details open><summary>{html.escape(o.key)}: {html.escape(count)}</summary>"
                         "<div class='rows'><table><tr>")
            parts.extend(f"<th>{breakable(c)}</th>" for c in columns)
            parts.append("</tr>")
            for row in o.rows[:ROWS_IN_REPORT]:
                parts.append("<tr>" + "".join(cell(row.get(c, ""), c) for c in columns) + "</tr>")
            parts.append("</table></div></details>")
    parts.append("</body></html>")
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=published_path())
    parser.add_argument("--report", type=Path, help="HTML report path (default: beside the warehouse file)")
    parser.add_argument("--suites", type=Path, default=PROJECT_DIR / "expectations")
    parser.add_argument("--results", type=Path, help="write every outcome as JSON to this file")
    parser.add_argument("--only-with-detail", action="store_true",
                        help="only the suites of the detailed data (a detail-only update, scripts/build.py)")
    args = parser.parse_args()
    report = args.report or args.warehouse.with_name("validation_report.html")

    if not args.warehouse.is_file():
        print(f"validate: no warehouse file at {args.warehouse}; run make build first", file=sys.stderr)
        return 2
    logging.disable(logging.WARNING)  # GX logs the harmless pg_catalog probe of duckdb-engine at warning level
    warnings.filterwarnings("ignore")
    try:
        suites = load_suites(args.suites, args.only_with_detail)
    except SuiteError as error:
        print(f"validate: the suites do not match their registry: {error}", file=sys.stderr)
        return 1
    outcomes = run_suites(args.warehouse.resolve(), suites)
    if len(outcomes) != declared_count(suites):  # every declared expectation ran, or the run is not a validation
        print(f"validate: {len(outcomes)} expectations ran where {declared_count(suites)} are declared",
              file=sys.stderr)
        return 1
    print_table(outcomes)
    fields = ("suite", "key", "severity", "status", "description", "expected", "found")
    records = [{name: getattr(o, name) for name in fields} | {"offending_rows": len(o.rows)} for o in outcomes]
    writes = [(report, render_report(outcomes, args.warehouse))]
    writes += [(args.results, json.dumps(records, indent=1))] if args.results else []
    for path, text in writes:
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:  # a full disk, most likely: say so in one line
            print(f"validate: could not write {path}: {error.strerror or error}. Free space (or fix the folder) and "
                  "run again; nothing was published", file=sys.stderr)
            return 1
    if args.results and report.parent.name == "candidate":
        # a build's candidate: the build names the report where it ends up (published, or the kept candidate)
        print(f"Report written with the candidate ({report.name}).")
    else:
        print(f"Report: {report}")
    return 1 if any(o.status == "FAIL" for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
