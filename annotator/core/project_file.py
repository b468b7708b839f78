"""The project file as a file: what it holds before it is opened, and what SQLite says went wrong.

A project file is only ever read through SQLite. Opening and closing any
other file descriptor on it (Python's ``open()``, say) would drop every POSIX
lock this process holds on the database, and another process could then
delete a WAL this process still uses: the file would be corrupt. So the
header is checked by SQLite itself (``SQLITE_NOTADB``), never by hand.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

# SQLite's primary result codes (https://www.sqlite.org/rescode.html).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


@dataclass(frozen=True)
class FileInfo:
    """What an existing SQLite file says about itself."""

    application_id: int
    user_version: int
    # Every table, view, index and trigger: a file holding only a view is not empty.
    objects: tuple[str, ...]
    tables: tuple[str, ...]


def uri(path: Path, *, read_only: bool) -> str:
    """The SQLite URI of ``path``, read-only or read-write (never creating)."""
    return f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rw'}"


def inspect(path: Path) -> FileInfo:
    """Read an existing file's application id, version and schema objects through SQLite.

    Raises :class:`sqlite3.Error` (``SQLITE_NOTADB`` for a file that is not a
    database) for the caller to turn into a sentence with :func:`reason`.
    """
    conn = sqlite3.connect(uri(path, read_only=True), uri=True)
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        rows = conn.execute(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
    finally:
        conn.close()
    return FileInfo(
        app_id,
        version,
        tuple(name for _, name in rows),
        tuple(name for kind, name in rows if kind == "table"),
    )


def code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code of an error, when Python kept it."""
    value = getattr(error, "sqlite_errorcode", None)
    return None if value is None else int(value) & 0xFF


def reason(error: sqlite3.Error, *, writing: bool) -> str:
    """One sentence for what SQLite refused, saying what to do.

    ``writing`` adds that nothing was changed (the transaction rolled back).
    """
    primary = code(error)
    unchanged = "; nothing was changed" if writing else ""
    if primary == SQLITE_READONLY:
        return f"the project file is read-only{unchanged}. Copy it somewhere writable"
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return f"the project file is busy in another program{unchanged}. Try again in a moment"
    if primary == SQLITE_FULL:
        return f"the disk is full{unchanged}. Free some space and try again"
    if primary == SQLITE_IOERR:
        return (
            f"the disk or network share reported an input/output error ({error}){unchanged}. "
            "Check that it is still connected"
        )
    if primary in (SQLITE_CANTOPEN, SQLITE_PERM):
        return (
            "cannot open the file: you may not have permission to read it or to write "
            "in its folder, or the folder is gone"
        )
    if primary == SQLITE_NOTADB:
        return "not a SQLite database: the file is corrupt or of another kind"
    if primary == SQLITE_CORRUPT:
        return f"the database is corrupt ({error}){unchanged}"
    return f"database error: {error}{unchanged}"
