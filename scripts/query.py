"""Ask the published warehouse, read-only (make query Q="balance 2025-11").
The code is ctw.present.query; this script only runs it (and checks it runs its own project, ctw.cli)."""

import sys

from ctw import cli

if __name__ == "__main__":
    sys.exit(cli.run(__file__, "ctw.present.query", sys.argv[1:]))
