"""The project store: one SQLite file opened through sqlite-utils.

:class:`Store` opens (creating, checking or migrating) a project file and
answers read queries. Mutations live in one module per concept
(:mod:`~annotator.core.documents`, :mod:`~annotator.core.quotes`,
:mod:`~annotator.core.speakers`, :mod:`~annotator.core.labels`); each runs in
one :meth:`Store.transaction` and returns a :class:`~annotator.core.model.Change`.
"""

from __future__ import annotations

import contextlib
import datetime
import getpass
import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from annotator.core import schema
from annotator.core import search as search_module
from annotator.core.errors import NotFound, StoreError
from annotator.core.model import (
    Document,
    DocumentSummary,
    Label,
    Quote,
    Span,
    Speaker,
)

log = logging.getLogger("annotator.store")

_SQLITE_HEADER = b"SQLite format 3\x00"
# How many document texts the store keeps in memory for offset checks.
_TEXTS_KEPT = 8


def now() -> str:
    """The current UTC time as an ISO 8601 string, to the millisecond."""
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds")


def default_annotator() -> str:
    try:
        return getpass.getuser() or "annotator"
    except (KeyError, OSError):
        return "annotator"


def _inspect(path: Path) -> tuple[int, int, list[str]]:
    """(application_id, user_version, table names) of an existing file, read-only."""
    with path.open("rb") as handle:
        header = handle.read(len(_SQLITE_HEADER))
    if header != _SQLITE_HEADER:
        raise StoreError(path, "not a SQLite database: the file is corrupt or of another kind")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = [
                row[0]
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise StoreError(path, f"the database is corrupt ({error})") from None
    return app_id, version, tables


class Store:
    """An open project. Use :meth:`open` or :meth:`memory`, and :meth:`close` when done."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.path = path
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self._label_cache: dict[int, Label] | None = None
        self._texts: dict[int, str] = {}
        # Who is making changes (the window's or the command's annotator): quote
        # edits record them as ``changed_by``. None means the operating-system user.
        self.acting: str | None = None

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open a project file, creating it if it does not exist.

        A file of an older schema is migrated in one transaction after a backup
        copy is written beside it. A newer, foreign or corrupt file is refused
        with :class:`StoreError` and left untouched.
        """
        path = Path(path).expanduser()
        version = None
        if path.exists() and path.stat().st_size > 0:
            app_id, version, tables = _inspect(path)
            if app_id != schema.APPLICATION_ID:
                if tables:
                    raise StoreError(
                        path,
                        "not a Quote Annotator project (it is another program's SQLite "
                        f"database, with tables {', '.join(sorted(tables)[:5])})",
                    )
                version = None
            elif version > schema.SCHEMA_VERSION:
                raise StoreError(
                    path,
                    f"made by a newer Quote Annotator (schema version {version}; this "
                    f"version reads up to {schema.SCHEMA_VERSION}). Upgrade Quote "
                    "Annotator to open it",
                )
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(path, f"cannot create the folder: {error.strerror}") from None
        try:
            conn = sqlite3.connect(str(path), isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(path, f"cannot open: {error}") from None
        store = cls(conn, path)
        try:
            store._configure(wal=True)
            if version is None:
                store._create()
            elif version < schema.SCHEMA_VERSION:
                store._migrate(version)
        except sqlite3.Error as error:
            conn.close()
            raise StoreError(path, f"cannot open: {error}") from None
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def memory(cls) -> Store:
        """A fresh project in memory, for tests and scratch work."""
        store = cls(sqlite3.connect(":memory:", isolation_level=None), None)
        store._configure(wal=False)
        store._create()
        return store

    def _configure(self, wal: bool) -> None:
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA busy_timeout = 5000")
        if wal:
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                log.warning("%s: journal mode is %s, not WAL", self.path, mode)
            # In WAL mode NORMAL survives a killed process; FULL also survives
            # a power cut at the cost of one fsync per commit, which is cheap
            # next to a person's typing.
            self.conn.execute("PRAGMA synchronous = FULL")

    def _create(self) -> None:
        with self.transaction():
            schema.create(self.db)
        log.info("created project %s", self.path or ":memory:")

    def _migrate(self, version: int) -> None:
        assert self.path is not None
        backup = self.path.with_name(f"{self.path.name}.v{version}.bak")
        # The backup API copies a consistent snapshot, WAL content included.
        target = sqlite3.connect(str(backup))
        try:
            self.conn.backup(target)
        finally:
            target.close()
        log.info("backed up %s to %s before migrating", self.path, backup)
        # Rebuilding a table means dropping the old one, which must not cascade;
        # foreign keys are checked as a whole before the migration commits.
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with self.transaction():
                for step in range(version, schema.SCHEMA_VERSION):
                    migration = schema.MIGRATIONS.get(step)
                    if migration is None:
                        raise StoreError(self.path, f"no migration from schema version {step}")
                    migration(self.db)
                schema.create_views(self.db)
                schema.set_version(self.conn, schema.SCHEMA_VERSION)
                broken = self.conn.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise StoreError(
                        self.path,
                        f"cannot migrate: {len(broken)} rows point at rows that do not exist",
                    )
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")
        log.info("migrated %s from schema %d to %d", self.path, version, schema.SCHEMA_VERSION)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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

    def _store_error(self, error: sqlite3.OperationalError) -> StoreError:
        message = str(error)
        if "readonly" in message or "read-only" in message:
            reason = (
                "the project file is read-only; nothing was changed. Copy it somewhere writable"
            )
        elif "locked" in message or "busy" in message:
            reason = (
                "the project file is busy in another program; nothing was changed. "
                "Try again in a moment"
            )
        elif "disk" in message and "full" in message:
            reason = "the disk is full; nothing was changed. Free some space and try again"
        else:
            reason = f"database error: {message}; nothing was changed"
        return StoreError(self.path, reason)

    # -- annotators ------------------------------------------------------------

    def ensure_annotator(self, name: str | None = None) -> int:
        """The id of annotator ``name`` (default: the operating-system user), created if new."""
        name = (name or default_annotator()).strip() or default_annotator()
        row = self.conn.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
        if row:
            return int(row[0])
        with self.transaction():
            cursor = self.conn.execute("INSERT INTO annotators (name) VALUES (?)", (name,))
        return int(cursor.lastrowid or 0)

    def acting_id(self) -> int:
        """The id of the annotator making changes now (see :attr:`acting`)."""
        return self.ensure_annotator(self.acting)

    def annotators(self) -> dict[int, str]:
        return dict(self.conn.execute("SELECT id, name FROM annotators ORDER BY name"))

    def annotator_kinds(self) -> dict[int, str]:
        """Each annotator's kind: ``coder`` or ``gold``."""
        return dict(self.conn.execute("SELECT id, kind FROM annotators"))

    # -- documents -------------------------------------------------------------

    def document(self, document_id: int) -> Document:
        row = self.conn.execute(
            "SELECT id, external_id, title, text, sha256, source, metadata, status, imported_at, "
            "collection FROM documents WHERE id = ?",
            (document_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no document with id {document_id}")
        return Document(
            id=row[0],
            external_id=row[1],
            title=row[2],
            text=row[3],
            sha256=row[4],
            source=row[5],
            metadata=json.loads(row[6]),
            status=row[7],
            imported_at=row[8],
            collection=row[9],
        )

    def document_text(self, document_id: int) -> str:
        """A document's text. Texts never change once imported, so recent ones are kept."""
        text = self._texts.get(document_id)
        if text is None:
            row = self.conn.execute(
                "SELECT text FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
            if row is None:
                raise NotFound(f"no document with id {document_id}")
            text = str(row[0])
            if len(self._texts) >= _TEXTS_KEPT:
                self._texts.pop(next(iter(self._texts)))
            self._texts[document_id] = text
        return text

    def document_by_external_id(self, external_id: str) -> Document | None:
        row = self.conn.execute(
            "SELECT id FROM documents WHERE external_id = ?", (external_id,)
        ).fetchone()
        return self.document(row[0]) if row else None

    def document_count(self, status: str | None = None) -> int:
        if status is None:
            return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        return int(
            self.conn.execute(
                "SELECT count(*) FROM documents WHERE status = ?", (status,)
            ).fetchone()[0]
        )

    def document_ids(self, status: str | None = None, search: str | None = None) -> list[int]:
        """Ids of documents in list order, optionally filtered by status and full-text search."""
        where, params = [], []  # type: tuple[list[str], list[Any]]
        if status:
            where.append("documents.status = ?")
            params.append(status)
        match = fts_query(search) if search else ""
        if match:
            where.append(
                "documents.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
            )
            params.append(match)
        sql = "SELECT id FROM documents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        return [row[0] for row in self.conn.execute(sql, params)]

    def summaries(self, ids: list[int]) -> list[DocumentSummary]:
        """List rows (title, status, quote count) for the given ids, in that order."""
        if not ids:
            return []
        rows: dict[int, DocumentSummary] = {}
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                "SELECT id, external_id, title, status, "
                "(SELECT count(*) FROM quotes WHERE document_id = documents.id) "
                f"FROM documents WHERE id IN ({marks})",
                chunk,
            ):
                rows[row[0]] = DocumentSummary(*row)
        return [rows[i] for i in ids if i in rows]

    def status_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(("new", "in_progress", "done", "skipped"), 0)
        for status, count in self.conn.execute(
            "SELECT status, count(*) FROM documents GROUP BY status"
        ):
            counts[status] = count
        return counts

    # -- quotes ----------------------------------------------------------------

    def quotes(self, document_id: int) -> list[Quote]:
        """The document's quotes in text order (by first span start, then id)."""
        return self._quotes("quotes.document_id = ?", (document_id,))

    def quote(self, quote_id: int) -> Quote:
        found = self._quotes("quotes.id = ?", (quote_id,))
        if not found:
            raise NotFound(f"no quote with id {quote_id}")
        return found[0]

    def _quotes(self, where: str, params: tuple[Any, ...]) -> list[Quote]:
        # Two queries in all, however many quotes: this runs on every document open.
        spans: dict[int, list[Span]] = {}
        for quote_id, start, end in self.conn.execute(
            'SELECT quote_id, start, "end" FROM quote_spans '
            f"JOIN quotes ON quotes.id = quote_spans.quote_id WHERE {where} "
            'ORDER BY quote_id, start, "end"',
            params,
        ):
            found = spans.get(quote_id)
            if found is None:
                spans[quote_id] = [Span(start, end)]
            else:
                found.append(Span(start, end))
        quotes = [
            Quote(
                row[0],
                row[1],
                tuple(spans.get(row[0], ())),
                row[2],
                None if row[3] is None else Span(row[3], row[4]),
                None if row[5] is None else Span(row[5], row[6]),
                row[7],
                row[8],
                row[9],
                row[10],
                row[11],
                row[12],
                row[13],
                row[14],
                row[15],
                row[16],
                tuple(json.loads(row[17])),
            )
            for row in self.conn.execute(
                "SELECT id, document_id, speaker_id, mention_start, mention_end, cue_start, "
                "cue_end, stance_id, quote_type_id, target, note, annotator_id, origin, "
                "created_at, updated_at, uid, changed_by, provenance "
                f"FROM quotes WHERE {where}",
                params,
            )
        ]
        quotes.sort(key=_text_order)
        return quotes

    def quotes_by_annotators(
        self, annotator_ids: list[int], collection: str | None = None
    ) -> list[Quote]:
        """Every quote of these annotators (in one collection, if given), in text order."""
        where = f"quotes.annotator_id IN ({','.join('?' * len(annotator_ids))})"
        params: list[Any] = list(annotator_ids)
        if collection is not None:
            where += " AND quotes.document_id IN (SELECT id FROM documents WHERE collection = ?)"
            params.append(collection)
        return self._quotes(where, tuple(params))

    def quote_count(self, document_id: int | None = None) -> int:
        if document_id is None:
            return int(self.conn.execute("SELECT count(*) FROM quotes").fetchone()[0])
        return int(
            self.conn.execute(
                "SELECT count(*) FROM quotes WHERE document_id = ?", (document_id,)
            ).fetchone()[0]
        )

    def targets(self) -> list[str]:
        """Stance targets already used, most used first, for completion."""
        return [
            row[0]
            for row in self.conn.execute(
                "SELECT target FROM quotes WHERE target != '' GROUP BY target "
                "ORDER BY count(*) DESC, target"
            )
        ]

    # -- speakers --------------------------------------------------------------

    def speakers(self) -> list[Speaker]:
        return [
            Speaker(row[0], row[1], tuple(json.loads(row[2])), row[3])
            for row in self.conn.execute(
                "SELECT id, name, aliases, description FROM speakers ORDER BY name COLLATE NOCASE"
            )
        ]

    def speaker(self, speaker_id: int) -> Speaker:
        row = self.conn.execute(
            "SELECT id, name, aliases, description FROM speakers WHERE id = ?", (speaker_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no speaker with id {speaker_id}")
        return Speaker(row[0], row[1], tuple(json.loads(row[2])), row[3])

    def find_speaker(self, name: str) -> Speaker | None:
        """The speaker whose name or one of whose aliases is ``name`` (case-insensitive)."""
        name = " ".join(name.split())
        if not name:
            return None
        row = self.conn.execute(
            "SELECT id FROM speakers WHERE name = ? COLLATE NOCASE", (name,)
        ).fetchone()
        if row is None:
            row = self.conn.execute(
                "SELECT speakers.id FROM speakers, json_each(speakers.aliases) "
                "WHERE json_each.value = ? COLLATE NOCASE ORDER BY speakers.id LIMIT 1",
                (name,),
            ).fetchone()
        return self.speaker(row[0]) if row else None

    # -- labels ----------------------------------------------------------------

    def labels(self, kind: str | None = None) -> list[Label]:
        if self._label_cache is None:
            self._label_cache = {
                row[0]: Label(*row)
                for row in self.conn.execute(
                    "SELECT id, kind, name, color, shortcut, position, description FROM labels "
                    "ORDER BY kind, position, id"
                )
            }
        return [label for label in self._label_cache.values() if kind in (None, label.kind)]

    def forget_labels(self) -> None:
        """Drop the cached scheme; label writers call this after each write."""
        self._label_cache = None

    def label(self, label_id: int) -> Label:
        for label in self.labels():
            if label.id == label_id:
                return label
        raise NotFound(f"no label with id {label_id}")

    def find_label(self, kind: str, name: str) -> Label | None:
        for label in self.labels(kind):
            if label.name.casefold() == name.strip().casefold():
                return label
        return None


def _text_order(quote: Quote) -> tuple[int, int]:
    return (quote.spans[0].start if quote.spans else -1, quote.id)


def fts_query(search: str) -> str:
    """What a person types as an FTS5 query (see :mod:`annotator.core.search`).

    Empty when there is nothing to search for (no letter or digit): no filter.
    """
    try:
        return search_module.match_expression(search_module.parse(search))
    except search_module.SearchRefused:
        return ""
