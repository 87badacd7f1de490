"""Build the warehouse by write-audit-publish (make build).
The code is ctw.build; this script only runs it (and checks it runs its own project, ctw.cli)."""

import sys

from ctw import cli

if __name__ == "__main__":
    sys.exit(cli.run(__file__, "ctw.build"))
