"""Draw the charts of the published warehouse (make report).
The code is ctw.present.charts; this script only runs it (and checks it runs its own project, ctw.cli)."""

import sys

from ctw import cli

if __name__ == "__main__":
    sys.exit(cli.run(__file__, "ctw.present.charts"))
