"""The project file as a file: what it holds before it is opened, and what SQLite says went wrong.

A project file is only ever read through SQLite. Opening and closing any
other file descriptor on it (Python's ``open()``, say) would drop every POSIX
lock this process holds on the database, and another process could then
delete a WAL this process still uses: the file would be corrupt. So the
header is checked by SQLite itself (``SQLITE_NOTADB``), never by hand.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core import schema
from annotator.core.errors import StoreError

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

# Files up to this size get PRAGMA quick_check at open (about a second at most):
# damage in a page that opening does not read would otherwise be written to.
QUICK_CHECK_BYTES = 64 * 1024 * 1024


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


def data_version(conn: sqlite3.Connection) -> int:
    """SQLite's count of commits by other connections to this database."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


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


@contextlib.contextmanager
def tidy_if_refused(path: Path) -> Iterator[None]:
    """Remove the -wal and -shm files an attempt to open ``path`` made, if it was refused.

    Only files that were not there before and hold no journal content: a
    -wal with frames in it is never deleted.
    """
    sidecars = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    existed = {sidecar for sidecar in sidecars if sidecar.exists()}
    try:
        yield
    except BaseException:
        wal, shm = sidecars
        with contextlib.suppress(OSError):
            if wal not in existed and wal.exists() and wal.stat().st_size == 0:
                wal.unlink()
            if shm not in existed and shm.exists() and not wal.exists():
                shm.unlink()
        raise


def writable(path: Path) -> bool:
    """Whether the file and its folder (for the WAL and its index) can be written."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def connect(path: Path, read_only: bool | None) -> tuple[sqlite3.Connection, FileInfo | None, bool]:
    """A connection to ``path`` after checking what it holds: (connection, info, read-only).

    ``info`` is None for a new or empty file, to be created. A foreign, newer
    or unreadable file is refused with :class:`StoreError` and not touched.
    ``read_only`` None opens read-only exactly when the file cannot be written.
    """
    info = None
    if path.exists() and path.stat().st_size > 0:
        try:
            info = inspect(path)
        except sqlite3.Error as error:
            raise StoreError(path, reason(error, writing=False)) from None
        if info.application_id != schema.APPLICATION_ID:
            if info.objects:
                raise StoreError(
                    path,
                    "not a Quote Annotator project (it is another program's SQLite "
                    f"database, with {', '.join(sorted(info.objects)[:5])})",
                )
            info = None
        elif info.user_version > schema.SCHEMA_VERSION:
            raise StoreError(
                path,
                f"made by a newer Quote Annotator (schema version {info.user_version}; this "
                f"version reads up to {schema.SCHEMA_VERSION}). Upgrade Quote "
                "Annotator to open it",
            )
        if read_only is None:
            read_only = not writable(path)
    else:
        read_only = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(path, f"cannot create the folder: {error.strerror}") from None
    try:
        if read_only:
            conn = sqlite3.connect(uri(path, read_only=True), uri=True, isolation_level=None)
        else:
            conn = sqlite3.connect(str(path), isolation_level=None)
    except sqlite3.Error as error:
        raise StoreError(path, reason(error, writing=False)) from None
    return conn, info, bool(read_only)


def check(
    conn: sqlite3.Connection, path: Path, info: FileInfo, read_only: bool, quick: bool = True
) -> None:
    """Refuse a project with a table missing, (if small enough) a damaged page, or read-only
    and too old to migrate."""
    if read_only and info.user_version < schema.SCHEMA_VERSION:
        raise StoreError(
            path,
            f"made by an older Quote Annotator (schema version {info.user_version}) and "
            "read-only, so it cannot be brought up to date. Copy it somewhere writable",
        )
    if info.user_version == schema.SCHEMA_VERSION:
        missing = sorted(set(schema.TABLES) - set(info.tables))
        if missing:
            raise StoreError(
                path,
                f"the project is damaged: the table {missing[0]} is missing. Restore a backup copy",
            )
    if quick and path.stat().st_size <= QUICK_CHECK_BYTES:
        found = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
        if found != ["ok"]:
            raise StoreError(
                path,
                f"the database is corrupt (SQLite's check found: {'; '.join(found)}). "
                "Nothing was changed; restore a backup copy",
            )
