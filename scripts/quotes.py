"""How many raw rows carry the words that printed them; document quotes checked against their documents (make quotes).
The code is ctw.gate.quotes; this script only runs it (and checks it runs its own project, ctw.cli)."""

import sys

from ctw import cli

if __name__ == "__main__":
    sys.exit(cli.run(__file__, "ctw.gate.quotes"))
