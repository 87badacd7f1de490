"""A warm build against a peer project's, side by side (make bench-build).
The code is ctw.scale.bench_build; this script only runs it (and checks it runs its own project, ctw.cli)."""

import sys

from ctw import cli

if __name__ == "__main__":
    sys.exit(cli.run(__file__, "ctw.scale.bench_build"))
