"""Spark beside DuckDB on the same SYNTHETIC detailed data: full build, one-month incremental, peak memory.

For each size (default 1M and 10M rows), in target/bench_spark/ and never touching the published warehouse:
  1. generate the detailed lines (scripts/generate_detail.py), split from the published headline;
  2. DuckDB: the whole write-audit-publish build (scripts/build.py, CTW_WITH_DETAIL=1) from an empty file;
  3. Spark: the whole Spark build (scripts/build_spark.py, CTW_WITH_DETAIL=1) into an empty Spark warehouse;
  4. the latest month's file replaced by a new delivery, then each engine's incremental build: DuckDB's detail-only
     path, Spark's `build_spark.py --incremental` (the headline rebuilt, the detailed models reading that month).
Wall time of each whole command, the dbt time of the detailed models (target/run_results.json), and the peak memory
of the command's whole process tree (Spark's JVM included), sampled from /proc every 0.2 s.

Writes bench/spark_results.json; scripts/bench.py's RESULTS.md shows it beside its own tables (make bench-spark
rewrites RESULTS.md from both files). Asserts nothing: timings are not tests.

Usage (make bench-spark): .venv-spark/bin/python scripts/bench_spark.py [--sizes 1000000,10000000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from ctw.config import PROJECT_DIR, published_path
from ctw.scale import bench

WORK = PROJECT_DIR / "target" / "bench_spark"
DUCKDB_PYTHON = str(PROJECT_DIR / ".venv" / "bin" / "python")  # the DuckDB build's own environment
SPARK_PYTHON = sys.executable


def tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        children.setdefault(int(stat[1]), []).append(int(entry.name))
        rss[int(entry.name)] = next((int(line.split()[1]) for line in status.splitlines()
                                     if line.startswith("VmRSS:")), 0)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def measured(command: list[str], env: dict[str, str], log: Path) -> dict:
    """Wall time and the peak resident memory of the command's process tree."""
    started = time.monotonic()
    peak = [0]
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)

        def sample() -> None:
            while process.poll() is None:
                peak[0] = max(peak[0], tree_rss_kb(process.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        status = process.wait()
        sampler.join()
    if status != 0:
        sys.exit(f"bench-spark: {' '.join(command)} failed; its output is in {log}")
    return {"wall_s": round(time.monotonic() - started, 2), "peak_rss_mb": round(peak[0] / 1024),
            "detail_models_s": bench.detail_model_seconds()}


def bench_size(rows: int, base: Path) -> dict:
    folder = WORK / f"rows_{rows}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    detail = folder / "detail"
    subprocess.run([DUCKDB_PYTHON, "scripts/generate_detail.py", "--rows", str(rows), "--out", str(detail),
                    "--warehouse", str(base)], cwd=PROJECT_DIR, check=True, capture_output=True)
    env = dict(os.environ) | {"CTW_WITH_DETAIL": "1", "CTW_DETAIL_PATH": str(detail),
                              "CTW_WAREHOUSE_PATH": str(folder / "warehouse" / "china_trade.duckdb"),
                              "CTW_SPARK_DIR": str(folder / "spark")}
    print(f"  {rows:,} rows: DuckDB full build ...", flush=True)
    duck_full = measured([DUCKDB_PYTHON, "scripts/build.py"], env | {"CTW_DETAIL_FULL_REFRESH": "1"},
                         folder / "duckdb_full.log")
    print(f"  Spark full build ...", flush=True)
    spark_full = measured([SPARK_PYTHON, "scripts/build_spark.py"], env, folder / "spark_full.log")
    month = bench.replace_latest_month(detail, base, rows, folder / "replace.log")
    print(f"  {month} replaced: DuckDB incremental ...", flush=True)
    duck_inc = measured([DUCKDB_PYTHON, "scripts/build.py"], env, folder / "duckdb_incremental.log")
    print(f"  Spark incremental ...", flush=True)
    spark_inc = measured([SPARK_PYTHON, "scripts/build_spark.py", "--incremental"], env,
                         folder / "spark_incremental.log")
    shutil.rmtree(folder / "spark", ignore_errors=True)  # gigabytes of Parquet
    return {"rows": rows, "month_replaced": month, "duckdb": {"full": duck_full, "incremental": duck_inc},
            "spark": {"full": spark_full, "incremental": spark_inc}}


def markdown(results: dict) -> list[str]:
    """The section scripts/bench.py adds to RESULTS.md."""
    lines = [
        "## Spark beside DuckDB",
        "",
        f"Run {results['run_at']} by `make bench-spark` (scripts/bench_spark.py): the same SYNTHETIC lines built by "
        f"each engine on this machine, local Spark {results['versions']['pyspark']} (`local[2]`, dbt-spark "
        f"{results['versions']['dbt-spark']}, session method) against DuckDB {results['versions']['duckdb']}. "
        "Whole commands: DuckDB's includes its expectation suites and publishing, Spark's loads the raw tables "
        "and starts a JVM (about 10 s) and, incremental, rebuilds the headline models, which it has no detail-only "
        "path to skip. Peak memory is the whole process tree's, the JVM included.",
        "",
        "| rows | full build: DuckDB / Spark | one-month incremental: DuckDB / Spark "
        "| detail models (dbt), full: DuckDB / Spark | detail models, incremental: DuckDB / Spark "
        "| peak memory, full: DuckDB / Spark |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results["sizes"]:
        d, s = r["duckdb"], r["spark"]
        lines.append(
            f"| {r['rows']:,} | {d['full']['wall_s']} s / {s['full']['wall_s']} s "
            f"| {d['incremental']['wall_s']} s / {s['incremental']['wall_s']} s "
            f"| {d['full']['detail_models_s']} s / {s['full']['detail_models_s']} s "
            f"| {d['incremental']['detail_models_s']} s / {s['incremental']['detail_models_s']} s "
            f"| {d['full']['peak_rss_mb']:,} MB / {s['full']['peak_rss_mb']:,} MB |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "bench")
    args = parser.parse_args()
    base = published_path()
    if not base.is_file():
        sys.exit("bench-spark: no published warehouse to split the lines from: run make build first")
    WORK.mkdir(parents=True, exist_ok=True)
    results = {"run_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "versions": {name: metadata.version(name) for name in ("pyspark", "dbt-spark", "duckdb")},
               "sizes": []}
    for rows in (int(size) for size in args.sizes.split(",")):
        results["sizes"].append(bench_size(rows, base))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "spark_results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    duckdb_results = args.out / "results.json"
    if duckdb_results.is_file():  # RESULTS.md: DuckDB's own tables, then this section
        text = bench.markdown(json.loads(duckdb_results.read_text(encoding="utf-8")), results)
        (args.out / "RESULTS.md").write_text(text, encoding="utf-8")
    print("\n".join(markdown(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
