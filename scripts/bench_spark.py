"""Spark beside DuckDB on the same SYNTHETIC detailed data (make bench-spark).
The code is ctw.scale.bench_spark; this script only runs it (and checks it runs its own project, ctw.cli)."""

import sys

from ctw import cli

if __name__ == "__main__":
    sys.exit(cli.run(__file__, "ctw.scale.bench_spark"))
