"""Check every seed CSV before dbt loads it, and name the file, line and column of each fault.

The rules are not written here a second time: column types come from the seeds' `+column_types` in
dbt_project.yml, and the checks from the data tests declared on the sources in models/staging/*/_*__sources.yml
(not_null, unique, accepted_values, relationships, unique_combination_of_columns, expression_is_true) plus each
column's `meta: {format: ...}` (number, period, month). dbt runs the same declared tests again on the loaded tables.
An expression_is_true test is evaluated by DuckDB over the CSV text, so its expression must read the columns as
text (try_cast where it needs a number); its `config.meta.column` and `config.meta.fault` word the message.

The gate also loads what it checked: `--load FILE` writes every seed, as the rows it parsed and with the declared
column types, into its schema (the seed's `+schema`) in that DuckDB file. ctw.build loads the candidate so,
in-process; there is no second CSV parser between the check and the load, and no `dbt seed` in the build.

Usage: python scripts/check_seeds.py [--project-dir DIR] [--load FILE]   exit 0 when clean, 1 with a list of faults
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas
import yaml

from ctw.config import PROJECT_DIR

# ASCII digits only (\d would take full-width and other Unicode digits, which no cast downstream reads), and no more
# than the models' decimal(38, 6) holds: 32 digits before the point, 6 after
NUMBER = re.compile(r"-?[0-9]{1,32}(\.[0-9]{1,6})?")
NUMBER_RULE = "a number is ASCII digits, at most 32 before the point and 6 after"
WHOLE_NUMBER = re.compile(r"-?[0-9]{1,18}")
MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # date.fromisoformat also takes 20251208 and 2025-W49-1
VAR_REF = re.compile(r"""\{\{\s*var\(\s*['"](\w+)['"]\s*\)\s*\}\}""")
SOURCE_REF = re.compile(r"""source\(\s*['"](\w+)['"]\s*,\s*['"](\w+)['"]\s*\)""")
MAX_REPORTED = 200
# the data tests this gate evaluates on the CSV text; scripts/build.py then leaves the sources' tests out of dbt build
GATE_TESTS = {"not_null", "unique", "accepted_values", "relationships", "expression_is_true",
              "unique_combination_of_columns"}



def read_yaml(path: Path):
    """A YAML file parsed as yaml.safe_load parses it, by libyaml's C parser where PyYAML has it (ten times faster)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@dataclass
class Table:
    name: str
    path: Path  # relative to the project, as printed in messages
    column_types: dict[str, str]
    schema: str = "main"
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (line number, row)

    @property
    def staged(self) -> str:
        """The in-memory table holding the parsed rows as text, with their line numbers (column _line)."""
        return f'"seed__{self.name}"'


def load_seed_configs(project_dir: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """Seed name -> (schema, {column: type}), from the nested seeds config of dbt_project.yml."""
    config = read_yaml(project_dir / "dbt_project.yml")
    found: dict[str, tuple[str, dict[str, str]]] = {}

    def walk(node: dict, schema: str) -> None:
        schema = node.get("+schema", schema)
        for key, value in node.items():
            if isinstance(value, dict):
                if "+column_types" in value:
                    types = {c: str(t).lower() for c, t in value["+column_types"].items()}
                    found[key] = (value.get("+schema", schema), types)
                walk(value, schema)

    walk(config.get("seeds", {}), "main")
    return found


def load_source_tables(project_dir: Path) -> dict[str, dict]:
    """Table name -> its declaration (columns and data tests) from every sources file under models/."""
    tables = {}
    for path in sorted(project_dir.glob("models/**/_*__sources.yml")):
        for source in read_yaml(path).get("sources", []):
            for table in source.get("tables", []):
                tables[table["name"]] = table
    return tables


def look_alikes(code: str) -> str:
    """For a code with letters beyond ASCII, the words that name them: a Cyrillic 'А' prints like the Latin 'A', and
    "'АSEAN' is unknown" alone would leave the reader staring at a word that looks right."""
    foreign = [f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed')} at position {i + 1}"
               for i, c in enumerate(code) if not c.isascii()]
    return f"; it holds {', '.join(foreign)} (codes are ASCII)" if foreign else ""


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
    # lines as the CSV reader counts them: only \n, \r\n and \r end one (str.splitlines would also split on U+2028,
    # U+0085, vertical tab and form feed, inside a quoted field too, and every later line number would drift)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    record_start = 1
    try:
        table.header = next(reader, [])
        if not table.header:
            faults.append(f"{where}, line 1: the file is empty; expected a header row")
            return
        if table.header != expected:
            position = next((i for i, (a, b) in enumerate(zip(table.header, expected)) if a != b),
                            min(len(table.header), len(expected)))
            if position < len(expected):
                found = table.header[position] if position < len(table.header) else "nothing"
                faults.append(
                    f"{where}, line 1, column {position + 1} ({found!r}): the header does not match the declared"
                    f" columns, which expect {expected[position]!r} here (declared order: {expected})"
                )
            else:  # every declared column in place, and more after them
                faults.append(
                    f"{where}, line 1, column {position + 1} ({table.header[position]!r}): a column the declared"
                    f" columns do not have; they end with {expected[-1]!r} (declared order: {expected})"
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
        if str(error).startswith("field larger than field limit"):
            limit = csv.field_size_limit()
            line, column = locate_long_field(text, expected, limit)
            faults.append(f"{where}, line {line}{column}: a field of more than {limit:,} characters, the most a cell"
                          " may hold (a quote keeps the sentence that prints the figure, not the page)")
            return
        line, column = locate_malformed_record(project_dir / table.path, expected) or (record_start, "")
        faults.append(f"{where}, line {line}{column}: malformed CSV ({error})")


def locate_long_field(text: str, columns: list[str], limit: int) -> tuple[int, str]:
    """Where the first field longer than the CSV reader's limit is: (line, ", column ..."), read without the limit."""
    previous = csv.field_size_limit(sys.maxsize)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        line = 1
        for values in reader:
            for index, value in enumerate(values):
                if len(value) > limit:
                    return line, (f", column {columns[index]!r}" if index < len(columns) else f", column {index + 1}")
            line = reader.line_num + 1
    finally:
        csv.field_size_limit(previous)
    return 1, ""


def locate_malformed_record(path: Path, columns: list[str]) -> tuple[int, str] | None:
    """Where DuckDB's CSV reader, strict and told the header, rejects the first record: (line, ", column ...")."""
    spec = ", ".join("'{}': 'VARCHAR'".format(c.replace("'", "''")) for c in columns)
    source = str(path).replace("'", "''")
    with duckdb.connect() as con:
        try:
            con.execute(f"select count(*) from read_csv('{source}', header = true, columns = {{{spec}}},"
                        " delim = ',', quote = '\"', escape = '\"', auto_detect = false, strict_mode = true,"
                        " store_rejects = true)").fetchall()
            rejected = con.execute("select line, column_idx, column_name from reject_errors"
                                   " order by line, column_idx limit 1").fetchone()
        except duckdb.Error:
            return None
    if rejected is None:
        return None
    line, index, name = rejected
    return line, (f", column {name!r}" if name else f", column {index}")


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # control characters; tab, line feed, return excepted


def cell_fault(value: str, declared_type: str) -> str | None:
    """Why a non-empty cell cannot be read as its declared column type, or None."""
    control = CONTROL.search(value)
    if control:  # a NUL or other control byte is never part of a printed figure or a citation
        return f"holds the control character U+{ord(control.group()):04X} at position {control.start() + 1}"
    if declared_type.startswith(("decimal", "double", "float")) and not NUMBER.fullmatch(value):
        return f"{value!r} is not a number ({NUMBER_RULE})"
    if declared_type in ("integer", "bigint") and not WHOLE_NUMBER.fullmatch(value):
        return f"{value!r} is not a whole number (ASCII digits, at most 18)"
    if declared_type == "boolean" and value.lower() not in ("true", "false"):
        return f"{value!r} is not true or false"
    if declared_type == "date":
        try:
            if not ISO_DATE.fullmatch(value):
                raise ValueError(value)
            date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a date (YYYY-MM-DD)"
    return None


def format_fault(value: str, fmt: str, row: dict[str, str], grammar: dict[str, dict[str, str]]) -> str | None:
    if fmt == "number" and not NUMBER.fullmatch(value):
        return f"{value!r} is not a number ({NUMBER_RULE})"
    if fmt == "month" and not MONTH.fullmatch(value):
        return f"{value!r} is not a month (YYYY-MM)"
    if fmt == "period":
        basis = row.get("period_basis", "")
        if not any(re.fullmatch(form, value, re.ASCII) for form in grammar.get(basis, {}).values()):
            return f"{value!r} is not a valid period for period_basis {basis!r}"
    return None


def load_project_vars(project_dir: Path) -> dict:
    """The vars of dbt_project.yml: among them period_grammar (period_basis -> {form: regular expression}, which the
    models use too) and the SQL rules a source test names as {{ var('...') }}."""
    return read_yaml(project_dir / "dbt_project.yml")["vars"]


def render_vars(expression: str, project_vars: dict) -> str:
    """A test's expression with each {{ var('name') }} replaced as dbt renders it; KeyError names an unknown var."""
    return VAR_REF.sub(lambda match: str(project_vars[match.group(1)]), expression)


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


def stage(con: duckdb.DuckDBPyConnection, table: Table) -> None:
    """The parsed rows into an in-memory table of text columns plus _line, in one statement.

    The rows go through a pandas frame of Python strings, which DuckDB scans as they are (no CSV round trip that
    could reread a NUL byte or a line separator); bound parameters cost 2.5 times as much at this size.
    """
    columns = list(table.column_types)
    frame = pandas.DataFrame({"_line": [line for line, _ in table.rows],
                              **{c: [row[c] for _, row in table.rows] for c in columns}}, dtype=object)
    typed = ", ".join(["cast(_line as integer) as _line", *(f'cast("{c}" as varchar) as "{c}"' for c in columns)])
    con.register("parsed_rows", frame)
    try:
        con.execute(f"create or replace temp table {table.staged} as select {typed} from parsed_rows")
    finally:
        con.unregister("parsed_rows")


def failing_lines(con: duckdb.DuckDBPyConnection, table: Table, expression: str) -> list[tuple[int]]:
    """The line of every row where the SQL expression is not true, the columns read as CSV text."""
    return con.execute(
        f"select _line from {table.staged} where not coalesce(({expression}), false) order by _line"
    ).fetchall()


def check_table(con: duckdb.DuckDBPyConnection, table: Table, declaration: dict, tables: dict[str, Table],
                project_vars: dict, faults: list[str]) -> None:
    where = table.path.as_posix()
    grammar = project_vars["period_grammar"]
    columns = {c["name"]: c for c in declaration.get("columns", [])}
    for line, row in table.rows:
        for column, declared_type in table.column_types.items():
            value = row[column]
            if value == "":
                continue
            reason = cell_fault(value, declared_type)
            fmt = columns.get(column, {}).get("meta", {}).get("format")
            reason = reason or (format_fault(value, fmt, row, grammar) if fmt else None)
            if reason:
                faults.append(f"{where}, line {line}, column {column!r}: {reason}")

    declared = [test_kwargs(t)[0] for spec in columns.values() for t in spec.get("data_tests", [])]
    declared += [test_kwargs(t)[0] for t in declaration.get("data_tests", [])]
    for name in sorted(set(declared) - GATE_TESTS):  # the build leaves source tests to this gate: none may be skipped
        faults.append(f"{where}: the source declares a {name!r} test, which the seed check cannot evaluate; "
                      f"teach src/ctw/gate/seeds.py to, or declare the test on the staging model instead")

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
                    if value == "":  # an empty cell loads as null, which dbt's unique ignores too
                        continue
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
                            + look_alikes(value)
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
                            f" (not a {kwargs['field']} in {target.path.as_posix()})" + look_alikes(value)
                        )

    rows_by_line = dict(table.rows)
    for test in declaration.get("data_tests", []):
        name, kwargs = test_kwargs(test)
        if name == "expression_is_true" and table.rows:
            meta = test_meta(test)
            column = meta.get("column", "?")
            fault = meta.get("fault", f"breaks the rule {kwargs['expression']}")
            try:
                expression = render_vars(kwargs["expression"], project_vars)
            except KeyError as error:
                faults.append(f"{where}: a test's expression names var {error}, which dbt_project.yml does not set")
                continue
            for (line,) in failing_lines(con, table, expression):
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


def check_seeds(project_dir: Path, load_into: Path | None = None) -> list[str]:
    """Every fault of every seed; with no fault and load_into given, every seed loaded into that DuckDB file."""
    faults: list[str] = []
    configs = load_seed_configs(project_dir)
    declarations = load_source_tables(project_dir)
    project_vars = load_project_vars(project_dir)
    tables: dict[str, Table] = {}
    for path in sorted(project_dir.glob("seeds/**/*.csv")):
        name = path.stem
        if name not in configs:
            faults.append(f"{path.as_posix()}: no +column_types declared for seed {name!r} in dbt_project.yml")
            continue
        schema, column_types = configs[name]
        table = Table(name=name, path=path.relative_to(project_dir), column_types=column_types, schema=schema)
        read_csv(table, project_dir, faults)
        tables[name] = table
    for name in configs:
        if name not in tables:
            faults.append(f"seeds: the declared seed {name!r} has no CSV file")
    with duckdb.connect() as con:
        for table in tables.values():
            stage(con, table)  # the rows that parsed; with any fault nothing is loaded
        for name, table in tables.items():
            if name not in declarations:
                faults.append(f"{table.path.as_posix()}: seed {name!r} is not declared as a source table")
                continue
            check_table(con, table, declarations[name], tables, project_vars, faults)
        if not faults and load_into is not None:
            load(con, tables.values(), load_into)
    return faults


def seed_rows(project_dir: Path, name: str) -> list[tuple[int, dict[str, str]]]:
    """(line, row) of every row of one seed, lines counted as the gate counts them; [] for a seed without a file."""
    schema, column_types = load_seed_configs(project_dir)[name]
    paths = sorted(project_dir.glob(f"seeds/**/{name}.csv"))
    if not paths:
        return []
    table = Table(name=name, path=paths[0].relative_to(project_dir), column_types=column_types, schema=schema)
    read_csv(table, project_dir, faults=[])
    return table.rows


def observation_lines(project_dir: Path) -> dict[str, str]:
    """Observation id -> where its row is ("seeds/raw/<file>.csv line N"), for the seeds with an observation_id."""
    where: dict[str, str] = {}
    for name, (_, column_types) in load_seed_configs(project_dir).items():
        if "observation_id" not in column_types:
            continue
        for path in sorted(project_dir.glob(f"seeds/**/{name}.csv"))[:1]:
            for line, row in seed_rows(project_dir, name):
                where.setdefault(row["observation_id"], f"{path.relative_to(project_dir).as_posix()} line {line}")
    return where


def load(con: duckdb.DuckDBPyConnection, tables, database: Path) -> None:
    """Each checked seed into database as <schema>.<seed>, typed as declared; an empty cell is null (as dbt seed)."""
    con.execute("attach '" + str(database).replace("'", "''") + "' as target")
    try:
        for table in tables:
            columns = ", ".join(f'cast(nullif("{c}", \'\') as {declared}) as "{c}"'
                                for c, declared in table.column_types.items())
            con.execute(f'create schema if not exists target."{table.schema}"')
            con.execute(f'create or replace table target."{table.schema}"."{table.name}" as '
                        f"select {columns} from {table.staged} order by _line")
    finally:
        con.execute("detach target")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project-dir", type=Path, default=PROJECT_DIR)
    parser.add_argument("--load", type=Path, metavar="FILE", help="when clean, load every seed into this DuckDB file")
    args = parser.parse_args()
    faults = check_seeds(args.project_dir.resolve(), args.load)
    return report(faults, loaded_into=args.load)


def report(faults: list[str], loaded_into: Path | None = None) -> int:
    """Print the outcome (faults to standard error); the exit status: 0 clean, 1 faulty."""
    if faults:
        print(f"Seed check failed: {len(faults)} fault(s); nothing was loaded.", file=sys.stderr)
        for fault in faults[:MAX_REPORTED]:
            print(f"  {fault}", file=sys.stderr)
        if len(faults) > MAX_REPORTED:
            print(f"  ... and {len(faults) - MAX_REPORTED} more", file=sys.stderr)
        return 1
    print("Seed check passed: every seed matches its declared columns, types and tests."
          + (f" Loaded into {loaded_into}." if loaded_into else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
