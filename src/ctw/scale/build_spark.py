"""Build the headline DAG on Apache Spark (local, in this process): the same gate, the same models and dbt tests.

    1. check the seeds       the seed gate (ctw.gate.seeds) and the ECB's rates (ctw.gate.ecb_rates)
                             check and load the raw tables as for DuckDB, into a scratch DuckDB file
    2. load them into Spark  each raw and reference table, with its types, into a local Spark session whose warehouse
                             and metastore are under target/spark (CTW_SPARK_DIR)
    3. dbt build             `dbt build --target spark` in this process, so that dbt-spark's session method finds the
                             session of step 2: every headline model, its contract and its dbt tests

The expectation suites and publishing stay DuckDB's (docs/decisions/0018): on Spark there is no file to rename; a
cluster user builds into a staging schema and swaps it (README: Spark). tests/spark compares every mart with the
DuckDB build's, row for row.

Usage: python scripts/build_spark.py [--incremental] [--load-only]
    (make build-spark installs what Spark needs first; --incremental keeps the Spark warehouse, so that the
    detailed models, CTW_WITH_DETAIL=1, read only new or replaced months; --load-only stops after step 2, for a
    cluster whose models dbt then builds over Thrift: spark-submit scripts/build_spark.py --load-only)
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import duckdb

from ctw import config
from ctw.config import PROJECT_DIR
from ctw.gate import ecb_rates
from ctw.gate import seeds as check_seeds

SPARK_DIR = config.spark_dir()
os.environ["CTW_SPARK_DIR"] = str(SPARK_DIR)  # absolute, for the profile's settings here and in dbt
RAW_SCHEMAS = ("raw", "reference")
# DuckDB's column types as Spark SQL types (the raw tables hold no other)
SPARK_TYPES = {"VARCHAR": "string", "DOUBLE": "double", "DATE": "date", "BOOLEAN": "boolean", "BIGINT": "bigint",
               "INTEGER": "int", "TIMESTAMP": "timestamp"}


def spark_type(duckdb_type: str) -> str | None:
    """DECIMAL(18,0) keeps its precision and scale; the other types by name."""
    if duckdb_type.startswith("DECIMAL"):
        return duckdb_type.lower()
    return SPARK_TYPES.get(duckdb_type)


def spark_settings() -> dict[str, str]:
    """The Spark settings of the profile's spark target (profiles.yml, their one home), rendered as dbt renders them:
    this session and the one dbt-spark would start are configured alike."""
    import jinja2
    import yaml

    profile = yaml.safe_load((PROJECT_DIR / "profiles.yml").read_text(encoding="utf-8"))
    parameters = profile["china_trade"]["outputs"]["spark"]["server_side_parameters"]
    render = jinja2.Environment(undefined=jinja2.StrictUndefined)
    render.globals["env_var"] = lambda name, default=None: os.environ.get(name, default)
    return {name: render.from_string(str(value)).render() for name, value in parameters.items()}


def spark_session():
    """The session dbt-spark's session method will pick up (getOrCreate), with the profile's settings."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("china-trade-warehouse")
    for name, value in spark_settings().items():
        builder = builder.config(name, value)
    return builder.enableHiveSupport().getOrCreate()


def load_raw_tables(spark, checked: Path) -> list[str]:
    """Every table of the raw and reference schemas of the checked DuckDB file, as a Spark table of the same name."""
    loaded = []
    with duckdb.connect(str(checked), read_only=True) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables where table_schema in ? "
            "order by 1, 2", [list(RAW_SCHEMAS)]).fetchall()
        for schema, name in tables:
            columns = con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = ? and table_name = ? order by ordinal_position", [schema, name]).fetchall()
            unknown = [f"{column} {kind}" for column, kind in columns if spark_type(kind) is None]
            if unknown:
                raise SystemExit(f"{schema}.{name}: no Spark type for {', '.join(unknown)}")
            ddl = ", ".join(f"`{column}` {spark_type(kind)}" for column, kind in columns)
            rows = con.execute(f'select * from "{schema}"."{name}"').fetchall()
            if not spark.catalog.databaseExists(schema):
                spark.sql(f"create database {schema}")
            frame = spark.createDataFrame(rows, schema=ddl)
            frame.write.mode("overwrite").format("parquet").saveAsTable(f"{schema}.{name}")
            loaded.append(f"{schema}.{name} ({len(rows)} rows)")
    return loaded


def register_detail(spark) -> str:
    """The detailed lines stay in their Parquet folder (CTW_DETAIL_PATH): a view reads them in place, as DuckDB's
    read_parquet does, the month from the folder name."""
    detail = config.detail_path().resolve()
    if not any(detail.glob("period_month=*/*.parquet")):
        raise SystemExit(f"CTW_WITH_DETAIL=1 but {detail} holds no period_month=*/*.parquet files")
    if not spark.catalog.databaseExists("customs_detail"):
        spark.sql("create database customs_detail")
    spark.sql(f"""create or replace view customs_detail.customs_lines as
        select hs8_code, partner_code, flow, value_usd, value_cny, quantity_kg, is_synthetic,
            cast(period_month as date) as period_month
        from parquet.`{detail}`""")
    return f"customs_detail.customs_lines: a view of {detail}"


def main() -> int:
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # never bind the machine's external interface
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        print("build-spark needs Java 17 (Debian: apt-get install openjdk-17-jre-headless, or set JAVA_HOME)",
              file=sys.stderr)
        return 1
    started = time.monotonic()
    if "--incremental" not in sys.argv:
        shutil.rmtree(SPARK_DIR, ignore_errors=True)  # a clean build: no tables left from an earlier one
    SPARK_DIR.mkdir(parents=True, exist_ok=True)
    checked = SPARK_DIR / "checked_seeds.duckdb"

    print("==> check the seeds", flush=True)
    faults = check_seeds.check_seeds(PROJECT_DIR, load_into=checked)
    faults = faults or ecb_rates.load(checked)
    if check_seeds.report(faults) != 0:
        return 1

    print(f"==> load them into Spark ({SPARK_DIR})", flush=True)
    spark = spark_session()
    spark.sparkContext.setLogLevel("ERROR")
    for line in load_raw_tables(spark, checked):
        print(f"    {line}", flush=True)
    if config.with_detail():
        print(f"    {register_detail(spark)}", flush=True)

    if "--load-only" in sys.argv:  # a cluster's session (spark-submit): its tables loaded, dbt runs over Thrift
        spark.stop()
        print(f"Raw and reference tables loaded in {time.monotonic() - started:.0f} s")
        return 0

    print("==> dbt build --target spark", flush=True)
    from dbt.cli.main import dbtRunner

    if config.with_detail():  # Spark resolves a relative path against its own working folder: give it the project's
        os.environ["CTW_DETAIL_PATH"] = str(config.detail_path().resolve())
    result = dbtRunner().invoke(["build", "--target", "spark", "--quiet", "--exclude", "resource_type:seed",
                                 "source:*", "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR)])
    spark.stop()
    if not result.success:
        print("dbt build on Spark failed (see above and logs/dbt.log)", file=sys.stderr)
        return 1
    print(f"Built on Spark in {time.monotonic() - started:.0f} s: tables under {SPARK_DIR / 'warehouse'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
