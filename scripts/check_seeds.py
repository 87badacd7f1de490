"""Check every seed CSV before dbt loads it, and name the file, line and column of each fault.

The rules are not written here a second time: column types come from the seeds' `+column_types` in
dbt_project.yml, and the checks from the data tests declared on the sources in models/staging/*/_*__sources.yml
(not_null, unique, accepted_values, relationships, unique_combination_of_columns, expression_is_true) plus each
column's `meta: {format: ...}` (number, period, month). dbt runs the same declared tests again on the loaded tables.
An expression_is_true test is evaluated by DuckDB over the CSV text, so its expression must read the columns as
text (try_cast where it needs a number); its `config.meta.column` and `config.meta.fault` word the message.

Usage: python scripts/check_seeds.py [--project-dir DIR]      exit 0 when clean, 1 with a list of faults
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import yaml

NUMBER = re.compile(r"-?\d+(\.\d+)?")
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
# period text allowed for each period_basis (the same grammar as macros/period_bounds.sql)
PERIOD_BY_BASIS = {
    "month": re.compile(r"\d{4}-((0[1-9]|1[0-2])|01/02)"),
    "ytd": MONTH,
    "quarter": re.compile(r"\d{4}-Q[1-4]"),
    "half_year": re.compile(r"\d{4}-H[12]"),
    "year": re.compile(r"\d{4}"),
}
SOURCE_REF = re.compile(r"""source\(\s*['"](\w+)['"]\s*,\s*['"](\w+)['"]\s*\)""")
MAX_REPORTED = 200


@dataclass
class Table:
    name: str
    path: Path  # relative to the project, as printed in messages
    column_types: dict[str, str]
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (line number, row)


def load_column_types(project_dir: Path) -> dict[str, dict[str, str]]:
    """Seed name -> {column: type}, from the nested seeds config of dbt_project.yml."""
    config = yaml.safe_load((project_dir / "dbt_project.yml").read_text())
    found: dict[str, dict[str, str]] = {}

    def walk(node: dict) -> None:
        for key, value in node.items():
            if isinstance(value, dict):
                if "+column_types" in value:
                    found[key] = {c: str(t).lower() for c, t in value["+column_types"].items()}
                walk(value)

    walk(config.get("seeds", {}))
    return found


def load_source_tables(project_dir: Path) -> dict[str, dict]:
    """Table name -> its declaration (columns and data tests) from every sources file under models/."""
    tables = {}
    for path in sorted(project_dir.glob("models/**/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text()).get("sources", []):
            for table in source.get("tables", []):
                tables[table["name"]] = table
    return tables


def read_csv(table: Table, project_dir: Path, faults: list[str]) -> None:
    where = table.path.as_posix()
    expected = list(table.column_types)
    data = (project_dir / table.path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        position = data[line_start:error.start].count(b",")  # the field, unless a quoted comma precedes it
        column = f"column {expected[position]!r}" if position < len(expected) else f"column {position + 1}"
        line = data.count(b"\n", 0, error.start) + 1
        faults.append(
            f"{where}, line {line}, {column}: not UTF-8 text"
            f" (byte {error.start}: {error.reason}); save the file as UTF-8"
        )
        return
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, strict=True)
    record_start = 1
    try:
        table.header = next(reader, [])
        if not table.header:
            faults.append(f"{where}, line 1: the file is empty; expected a header row")
            return
        if table.header != expected:
            position = next(i for i, (a, b) in enumerate(zip(table.header + [""] * len(expected), expected)) if a != b)
            found = table.header[position] if position < len(table.header) else "nothing"
            faults.append(
                f"{where}, line 1, column {position + 1} ({found!r}): the header does not match the declared"
                f" columns, which expect {expected[position]!r} here (declared order: {expected})"
            )
            return
        record_start = reader.line_num + 1
        for values in reader:
            line = record_start
            record_start = reader.line_num + 1
            if values == []:
                continue
            if len(values) < len(expected):
                faults.append(
                    f"{where}, line {line}, column {expected[len(values)]!r}: missing; the row has"
                    f" {len(values)} fields where the header has {len(expected)}"
                )
            elif len(values) > len(expected):
                faults.append(
                    f"{where}, line {line}, column {len(expected) + 1}: unexpected; the row has"
                    f" {len(values)} fields where the header has {len(expected)}"
                )
            else:
                table.rows.append((line, dict(zip(expected, values))))
    except csv.Error as error:
        position = quoting_fault_position("".join(lines[record_start - 1:]))
        column = ""
        if position is not None:
            column = f", column {expected[position]!r}" if position < len(expected) else f", column {position + 1}"
        faults.append(f"{where}, line {record_start}{column}: malformed CSV ({error})")


def quoting_fault_position(record: str) -> int | None:
    """The 0-based field of a record where its quoting breaks: a quote never closed, or text after a closing quote."""
    field, i = 0, 0
    at_field_start = True
    while i < len(record):
        char = record[i]
        if at_field_start and char == '"':
            close = i + 1
            while True:
                close = record.find('"', close)
                if close == -1:
                    return field
                if record[close + 1:close + 2] == '"':  # an escaped quote inside the field
                    close += 2
                    continue
                break
            i = close + 1
            if i < len(record) and record[i] not in ",\r\n":
                return field
            at_field_start = False
            continue
        if char == ",":
            field, at_field_start = field + 1, True
        elif char == "\n":
            return None
        else:
            at_field_start = False
        i += 1
    return None


def cell_fault(value: str, declared_type: str) -> str | None:
    """Why a non-empty cell cannot be read as its declared column type, or None."""
    if declared_type.startswith(("decimal", "double", "float")) and not NUMBER.fullmatch(value):
        return f"{value!r} is not a number"
    if declared_type in ("integer", "bigint") and not re.fullmatch(r"-?\d+", value):
        return f"{value!r} is not a whole number"
    if declared_type == "boolean" and value.lower() not in ("true", "false"):
        return f"{value!r} is not true or false"
    if declared_type == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a date (YYYY-MM-DD)"
    return None


def format_fault(value: str, fmt: str, row: dict[str, str]) -> str | None:
    if fmt == "number" and not NUMBER.fullmatch(value):
        return f"{value!r} is not a number"
    if fmt == "month" and not MONTH.fullmatch(value):
        return f"{value!r} is not a month (YYYY-MM)"
    if fmt == "period":
        basis = row.get("period_basis", "")
        pattern = PERIOD_BY_BASIS.get(basis)
        if pattern is None or not pattern.fullmatch(value):
            return f"{value!r} is not a valid period for period_basis {basis!r}"
    return None


def test_kwargs(test: dict | str) -> tuple[str, dict]:
    if isinstance(test, str):
        return test, {}
    name, kwargs = next(iter(test.items()))
    kwargs = kwargs or {}
    return name, kwargs.get("arguments", kwargs)


def test_meta(test: dict | str) -> dict:
    if isinstance(test, str):
        return {}
    return (next(iter(test.values())) or {}).get("config", {}).get("meta", {})


def failing_lines(table: Table, expression: str) -> list[tuple[int, str]]:
    """(line, row as text) of every row where the SQL expression is not true, the columns read as CSV text."""
    with duckdb.connect() as con:
        columns = ", ".join(f'"{c}" varchar' for c in table.header)
        con.execute(f"create table seed (_line integer, {columns})")
        con.executemany(
            f"insert into seed values ({', '.join('?' * (len(table.header) + 1))})",
            [(line, *(row[c] for c in table.header)) for line, row in table.rows],
        )
        return con.execute(
            f"select _line from seed where not coalesce(({expression}), false) order by _line"
        ).fetchall()


def check_table(table: Table, declaration: dict, tables: dict[str, Table], faults: list[str]) -> None:
    where = table.path.as_posix()
    columns = {c["name"]: c for c in declaration.get("columns", [])}
    for line, row in table.rows:
        for column, declared_type in table.column_types.items():
            value = row[column]
            if value == "":
                continue
            reason = cell_fault(value, declared_type)
            fmt = columns.get(column, {}).get("meta", {}).get("format")
            reason = reason or (format_fault(value, fmt, row) if fmt else None)
            if reason:
                faults.append(f"{where}, line {line}, column {column!r}: {reason}")

    for column, spec in columns.items():
        for test in spec.get("data_tests", []):
            name, kwargs = test_kwargs(test)
            if name == "not_null":
                for line, row in table.rows:
                    if row.get(column, "") == "":
                        faults.append(f"{where}, line {line}, column {column!r}: empty, but a value is required")
            elif name == "unique":
                seen: dict[str, int] = {}
                for line, row in table.rows:
                    value = row.get(column, "")
                    if value in seen:
                        faults.append(
                            f"{where}, line {line}, column {column!r}: {value!r} repeats line {seen[value]}"
                        )
                    seen.setdefault(value, line)
            elif name == "accepted_values":
                allowed = {str(v) for v in kwargs["values"]}
                for line, row in table.rows:
                    value = row.get(column, "")
                    if value != "" and value not in allowed:
                        faults.append(
                            f"{where}, line {line}, column {column!r}: {value!r} is not one of {sorted(allowed)}"
                        )
            elif name == "relationships":
                match = SOURCE_REF.search(kwargs["to"])
                target = tables.get(match.group(2)) if match else None
                if target is None:
                    faults.append(f"{where}: column {column!r} refers to {kwargs['to']}, which is not a seed here")
                    continue
                known = {r[kwargs["field"]] for _, r in target.rows}
                for line, row in table.rows:
                    value = row.get(column, "")
                    if value != "" and value not in known:
                        faults.append(
                            f"{where}, line {line}, column {column!r}: {value!r} is unknown"
                            f" (not a {kwargs['field']} in {target.path.as_posix()})"
                        )

    rows_by_line = dict(table.rows)
    for test in declaration.get("data_tests", []):
        name, kwargs = test_kwargs(test)
        if name == "expression_is_true" and table.rows:
            meta = test_meta(test)
            column = meta.get("column", "?")
            fault = meta.get("fault", f"breaks the rule {kwargs['expression']}")
            for (line,) in failing_lines(table, kwargs["expression"]):
                value = rows_by_line[line].get(column, "")
                faults.append(f"{where}, line {line}, column {column!r}: {value!r}: {fault}")
        if name == "unique_combination_of_columns":
            key_columns = kwargs["combination_of_columns"]
            seen_keys: dict[tuple, int] = {}
            for line, row in table.rows:
                key = tuple(row.get(c, "") for c in key_columns)
                if key in seen_keys:
                    faults.append(
                        f"{where}, line {line}, columns {key_columns}: duplicate observation of line {seen_keys[key]}"
                    )
                seen_keys.setdefault(key, line)


def check_seeds(project_dir: Path) -> list[str]:
    faults: list[str] = []
    column_types = load_column_types(project_dir)
    declarations = load_source_tables(project_dir)
    tables: dict[str, Table] = {}
    for path in sorted(project_dir.glob("seeds/**/*.csv")):
        name = path.stem
        if name not in column_types:
            faults.append(f"{path.as_posix()}: no +column_types declared for seed {name!r} in dbt_project.yml")
            continue
        table = Table(name=name, path=path.relative_to(project_dir), column_types=column_types[name])
        read_csv(table, project_dir, faults)
        tables[name] = table
    for name in column_types:
        if name not in tables:
            faults.append(f"seeds: the declared seed {name!r} has no CSV file")
    for name, table in tables.items():
        if name not in declarations:
            faults.append(f"{table.path.as_posix()}: seed {name!r} is not declared as a source table")
            continue
        check_table(table, declarations[name], tables, faults)
    return faults


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project-dir", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    faults = check_seeds(args.project_dir.resolve())
    if faults:
        print(f"Seed check failed: {len(faults)} fault(s); nothing was loaded.", file=sys.stderr)
        for fault in faults[:MAX_REPORTED]:
            print(f"  {fault}", file=sys.stderr)
        if len(faults) > MAX_REPORTED:
            print(f"  ... and {len(faults) - MAX_REPORTED} more", file=sys.stderr)
        return 1
    print("Seed check passed: every seed matches its declared columns, types and tests.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
