"""Build the headline DAG on Apache Spark (make build-spark).
The code is ctw.scale.build_spark; this script only runs it (and checks it runs its own project, ctw.cli)."""

import sys

from ctw import cli

if __name__ == "__main__":
    sys.exit(cli.run(__file__, "ctw.scale.build_spark"))
