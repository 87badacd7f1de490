"""List the kept versions of the published warehouse, or roll back to one (make versions, make rollback TO=...).
The code is ctw.publish.versions; this script only runs it (and checks it runs its own project, ctw.cli)."""

import sys

from ctw import cli

if __name__ == "__main__":
    sys.exit(cli.run(__file__, "ctw.publish.versions"))
