"""The build's children die with it: no orphan goes on writing a candidate after its build was killed."""

from __future__ import annotations

import ctypes
import signal
import sys


def die_with_parent() -> None:
    """preexec_fn for children: the kernel kills them if the build dies, so no orphan writes a stale candidate.

    Linux only (prctl). Elsewhere, macOS included, a child outlives a killed build; its writes still go to the
    candidate only, which the next build removes before it starts, so the published file is safe either way."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_pdeathsig = 1
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
