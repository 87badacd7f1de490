"""Scale work on SYNTHETIC detailed data, benchmarks and Apache Spark: synthetic_detail.py (make detail), bench.py
(make bench), bench_build.py (make bench-build), build_spark.py (make build-spark), bench_spark.py (make
bench-spark)."""

from ctw.config import PROJECT_DIR

ANALYSES = PROJECT_DIR / "analyses" / "scale"


def analysis_sql(name: str) -> str:
    """The SQL of analyses/scale/<name>.sql: the scale tooling's queries live in the dbt project (dbt parses them as
    analyses, the lint reads them), plain SQL with DuckDB's $name parameters, no Jinja."""
    return (ANALYSES / f"{name}.sql").read_text(encoding="utf-8")
