"""The project's one configuration: its folders, the published file, the file dbt writes, and every CTW_* variable.

The project folder is the one this package lies in (src/ctw/ inside it), so that a copy of the project runs its own
code on its own files (a test's copy puts its own src/ first on PYTHONPATH; scripts/ refuses to run another
project's package, see ctw.cli). Every CTW_* variable the Python reads is read here, by one function each, at the
moment it is called (tests and builds set them per run); the commands only write them for their children.

The variables (default in brackets):
    CTW_WAREHOUSE_PATH       the published file BI tools read [warehouse/china_trade.duckdb]; also make sql
    CTW_DBT_PATH             the file dbt writes (profiles.yml; a build sets it to the candidate, make dev, docs,
                             metrics and lint to a scratch copy) [warehouse/candidate/china_trade.duckdb]
    CTW_KEEP_VERSIONS        how many published versions warehouse/versions/ keeps [5]
    CTW_INTENDED_REMOVAL     why this build may publish less than the version it replaces (recorded in provenance)
    CTW_WITH_DETAIL          1: build and validate the detailed customs lines too (dbt_project.yml enables their
                             models) [0]
    CTW_DETAIL_PATH          the folder of detailed lines, Parquet by month, relative to the project (also read by
                             macros/detail_months.sql) [data/synthetic_detail]
    CTW_DETAIL_FULL_REFRESH  1: a detail build starts from an empty file instead of the published one [0]
    CTW_QUESTION             make query's Q as typed: query.py's question when it is given no arguments
    CTW_DEV_SELECT           make dev's S as typed: dev.py's dbt selectors when it is given no arguments
    CTW_SOURCES_DIR          the source documents the quotes are checked against [../shared/sources]
    CTW_DUCKDB_MEMORY_LIMIT  DuckDB's memory limit (profiles.yml; the benchmark's floor query) [4GB]
    CTW_SPARK_DIR            the Spark warehouse and metastore of make build-spark (profiles.yml) [target/spark]
Read by dbt only, through env_var in profiles.yml (the spark and spark_thrift targets):
    CTW_SPARK_DRIVER_MEMORY  the local Spark driver's memory [4g]
    CTW_SPARK_HOST, CTW_SPARK_PORT, CTW_SPARK_USER, CTW_SPARK_SCHEMA
                             a Spark Thrift server to build on [localhost, 10000, dbt, main]
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCRIPTS_DIR = PROJECT_DIR / "scripts"
SUITES_DIR = PROJECT_DIR / "expectations"
DEFAULT_DETAIL_PATH = "data/synthetic_detail"
DEFAULT_KEEP_VERSIONS = 5


def _env(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


def published_path(env: Mapping[str, str] | None = None) -> Path:
    """The published warehouse file: CTW_WAREHOUSE_PATH, or warehouse/china_trade.duckdb in the project.

    dbt never writes it. dbt writes the file CTW_DBT_PATH names (profiles.yml): the candidate during a build, a
    scratch copy for make dev, make docs and make metrics."""
    return Path(_env(env).get("CTW_WAREHOUSE_PATH") or PROJECT_DIR / "warehouse" / "china_trade.duckdb").resolve()


def dbt_path(database: Path) -> str:
    """A file as CTW_DBT_PATH gives it to dbt's profile: relative to the project where it lies inside, as the
    profile's default does, so that a build, dbt run by hand and a copy of the project render the same profile and
    dbt's partial parsing carries over between them (a changed profile makes dbt parse every file again)."""
    try:
        return database.relative_to(PROJECT_DIR).as_posix()
    except ValueError:
        return str(database)


def keep_versions(env: Mapping[str, str] | None = None) -> str:
    """CTW_KEEP_VERSIONS as given (ctw.publish.versions.keep_versions checks it is a whole number of at least 1)."""
    return _env(env).get("CTW_KEEP_VERSIONS", str(DEFAULT_KEEP_VERSIONS))


def intended_removal(env: Mapping[str, str] | None = None) -> str | None:
    """CTW_INTENDED_REMOVAL, stripped; None when unset or blank."""
    return _env(env).get("CTW_INTENDED_REMOVAL", "").strip() or None


def with_detail(env: Mapping[str, str] | None = None) -> bool:
    """CTW_WITH_DETAIL=1: the detailed customs lines are built and validated too."""
    return _env(env).get("CTW_WITH_DETAIL") == "1"


def detail_path(env: Mapping[str, str] | None = None) -> Path:
    """CTW_DETAIL_PATH: the folder of detailed lines, relative to the project (absolute where given so)."""
    return PROJECT_DIR / _env(env).get("CTW_DETAIL_PATH", DEFAULT_DETAIL_PATH)


def detail_full_refresh(env: Mapping[str, str] | None = None) -> bool:
    """CTW_DETAIL_FULL_REFRESH=1: a detail build starts from an empty file, reading every month."""
    return _env(env).get("CTW_DETAIL_FULL_REFRESH") == "1"


def question(env: Mapping[str, str] | None = None) -> str:
    """CTW_QUESTION: make query's Q, exactly as typed (the Makefile passes it through the environment, no shell)."""
    return _env(env).get("CTW_QUESTION", "")


def dev_selection(env: Mapping[str, str] | None = None) -> list[str]:
    """CTW_DEV_SELECT: make dev's S as typed, split on whitespace into dbt selectors (none when unset)."""
    return _env(env).get("CTW_DEV_SELECT", "").split()


def sources_dir(project_dir: Path = PROJECT_DIR, env: Mapping[str, str] | None = None) -> Path:
    """CTW_SOURCES_DIR, or the source documents beside the project (../shared/sources)."""
    return Path(_env(env).get("CTW_SOURCES_DIR") or project_dir.parent / "shared" / "sources")


def duckdb_memory_limit(env: Mapping[str, str] | None = None) -> str:
    """CTW_DUCKDB_MEMORY_LIMIT, as profiles.yml gives it to dbt's DuckDB."""
    return _env(env).get("CTW_DUCKDB_MEMORY_LIMIT", "4GB")


def spark_dir(env: Mapping[str, str] | None = None) -> Path:
    """CTW_SPARK_DIR, absolute: the Spark warehouse and metastore of make build-spark."""
    return Path(_env(env).get("CTW_SPARK_DIR", PROJECT_DIR / "target" / "spark")).resolve()
