"""Benchmark the warehouse on SYNTHETIC detailed customs data: build time, memory, incremental update, expectation
suites, a hand-written DuckDB floor, dbt's fixed cost and dashboard query latency. Prints comparable figures and
writes them to bench/results.json and bench/RESULTS.md; asserts nothing (timings are not tests).

For each size (rows of detailed lines, default 1M, 10M and 50M), in target/bench/ and never touching the project's
published warehouse:
  full build      the whole write-audit-publish build (scripts/build.py, CTW_WITH_DETAIL=1) from an empty file:
                  wall time, peak memory of the process tree, and its dbt part (dbt build)
  incremental     the latest month's file replaced by a new delivery, then the same build again: the headline
                  inputs are the published version's, so it takes the detail-only path (decision 0013) and the
                  detail models read that month only; wall time of the whole build, of its dbt part and of the
                  detail models
  expectations    the expectation suites' run time inside the full build
  floor           the detail transformations as one hand-written DuckDB SQL script in one process
  dbt fixed cost  the seeds loaded by the seed check + dbt build --empty (every model and test on no rows), once
  dashboard       typical BI queries on the published file over one read-only connection: p50 and p95

Usage: python scripts/bench.py [--sizes 1000000,10000000,50000000] [--repeats 40] [--out bench]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import duckdb

from ctw import config
from ctw.config import PROJECT_DIR
from ctw.analyses import analysis_sql

WORK = PROJECT_DIR / "target" / "bench"
PYTHON = sys.executable
DBT = str(Path(sys.executable).parent / "dbt")
STEP_DONE = re.compile(r"^\s+(.+): done in ([\d.]+) s$", re.MULTILINE)

# The hand-written floor: the same tables the detail models build, in one script and one process
# (analyses/scale/bench_floor.sql)
FLOOR_SQL = analysis_sql("scale/bench_floor")

# What a dashboard over the warehouse asks, each against the published file (analyses/scale/bench_dashboard_*.sql,
# each named by its first line). $month is the latest detailed month.
DASHBOARD_QUERIES = {
    sql.splitlines()[0].removeprefix("-- "): sql
    for sql in (analysis_sql(f"scale/bench_dashboard_{name}") for name in (
        "monthly_balance", "growth_series", "partner_shares", "top_partners", "chapter_mix", "partner_series",
        "partner_chapter_drill_down"))
}


def run_measured(command: list[str], env: dict[str, str], log: Path) -> dict:
    """Run a command to completion; wall time, peak resident memory of it and its children, and its output."""
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    text = log.read_text(encoding="utf-8")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {' '.join(command)} failed; its output is in {log}:\n{text[-3000:]}")
    # ru_maxrss is in KiB on Linux: the largest of the process and the children it waited for
    return {"wall_s": round(wall, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024), "output": text}


def step_times(output: str) -> dict[str, float]:
    return {name: float(seconds) for name, seconds in STEP_DONE.findall(output)}


def build(env: dict[str, str], log: Path) -> dict:
    result = run_measured([PYTHON, "scripts/build.py"], env, log)
    steps = step_times(result.pop("output"))
    result["dbt_s"] = steps["dbt build"]
    result["expectations_s"] = steps["expectation suites"]
    result["steps_s"] = steps
    result["detail_models_s"] = detail_model_seconds()
    return result


def detail_model_seconds() -> float:
    """Time dbt spent running the detail models in its last invocation (from target/run_results.json)."""
    results = json.loads((PROJECT_DIR / "target" / "run_results.json").read_text(encoding="utf-8"))["results"]
    return round(sum(r["execution_time"] for r in results
                     if r["unique_id"].startswith("model.") and "detail" in r["unique_id"]), 2)


def floor_statements(detail: Path, base: Path, memory_limit: str) -> list[str]:
    """The floor as the statements one DuckDB connection runs: its settings, then the script."""
    return [f"set memory_limit = '{memory_limit}'",  # the same bound as the dbt profile's
            "set enable_progress_bar = false",
            f"attach '{base}' as base (read_only)",
            f"set variable detail_files = '{detail}/period_month=*/*.parquet'",
            FLOOR_SQL]


def floor(detail: Path, base: Path, scratch: Path, log: Path) -> dict:
    scratch.unlink(missing_ok=True)
    statements = floor_statements(detail, base, memory_limit())
    code = f"import duckdb; con = duckdb.connect({str(scratch)!r}); [con.execute(s) for s in {statements!r}]"
    result = run_measured([PYTHON, "-c", code], dict(os.environ), log)
    result.pop("output")
    with duckdb.connect(str(scratch), read_only=True) as con:
        result["rows_in"] = con.execute(
            "select sum(line_count) from int_customs_detail_by_partner_chapter").fetchone()[0]
    scratch.unlink()
    return result


def memory_limit() -> str:
    return config.duckdb_memory_limit()


def dashboard(database: Path, repeats: int) -> dict:
    timings: dict[str, list[float]] = {}
    with duckdb.connect(str(database), read_only=True) as con:
        month = con.execute("select max(period_month) from synthetic.fct_detail_trade_by_partner").fetchone()[0]
        for name, sql in DASHBOARD_QUERIES.items():
            sql = sql.replace("$month", f"date '{month}'")
            con.execute(sql).fetchall()  # warm-up: the first read of a table's blocks
            timings[name] = []
            for _ in range(repeats):
                started = time.perf_counter()
                con.execute(sql).fetchall()
                timings[name].append((time.perf_counter() - started) * 1000)
    every = [t for series in timings.values() for t in series]
    return {
        "p50_ms": round(percentile(every, 50), 2),
        "p95_ms": round(percentile(every, 95), 2),
        "by_query": {name: {"p50_ms": round(percentile(s, 50), 2), "p95_ms": round(percentile(s, 95), 2)}
                     for name, s in timings.items()},
    }


def percentile(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def replace_latest_month(detail: Path, base: Path, rows: int, log: Path, seed: int = 8) -> str:
    """A new delivery of the latest month (another seed): what an incremental build must read, and only it."""
    latest = sorted(p.name for p in detail.glob("period_month=*"))[-1]
    month = latest.split("=")[1][:7]
    months = len(list(detail.glob("period_month=*")))
    run_measured([PYTHON, "scripts/generate_detail.py", "--rows", str(max(rows // months, 1)), "--seed", str(seed),
                  "--months", f"{month}..{month}", "--out", str(detail), "--warehouse", str(base)],
                 dict(os.environ), log)
    return month


def proc_field(path: str, key: str) -> str | None:
    """A field of a /proc file (Linux); None where there is none (macOS)."""
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return None
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(key)), None)


def machine() -> dict:
    """The machine and the tools a benchmark ran on (scripts/bench.py and scripts/bench_build.py)."""
    memory_kb = proc_field("/proc/meminfo", "MemTotal")
    memory = int(memory_kb.split()[0]) * 1024 if memory_kb else os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {
        "cpu": proc_field("/proc/cpuinfo", "model name") or platform.processor(),
        "cores": os.cpu_count(),
        "memory_gb": round(memory / 1024 ** 3, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        **{name: metadata.version(name) for name in ("duckdb", "dbt-core", "dbt-duckdb", "great-expectations")},
    }


def bench_size(rows: int, base: Path, fixed: dict, repeats: int) -> dict:
    folder = WORK / f"rows_{rows}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    detail = folder / "detail"
    generated = run_measured([PYTHON, "scripts/generate_detail.py", "--rows", str(rows), "--out", str(detail),
                              "--warehouse", str(base)], dict(os.environ), folder / "generate.log")
    env = dict(os.environ) | {"CTW_WITH_DETAIL": "1", "CTW_DETAIL_PATH": str(detail),
                              "CTW_WAREHOUSE_PATH": str(folder / "warehouse" / "china_trade.duckdb")}
    print(f"  generated in {generated['wall_s']} s; full build ...", flush=True)
    full = build(env | {"CTW_DETAIL_FULL_REFRESH": "1"}, folder / "full_build.log")
    published = folder / "warehouse" / "china_trade.duckdb"
    with duckdb.connect(str(published), read_only=True) as con:
        lines, months = con.execute("select sum(line_count), count(distinct period_month)"
                                    " from intermediate.int_customs_detail_by_partner_chapter").fetchone()
    print(f"  full build {full['wall_s']} s; incremental ...", flush=True)
    month = replace_latest_month(detail, base, rows, folder / "generate_month.log")
    incremental = build(env, folder / "incremental_build.log")
    print(f"  incremental {incremental['wall_s']} s; floor ...", flush=True)
    floor_result = floor(detail, base, folder / "floor.duckdb", folder / "floor.log")
    latency = dashboard(published, repeats)
    limit = 1.5 * floor_result["wall_s"] + fixed["wall_s"]
    result = {
        "rows": rows,
        "detail_lines": int(lines),
        "months": months,
        "parquet_mb": round(sum(p.stat().st_size for p in detail.rglob("*.parquet")) / 1e6),
        "published_file_mb": round(published.stat().st_size / 1e6, 1),
        "generate_s": generated["wall_s"],
        "full_build": full,
        "incremental_build": incremental | {"month": month},
        "floor": floor_result,
        "dashboard": latency,
        "targets": {
            "dbt_build_within_1_5x_floor_plus_fixed": {"value_s": full["dbt_s"], "limit_s": round(limit, 2),
                                                       "met": full["dbt_s"] <= limit},
            "peak_memory_under_8_gb": {"value_mb": full["peak_rss_mb"], "limit_mb": 8192,
                                       "met": full["peak_rss_mb"] < 8192},
            "incremental_under_10pct_of_full": {
                "value_pct": round(100 * incremental["wall_s"] / full["wall_s"], 1), "limit_pct": 10,
                "met": incremental["wall_s"] < 0.1 * full["wall_s"]},
            "expectations_under_15_s": {"value_s": full["expectations_s"], "limit_s": 15,
                                        "met": full["expectations_s"] < 15},
            "dashboard_p95_under_50_ms": {"value_ms": latency["p95_ms"], "limit_ms": 50,
                                          "met": latency["p95_ms"] < 50},
        },
    }
    shutil.rmtree(detail)  # tens of GB over the sizes otherwise; the logs stay
    return result


def dbt_fixed_cost(base: Path) -> dict:
    """The seeds loaded by the seed check, then dbt build --empty with the detail models on: the cost of the whole
    graph on no rows."""
    folder = WORK / "fixed_cost"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "detail").mkdir(parents=True)
    run_measured([PYTHON, "scripts/generate_detail.py", "--rows", "1000", "--out", str(folder / "detail"),
                  "--warehouse", str(base)], dict(os.environ), folder / "generate.log")
    env = dict(os.environ) | {"CTW_WITH_DETAIL": "1", "CTW_DETAIL_PATH": str(folder / "detail"),
                              "CTW_DBT_PATH": str(folder / "china_trade.duckdb")}
    seed = run_measured([PYTHON, "scripts/check_seeds.py", "--load", str(folder / "china_trade.duckdb")], env,
                        folder / "seed.log")
    empty = run_measured([DBT, "build", "--quiet", "--empty", "--exclude", "resource_type:seed", "source:*"], env,
                         folder / "build_empty.log")
    return {"wall_s": round(seed["wall_s"] + empty["wall_s"], 2), "seed_s": seed["wall_s"],
            "build_empty_s": empty["wall_s"]}


def markdown(results: dict, spark: dict | None = None) -> str:
    """DuckDB's tables; then, where make bench-spark has run (bench/spark_results.json), Spark beside DuckDB."""
    m = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Run {results['run_at']} by `make bench` (scripts/bench.py) on {m['cores']} cores ({m['cpu']}), "
        f"{m['memory_gb']} GB memory, {m['os']}; Python {m['python']}, DuckDB {m['duckdb']}, dbt-core "
        f"{m['dbt-core']}, dbt-duckdb {m['dbt-duckdb']}, Great Expectations {m['great-expectations']}.",
        "The detailed lines are SYNTHETIC (scripts/generate_detail.py). The fixed cost (seeds loaded by the seed "
        f"check + dbt build --empty): {results['dbt_fixed_cost']['wall_s']} s. The one-month incremental takes the "
        "detail-only path.",
        "",
        "| rows | full build (dbt part) | peak memory | one-month incremental (dbt part), % of full "
        "| detail models: full / incremental | expectation suites | floor "
        "| dbt part / (1.5 x floor + fixed) | dashboard p50 / p95 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results["sizes"]:
        full, inc, target = r["full_build"], r["incremental_build"], r["targets"]
        lines.append(
            f"| {r['rows']:,} | {full['wall_s']} s ({full['dbt_s']} s) | {full['peak_rss_mb']:,} MB "
            f"| {inc['wall_s']} s ({inc['dbt_s']} s), {target['incremental_under_10pct_of_full']['value_pct']}% "
            f"| {full['detail_models_s']} s / {inc['detail_models_s']} s "
            f"| {full['expectations_s']} s | {r['floor']['wall_s']} s "
            f"| {full['dbt_s']} / {target['dbt_build_within_1_5x_floor_plus_fixed']['limit_s']} s "
            f"| {r['dashboard']['p50_ms']} / {r['dashboard']['p95_ms']} ms |")
    lines += ["", "Targets (set for 50M rows; the smaller sizes show how the costs grow):", ""]
    for r in results["sizes"]:
        verdicts = ", ".join(f"{name} {'met' if t['met'] else 'MISSED'}" for name, t in r["targets"].items())
        lines.append(f"- {r['rows']:,} rows: {verdicts}")
    lines += ["", "Dashboard queries (p50 / p95 ms, largest size):", ""]
    for name, q in results["sizes"][-1]["dashboard"]["by_query"].items():
        lines.append(f"- {name}: {q['p50_ms']} / {q['p95_ms']}")
    if spark:
        from ctw.scale import bench_spark  # noqa: PLC0415  (only where there are Spark results to show)
        lines += ["", *bench_spark.markdown(spark)]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000,50000000")
    parser.add_argument("--repeats", type=int, default=40, help="runs of each dashboard query")
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "bench")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    WORK.mkdir(parents=True, exist_ok=True)
    base_env = dict(os.environ) | {"CTW_WAREHOUSE_PATH": str(WORK / "base" / "china_trade.duckdb")}
    base_env.pop("CTW_WITH_DETAIL", None)
    print("bench: building the headline warehouse the generator splits ...", flush=True)
    build(base_env, WORK / "base_build.log")
    base = WORK / "base" / "china_trade.duckdb"
    fixed = dbt_fixed_cost(base)
    print(f"bench: dbt fixed cost {fixed['wall_s']} s", flush=True)
    results = {"run_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
               "dbt_fixed_cost": fixed, "sizes": []}
    for rows in sizes:
        print(f"bench: {rows:,} rows", flush=True)
        results["sizes"].append(bench_size(rows, base, fixed, args.repeats))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    spark_file = args.out / "spark_results.json"
    spark = json.loads(spark_file.read_text(encoding="utf-8")) if spark_file.is_file() else None
    (args.out / "RESULTS.md").write_text(markdown(results, spark), encoding="utf-8")
    print(markdown(results, spark))
    print(f"bench: results in {args.out / 'results.json'} and {args.out / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
