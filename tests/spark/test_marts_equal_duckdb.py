"""Every mart built on Spark (make build-spark, under target/spark) equals the published DuckDB build's, row for row:
the same columns, the same number of rows, and the same values (text, dates and flags exactly, numbers within
floating-point rounding). Run by make test-spark, a CI job of its own after make test (docs/decisions/0018)."""

from __future__ import annotations

import datetime
import decimal
import math
import os
from pathlib import Path

import duckdb
import pytest

from ctw.config import published_path
from ctw.scale import build_spark

PROJECT_DIR = Path(__file__).resolve().parents[2]

RELATIVE, ABSOLUTE = 1e-9, 1e-9


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    if not (build_spark.SPARK_DIR / "metastore_db").is_dir():
        pytest.fail(f"no Spark build under {build_spark.SPARK_DIR}: run make build-spark")
    session = build_spark.spark_session()
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def duck():
    with duckdb.connect(str(published_path()), read_only=True) as con:
        yield con


def mart_names() -> list[str]:
    with duckdb.connect(str(published_path()), read_only=True) as con:
        return [name for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1").fetchall()]


def comparable(value):
    """One form for both engines' values: Decimal and float as float, dates as ISO text, lists in order."""
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return tuple(comparable(v) for v in value)
    return value


def sort_key(row: tuple) -> tuple:
    """Rows in one order on both sides: numbers rounded to 9 significant digits, so that rounding noise cannot
    change the order, and None first."""
    def key(value):
        if value is None:
            return (0, "")
        if isinstance(value, float):
            return (1, f"{value:.9g}")
        return (1, repr(value))
    return tuple(key(v) for v in row)


def same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b
        return math.isclose(float(a), float(b), rel_tol=RELATIVE, abs_tol=ABSOLUTE) or (
            math.isnan(float(a)) and math.isnan(float(b)))
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def test_spark_holds_every_mart(spark):
    spark_marts = {row.tableName for row in spark.sql("show tables in marts").collect()}
    assert set(mart_names()) <= spark_marts


@pytest.mark.parametrize("name", mart_names())
def test_the_mart_equals_duckdbs_row_for_row(spark, duck, name):
    columns = [column for (column,) in duck.execute(
        "select column_name from information_schema.columns where table_schema = 'marts' and table_name = ? "
        "order by ordinal_position", [name]).fetchall()]
    spark_frame = spark.table(f"marts.{name}")
    assert [field.name for field in spark_frame.schema.fields] == columns
    quoted = ", ".join(f'"{column}"' for column in columns)
    duck_rows = sorted((tuple(comparable(v) for v in row)
                        for row in duck.execute(f'select {quoted} from marts."{name}"').fetchall()), key=sort_key)
    spark_rows = sorted((tuple(comparable(v) for v in row) for row in spark_frame.collect()), key=sort_key)
    assert len(spark_rows) == len(duck_rows)
    differ = [(d, s) for d, s in zip(duck_rows, spark_rows) if not same(d, s)]
    assert not differ, f"{len(differ)} rows differ, the first: DuckDB {differ[0][0]} / Spark {differ[0][1]}"


def test_a_changed_value_is_found():
    """The comparison can fail: one number changed in its last printed digit is not the same row."""
    row = ("2025-11", "exports", 330.35e9, None, ("ASEAN",))
    assert same(row, tuple(row))
    assert not same(row, ("2025-11", "exports", 330.36e9, None, ("ASEAN",)))
    assert not same(row, ("2025-11", "exports", 330.35e9, 1.0, ("ASEAN",)))
