"""The build lock: one build or rollback at a time, released by the kernel when its holder dies."""

from __future__ import annotations

import fcntl
import os
from datetime import datetime, timezone
from pathlib import Path

from ctw.publish import PublishError


class BuildLock:
    """An exclusive flock on .build.lock. The kernel releases it when the holder exits, even by SIGKILL."""

    def __init__(self, path: Path, purpose: str):
        self.path = path
        self.purpose = purpose
        self.handle = None

    def __enter__(self) -> "BuildLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # Python opens it close-on-exec: children never hold it
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown holder"
            handle.close()
            raise PublishError(
                f"another build or rollback is running ({holder}); it holds {self.path}. "
                "Wait for it to finish, then run again. The published warehouse is untouched."
            ) from None
        handle.seek(0)
        handle.truncate()
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        handle.write(f"{self.purpose}, pid {os.getpid()}, started {started}\n")
        handle.flush()
        self.handle = handle
        return self

    def __exit__(self, *exc) -> None:
        self.handle.close()  # closing releases the flock; the file stays, empty locks are harmless
