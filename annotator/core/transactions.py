"""The project's connection and its transactions: the part of the store every mutation uses.

:class:`Transactions` is the base of :class:`~annotator.core.store.Store`:
one connection, one all-or-nothing :meth:`~Transactions.transaction` at a
time (nested calls are savepoints), and SQLite's refusals turned into
sentences.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from annotator.core import project_file
from annotator.core.errors import ProjectBusy, StoreError
from annotator.core.model import Label


class Transactions:
    """A connection to a project and its transactions."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.path = path
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self._label_cache: dict[int, Label] | None = None
        self._texts: dict[int, str] = {}
        # Who is making changes (the window's or the command's annotator): quote
        # edits record them as ``changed_by``. None means the operating-system user.
        self.acting: str | None = None
        self.read_only = False
        self._holders = 1
        self._key: tuple[str, int] | None = None

    # -- transactions ----------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing unit of work; nested calls become savepoints.

        SQLite errors a user can cause (a read-only or locked file) come out as
        :class:`StoreError` with a sentence that says what to do.
        """
        self._label_cache = None
        if self.conn.in_transaction:
            try:
                with self.db.atomic():
                    yield self.conn
            except BaseException:
                self._label_cache = None
                self._texts.clear()
                raise
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise self._store_error(error) from None
        try:
            yield self.conn
        except sqlite3.OperationalError as error:
            self._rollback()
            raise self._store_error(error) from None
        except BaseException:
            self._rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as error:
            self._rollback()
            raise self._store_error(error) from None

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self._label_cache = None
        # A rolled-back import may have used ids that a later one will reuse.
        self._texts.clear()

    def _store_error(self, error: sqlite3.Error) -> StoreError:
        busy = project_file.code(error) in (project_file.SQLITE_BUSY, project_file.SQLITE_LOCKED)
        kind = ProjectBusy if busy else StoreError
        return kind(self.path, project_file.reason(error, writing=True))

    def wait_for_lock(self, milliseconds: int) -> None:
        """How long a write waits for another program's write lock before :class:`ProjectBusy`."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the project."""
        return project_file.data_version(self.conn)
