"""The inner loop: rebuild selected models on a scratch copy of the published warehouse (make dev S="<dbt selector>").
The code is ctw.dev; this script only runs it (and checks it runs its own project, ctw.cli)."""

import sys

from ctw import cli

if __name__ == "__main__":
    sys.exit(cli.run(__file__, "ctw.dev", sys.argv[1:]))
