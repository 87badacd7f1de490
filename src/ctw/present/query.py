"""Ask the published warehouse a question, read-only: a named question or any SQL. Writes are refused.

Usage: make query Q="balance 2025-11"  (or python scripts/query.py balance 2025-11, the same; Q reaches the script
                                        as typed, through CTW_QUESTION, with no shell in between)
       python scripts/query.py balance 2025-11              exports, imports, balance of a month, USD and CNY, YoY
       python scripts/query.py partners 2025-01..2025-11    partner values and shares of China's trade in a period
       python scripts/query.py vehicles 2025-11             CAAM vehicle sales and exports of a month
       python scripts/query.py "select ... from marts...."  any SQL
       python scripts/query.py --file question.sql          SQL from a file (several lines, comments)
       python scripts/query.py -  < question.sql            SQL from standard input (make query Q=- < file)
       python scripts/query.py --help                       this text

A first word that is not a question's name but close to one (balnce) is answered with the nearest name, not run as
SQL. A failed query shows DuckDB's whole message, its "did you mean" hints included.

The file is warehouse/china_trade.duckdb, or CTW_WAREHOUSE_PATH. Long queries show DuckDB's progress bar when the
output is a terminal. Exit: 0 answered, 1 the query failed (a write, a syntax error), 2 a bad question.
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

import duckdb

from ctw.config import published_path, question
from ctw.publish.layout import damaged

MONTH = r"(\d{4})-(0[1-9]|1[0-2])"

# name: (the argument's pattern, usage, the question's SQL: one select from its reporting model, models/reporting/)
QUESTIONS = {
    "balance": (
        rf"^{MONTH}$",
        "balance YYYY-MM",
        "select * exclude (period_month) from reporting.rpt_query_balance where period_month = make_date($1, $2, 1) "
        "order by flow",
    ),
    "partners": (
        rf"^{MONTH}\.\.{MONTH}$",
        "partners YYYY-MM..YYYY-MM",
        "select * exclude (period_start_month, period_end_month, value_cny) from reporting.rpt_query_partners "
        "where period_start_month = make_date($1, $2, 1) and period_end_month = make_date($3, $4, 1) "
        "order by value_cny desc nulls last",
    ),
    "partner": (
        rf"^([A-Z]+) {MONTH}\.\.{MONTH}$",
        "partner CODE YYYY-MM..YYYY-MM   (CODE from dim_partners: ASEAN, EU, US, RU, ...)",
        "select * exclude (partner_code, period_start_month, period_end_month, months_covered) "
        "from reporting.rpt_query_partner where partner_code = $1 and period_start_month >= make_date($2, $3, 1) "
        "and period_end_month <= make_date($4, $5, 1) order by months_covered = 1, period_end_month, flow",
    ),
    "vehicles": (
        rf"^{MONTH}$",
        "vehicles YYYY-MM",
        "select * exclude (period_month) from reporting.rpt_query_vehicles where period_month = make_date($1, $2, 1) "
        "order by vehicle_segment, market",
    ),
}


# The statements the command answers. Anything else is refused before it runs: COPY, EXPORT, ATTACH, INSTALL and
# LOAD, SET, CREATE, INSERT, UPDATE, DELETE, CALL, VACUUM... Beneath that check the connection cannot write anyway
# (open_read_only).
ANSWERED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


def open_read_only(warehouse, progress_bar: bool = False) -> duckdb.DuckDBPyConnection:
    """The file opened read-only, with no access to any other file (no COPY TO, EXPORT, ATTACH, reading files) and no
    extensions, then its configuration locked, so that no statement can lift any of that."""
    con = duckdb.connect(str(warehouse), read_only=True, config={
        "enable_external_access": False, "autoinstall_known_extensions": False, "autoload_known_extensions": False})
    con.execute(f"set enable_progress_bar = {str(progress_bar).lower()}")
    con.execute("set lock_configuration = true")
    return con


def refusal(con: duckdb.DuckDBPyConnection, sql: str) -> str | None:
    """Why the SQL is refused (a statement of a type that is not a query, as DuckDB's parser classifies it), or None."""
    for statement in con.extract_statements(sql):
        if statement.type not in ANSWERED:
            return f"{statement.type.name} statements are not answered"
    return None


SQL_FIRST_WORDS = {"select", "with", "from", "explain", "describe", "show", "summarize", "pivot", "unpivot", "values",
                   "table", "(", "--", "/*", "pragma", "call", "set", "insert", "update", "delete", "create", "drop",
                   "alter", "copy", "attach", "detach", "install", "load", "checkpoint", "export", "import"}


def parse(text: str) -> tuple[str, list[int | str] | None]:
    """(SQL, parameters) for a named question, or the text itself as SQL. A first word close to a question's name
    (and not an SQL keyword) is a misspelt question: ValueError naming the nearest one."""
    name, _, argument = text.strip().partition(" ")
    if name not in QUESTIONS:
        nearest = difflib.get_close_matches(name.lower(), QUESTIONS, n=1, cutoff=0.6)
        if nearest and name.lower() not in SQL_FIRST_WORDS:
            raise ValueError(f"no question named {name!r}; did you mean {nearest[0]!r}? ask: "
                             f"{QUESTIONS[nearest[0]][1]} (questions: {', '.join(QUESTIONS)})")
        return text, None
    pattern, usage, sql = QUESTIONS[name]
    match = re.match(pattern, argument.strip())
    if not match:
        raise ValueError(f"{argument.strip() or 'no period'} does not fit the question; ask: {usage}")
    return sql, [int(group) if group.isdigit() else group for group in match.groups()]


def main(argv: list[str]) -> int:
    if not argv and question():  # make query Q="...": the question as typed, from the environment
        argv = [question()]
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    try:
        if argv[0] in ("-", "--file"):
            if argv[0] == "--file" and len(argv) != 2:
                raise ValueError("--file needs one path: python scripts/query.py --file question.sql")
            text = sys.stdin.read() if argv[0] == "-" else Path(argv[1]).read_text(encoding="utf-8")
            sql, parameters = text, None
        else:
            sql, parameters = parse(" ".join(argv))
    except OSError as error:
        print(f"query: cannot read {error.filename}: {error.strerror}", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"query: {error}", file=sys.stderr)
        return 2
    warehouse = published_path()
    if not warehouse.is_file():
        print(f"query: no warehouse at {warehouse}; run make build first", file=sys.stderr)
        return 1
    try:
        con = open_read_only(warehouse, progress_bar=sys.stdout.isatty())
    except duckdb.Error as error:
        print(f"query: {damaged(warehouse, error)}", file=sys.stderr)
        return 1
    with con:
        try:
            refused = refusal(con, sql)
            if refused:
                print(f"query refused: {refused}. The query command only reads (SELECT, EXPLAIN); the warehouse "
                      "changes only through make build", file=sys.stderr)
                return 1
            relation = con.sql(sql, params=parameters) if parameters else con.sql(sql)
            if relation is None:  # a statement without a result, e.g. SET
                return 0
            # the rows are computed here, so an error raised by a row (error(), a cast) is caught too
            relation.show(max_width=200, max_rows=200)
            is_gap = bool(parameters) and not relation.fetchone()
        except duckdb.Error as error:
            reason = str(error).strip()  # the whole message: DuckDB's hints ("did you mean") come after line 1
            if "read-only" in reason:
                reason += " (the published file is open read-only: the warehouse changes only through make build)"
            print(f"query failed: {reason}", file=sys.stderr)
            return 1
        if is_gap:
            print("no figures for that period (a gap in the sources stays a gap)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
