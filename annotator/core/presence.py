"""Whether a project is open in another window, through a lock file beside it.

Each window holds a shared ``flock`` on ``PROJECT.db.lock`` (never on the
project file: closing any other descriptor of the database would drop
SQLite's own locks). Another holder is found by trying to turn the shared
lock into an exclusive one without waiting. The kernel lets go of the lock
when a process ends, however it ends, so a crashed window never leaves the
project looking open. The lock file stays (removing it while another window
holds it would hide that window from the next one); it is empty.

Where the lock file cannot be made (a read-only folder, a system without
``flock``) presence is simply unknown.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("annotator.presence")


def lock_path(project: Path) -> Path:
    return project.with_name(project.name + ".lock")


class Presence:
    """This window's presence on a project; :meth:`others` tells whether anyone else is there."""

    def __init__(self, project: Path) -> None:
        self._fd: int | None = None
        if fcntl is None:
            return
        try:
            fd = os.open(lock_path(project), os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            log.info("cannot note presence on %s: %s", project, error.strerror)
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
        except OSError:
            os.close(fd)
            return
        self._fd = fd

    def others(self) -> bool | None:
        """True if another window (any process) has the project open; None if unknown."""
        if self._fd is None or fcntl is None:
            return None
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return None
        fcntl.flock(self._fd, fcntl.LOCK_SH)
        return False

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
