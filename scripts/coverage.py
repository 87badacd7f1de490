"""The README's coverage section, generated from the published warehouse (make coverage).
The code is ctw.present.coverage; this script only runs it (and checks it runs its own project, ctw.cli)."""

import sys

from ctw import cli

if __name__ == "__main__":
    sys.exit(cli.run(__file__, "ctw.present.coverage"))
