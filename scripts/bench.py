"""The scale benchmark on SYNTHETIC detailed data (make bench).
The code is ctw.scale.bench; this script only runs it (and checks it runs its own project, ctw.cli)."""

import sys

from ctw import cli

if __name__ == "__main__":
    sys.exit(cli.run(__file__, "ctw.scale.bench"))
