"""Validation: the Great Expectations suites (run.py, on DuckDB through gx_duckdb.py) and the rows behind a failed
dbt test (dbt_failures.py)."""
