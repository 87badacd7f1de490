"""Benchmark a warm `make build` (nothing changed since the last build) against the peer project jaffle_shop_duckdb's
whole `dbt build`, side by side in one run, and show where our build's time goes.

  ours   python scripts/build.py, publishing to a scratch file (target/bench-build/warehouse/), never the published
         warehouse; CTW_KEEP_VERSIONS=1 keeps the scratch small
  peer   dbt build --profiles-dir . in a scratch copy of --peer (make bench-build PEER=...; by default
         ../shared/bench-peers/jaffle_shop_duckdb, which only the development machines have)
         (target/bench-build/jaffle_shop_duckdb), with the project's own dbt

Each gets one untimed warm-up (dbt's partial parsing state, bytecode), then N measured runs alternating ours, peer,
ours, peer ... For each run: CPU time (user+sys of the whole process tree, from getrusage(RUSAGE_CHILDREN) before
and after), wall time, and peak RSS (of the largest single process in the run's tree, from wait4). Then
min/median/max and the ratio of medians ours/peer; the median wall of each step of our build; and fixed costs,
medians of 3: dbt import, warm dbt parse, Great Expectations import, and dbt's own timings from run_results.json.
CTW_* and DBT_* variables of the calling shell are left out, so that the figures do not depend on it.

Usage: .venv/bin/python scripts/bench_build.py [--runs 5] [--peer PATH] [--out bench/build_results.json]
Writes JSON to --out and prints a Markdown summary. Timings are figures, not tests: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from ctw.config import PROJECT_DIR
from ctw.scale.bench import machine

WORK = PROJECT_DIR / "target" / "bench-build"
PYTHON = sys.executable
DBT = str(Path(sys.executable).parent / "dbt")
STEP_DONE = re.compile(r"^\s+(.+): done in ([\d.]+) s$", re.MULTILINE)
BASE_ENV = {k: v for k, v in os.environ.items() if not k.startswith(("CTW_", "DBT_"))} | {"DO_NOT_TRACK": "1"}
PUBLISHED = WORK / "warehouse" / "china_trade.duckdb"
OURS_ENV = BASE_ENV | {"DBT_PROFILES_DIR": str(PROJECT_DIR), "CTW_WAREHOUSE_PATH": str(PUBLISHED),
                       "CTW_KEEP_VERSIONS": "1"}
# the candidate as build.py passes it to dbt (relative to the project), so that dbt parse renders the same profile
CANDIDATE = (PUBLISHED.parent / "candidate" / "china_trade.duckdb").relative_to(PROJECT_DIR).as_posix()
MB = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux


def measure(command: list[str], cwd: Path, env: dict[str, str]) -> dict:
    """Run command to its end: CPU (user+sys of it and every descendant waited for), wall, peak RSS and output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    with subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True) as proc:
        output = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)  # this run's own rusage, for its peak RSS
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}) in {cwd}: {' '.join(command)}\n{output[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cpu_s": round(cpu, 3), "wall_s": round(wall, 3), "peak_rss_mb": round(usage.ru_maxrss / MB),
            "output": output}


def spread(values: list[float]) -> dict:
    return {"min": min(values), "median": round(statistics.median(values), 3), "max": max(values)}


def copy_peer(peer: Path, scratch: Path) -> None:
    """A writable copy of the read-only peer, without any state of its own (target/, logs/, database)."""
    shutil.rmtree(scratch, ignore_errors=True)
    for source in peer.rglob("*"):
        relative = source.relative_to(peer)
        if source.is_file() and relative.parts[0] not in ("target", "logs") and source.suffix != ".duckdb":
            (scratch / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, scratch / relative)


def dbt_results(path: Path) -> dict:
    results = json.loads(path.read_text(encoding="utf-8"))
    by_type: dict[str, dict] = {}
    for result in results["results"]:
        kind = by_type.setdefault(result["unique_id"].split(".", 1)[0], {"count": 0, "execution_s": 0.0})
        kind["count"] += 1
        kind["execution_s"] = round(kind["execution_s"] + result["execution_time"], 3)
    return {"elapsed_s": round(results["elapsed_time"], 3), "by_type": by_type}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each (default 5)")
    parser.add_argument("--peer", type=Path,
                        default=PROJECT_DIR.parent / "shared" / "bench-peers" / "jaffle_shop_duckdb")
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "bench" / "build_results.json")
    args = parser.parse_args()
    if not (args.peer / "dbt_project.yml").is_file():  # development only: a clone has no ../shared
        print(f"no benchmark peer at {args.peer}: clone github.com/dbt-labs/jaffle_shop_duckdb (commit 9b13827) and "
              "pass its folder as PEER=", file=sys.stderr)
        return 2
    peer_dir = WORK / "jaffle_shop_duckdb"
    shutil.rmtree(PUBLISHED.parent, ignore_errors=True)
    copy_peer(args.peer.resolve(), peer_dir)
    commands = {"ours": ([PYTHON, "scripts/build.py"], PROJECT_DIR, OURS_ENV),
                "peer": ([DBT, "build", "--profiles-dir", "."], peer_dir, BASE_ENV)}

    for name, (command, cwd, env) in commands.items():
        print(f"warm-up {name} ...", flush=True)
        measure(command, cwd, env)
    runs: dict[str, list[dict]] = {"ours": [], "peer": []}
    steps: dict[str, list[float]] = {}
    for i in range(1, args.runs + 1):
        for name, (command, cwd, env) in commands.items():
            run = measure(command, cwd, env)
            output = run.pop("output")
            if name == "ours":
                for step, seconds in STEP_DONE.findall(output):
                    steps.setdefault(step, []).append(float(seconds))
                steps.setdefault("(outside the steps)", []).append(
                    run["wall_s"] - sum(float(s) for _, s in STEP_DONE.findall(output)))
            runs[name].append(run)
            print(f"run {i} {name}: CPU {run['cpu_s']:.2f} s, wall {run['wall_s']:.2f} s, "
                  f"peak RSS {run['peak_rss_mb']} MB", flush=True)
    dbt_run = dbt_results(PROJECT_DIR / "target" / "run_results.json")  # before dbt parse can touch target/

    print("fixed costs ...", flush=True)
    fixed_commands = {
        "dbt import": [PYTHON, "-c", "import dbt.cli.main"],
        "dbt parse (warm)": [DBT, "parse"],
        "GX import": [PYTHON, "-c", "import great_expectations"],
    }
    fixed, partial = {}, True
    for name, command in fixed_commands.items():
        measured = [measure(command, PROJECT_DIR, OURS_ENV | {"CTW_DBT_PATH": CANDIDATE}) for _ in range(3)]
        partial &= not any("Unable to do partial parsing" in m["output"] for m in measured)
        fixed[name] = {key: round(statistics.median(m[key] for m in measured), 3) for key in ("cpu_s", "wall_s")}

    summary = {name: {key: spread([r[key] for r in rs]) for key in ("cpu_s", "wall_s", "peak_rss_mb")}
               for name, rs in runs.items()}
    ratio = {key: round(summary["ours"][key]["median"] / summary["peer"][key]["median"], 1)
             for key in ("cpu_s", "wall_s")}
    step_medians = {step: round(statistics.median(values), 2) for step, values in steps.items()}
    time_v = "/usr/bin/time -v" if sys.platform != "darwin" else "/usr/bin/time -l"
    by_hand = {
        "ours": f"cd {PROJECT_DIR} && env DBT_PROFILES_DIR={PROJECT_DIR} DO_NOT_TRACK=1 CTW_WAREHOUSE_PATH={PUBLISHED} "
                f"CTW_KEEP_VERSIONS=1 {time_v} {PYTHON} scripts/build.py",
        "peer": f"cd {peer_dir} && env DO_NOT_TRACK=1 {time_v} {DBT} build --profiles-dir .",
    }
    result = {"date_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
              "runs": args.runs, "commands": by_hand, "per_run": runs, "summary": summary, "ratio_ours_peer": ratio,
              "our_steps_median_wall_s": step_medians, "fixed_costs_median_of_3": fixed,
              "dbt_parse_was_partial": partial, "dbt_run_results_last_build": dbt_run}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    m = result["machine"]
    print(f"\n## Warm build: china-trade-warehouse vs jaffle_shop_duckdb\n\n{result['date_utc']}; {m['cpu']}, "
          f"{m['cores']} cores, {m['memory_gb']} GB; {m['os']}, Python {m['python']}; {args.runs} alternating runs "
          f"each after one warm-up.\n\n| | CPU s min / median / max | wall s min / median / max | peak RSS MB |\n"
          "|---|---|---|---|")
    for name, s in summary.items():
        print(f"| {name} | {s['cpu_s']['min']:.2f} / **{s['cpu_s']['median']:.2f}** / {s['cpu_s']['max']:.2f} | "
              f"{s['wall_s']['min']:.2f} / **{s['wall_s']['median']:.2f}** / {s['wall_s']['max']:.2f} | "
              f"{s['peak_rss_mb']['median']:.0f} |")
    print(f"| ours / peer | **{ratio['cpu_s']}x** | **{ratio['wall_s']}x** | |\n\n"
          "Our build's steps (median wall s):\n\n| step | wall s |\n|---|---|")
    for step, seconds in step_medians.items():
        print(f"| {step} | {seconds:.2f} |")
    print("\nFixed costs (median of 3, in the project):\n\n| | CPU s | wall s |\n|---|---|---|")
    for name, f in fixed.items():
        print(f"| {name}{'' if partial or 'parse' not in name else ' (NOT partial: full parse)'} | "
              f"{f['cpu_s']:.2f} | {f['wall_s']:.2f} |")
    print(f"\ndbt's run_results.json of the last build: elapsed {dbt_run['elapsed_s']:.2f} s; "
          + "; ".join(f"{kind}: {v['count']} nodes, {v['execution_s']:.2f} s summed"
                      for kind, v in dbt_run["by_type"].items())
          + f"\n\nCPU is user+sys of the whole process tree; peak RSS is the largest single process of a run. "
            f"By hand:\n\n    {by_hand['ours']}\n    {by_hand['peer']}\n\nJSON: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
