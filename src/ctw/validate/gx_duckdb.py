"""Make Great Expectations' SQL path work against DuckDB (docs/decisions/0007-great-expectations-on-duckdb.md).

GX executes each metric query inside `with engine.connect() as connection:` and fetches the result only after the
connection went back to the pool. duckdb-engine's pooled connections share one DuckDB connection, so by then the
pending result is gone and every expectation fails with "list index out of range" (upstream issues #10738, #11579).
GX already keeps one persistent connection for a fixed list of dialects (sqlite, mssql, bigquery, databricks);
adding duckdb to that list makes its queries run and fetch on one live connection, inside DuckDB.
"""

from __future__ import annotations

from great_expectations.execution_engine import sqlalchemy_execution_engine


class _DuckDBDialectName(str):
    """Compares equal to the dialect name "duckdb" and offers `.value`, as GX's dialect enum members do."""

    value = "duckdb"


DUCKDB = _DuckDBDialectName("duckdb")


def enable_sql_pushdown() -> None:
    """Add duckdb to the dialects GX keeps a persisted connection for (idempotent)."""
    dialects = sqlalchemy_execution_engine._PERSISTED_CONNECTION_DIALECTS
    if DUCKDB not in dialects:
        sqlalchemy_execution_engine._PERSISTED_CONNECTION_DIALECTS = (*dialects, DUCKDB)
