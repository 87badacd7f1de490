"""Write SYNTHETIC detailed customs data (make detail ROWS=<rows>).
The code is ctw.scale.synthetic_detail; this script only runs it (and checks it runs its own project, ctw.cli)."""

import sys

from ctw import cli

if __name__ == "__main__":
    sys.exit(cli.run(__file__, "ctw.scale.synthetic_detail"))
