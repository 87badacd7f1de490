"""Check every seed CSV, naming file, line and column of each fault (make seeds-check).
The code is ctw.gate.seeds; this script only runs it (and checks it runs its own project, ctw.cli)."""

import sys

from ctw import cli

if __name__ == "__main__":
    sys.exit(cli.run(__file__, "ctw.gate.seeds"))
