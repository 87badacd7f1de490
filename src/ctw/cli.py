"""What every command-line entry point (scripts/*.py) does before it runs: make sure it runs its own project.

A script belongs to the project folder it lies in; the package it imports must be that project's src/ctw.
Otherwise (a copy of the project run with another checkout's environment and no PYTHONPATH=<copy>/src) the copy's
command would silently run the other checkout's code on the other checkout's files. It stops instead, saying how."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from ctw import config


def own_project(script: str) -> None:
    """Exit with a message when the script's project is not the one the imported package belongs to."""
    project = Path(script).resolve().parent.parent
    if project != config.PROJECT_DIR:
        sys.exit(f"{script} belongs to the project in {project}, but Python imported the package ctw from "
                 f"{config.PROJECT_DIR / 'src'}: it would run that project's code on that project's files. Run it "
                 f"through make in {project}, or with PYTHONPATH={project / 'src'}")


def run(script: str, module: str, *args) -> int:
    """What scripts/<name>.py does: check it runs its own project, then return the exit status of module's main."""
    own_project(script)
    return importlib.import_module(module).main(*args)
