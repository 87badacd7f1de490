"""Run the Great Expectations suites against a warehouse file (make build runs it on the candidate).
The code is ctw.validate.run; this script only runs it (and checks it runs its own project, ctw.cli)."""

import sys

from ctw import cli

if __name__ == "__main__":
    sys.exit(cli.run(__file__, "ctw.validate.run"))
