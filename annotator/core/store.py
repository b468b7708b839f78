"""The project store: one SQLite file opened through sqlite-utils.

:class:`Store` opens (creating, checking or migrating) a project file and
answers read queries. Mutations live in one module per concept
(:mod:`~annotator.core.documents`, :mod:`~annotator.core.quotes`,
:mod:`~annotator.core.speakers`, :mod:`~annotator.core.labels`); each runs in
one :meth:`Store.transaction` and returns a :class:`~annotator.core.model.Change`.
"""

from __future__ import annotations

import datetime
import getpass
import json
import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

from annotator.core import project_file, schema
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
from annotator.core.transactions import Transactions

log = logging.getLogger("annotator.store")

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


# Stores open in this process, by resolved path and thread (a connection never
# crosses threads): opening an open path again shares the store, counted.
_open_stores: dict[tuple[str, int], Store] = {}


class Store(Transactions):
    """An open project. Use :meth:`open` or :meth:`memory`, and :meth:`close` when done."""

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool | None = None) -> Store:
        """Open a project file, creating it if it does not exist.

        A file of an older schema is migrated in one transaction after a backup
        copy is written beside it. A newer, foreign or corrupt file is refused
        with :class:`StoreError` and left untouched. A file this process (this
        thread) already has open is not opened twice: the open store is
        returned, and it closes when every opener has closed it. A file that
        cannot be written (``read_only`` None: found out) is opened read-only
        and every write is refused with a message.
        """
        path = Path(path).expanduser()
        key = (str(path.resolve()), threading.get_ident())
        shared = _open_stores.get(key)
        if shared is not None:
            shared._holders += 1
            return shared
        # Checked (quick_check) when another thread opened it; not again.
        checked = any(open_path == key[0] for open_path, _ in _open_stores)
        store = cls._open_file(path, read_only, checked)
        store._key = key
        _open_stores[key] = store
        return store

    @classmethod
    def _open_file(cls, path: Path, read_only: bool | None, checked: bool) -> Store:
        # A refused file is left as it was found, without -wal or -shm beside it.
        with project_file.tidy_if_refused(path):
            conn, info, read_only = project_file.connect(path, read_only)
            store = cls(conn, path)
            store.read_only = read_only
            try:
                if info is not None:
                    # Before the journal mode is set: nothing is written to a damaged file.
                    project_file.check(conn, path, info, read_only, quick=not checked)
                store._configure(wal=not read_only)
                if info is None:
                    store._create()
                elif info.user_version < schema.SCHEMA_VERSION:
                    store._migrate(info.user_version)
            except sqlite3.Error as error:
                conn.close()
                raise StoreError(path, project_file.reason(error, writing=False)) from None
            except BaseException:
                conn.close()
                raise
        if read_only:
            log.info("opened %s read-only", path)
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
            # Another process may have created it since we looked: then it is done.
            if self.conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID:
                return
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
        except BaseException:
            # The file is as it was: a backup of it would only be clutter.
            backup.unlink(missing_ok=True)
            raise
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")
        log.info("migrated %s from schema %d to %d", self.path, version, schema.SCHEMA_VERSION)

    def close(self) -> None:
        """Close this opener's hold; the connection closes with the last one."""
        self._holders -= 1
        if self._holders > 0:
            return
        if self._key is not None and _open_stores.get(self._key) is self:
            del _open_stores[self._key]
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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

    def quotes_with_ids(self, quote_ids: list[int]) -> list[Quote]:
        """The quotes with these ids that exist, in text order, in a few queries."""
        found: list[Quote] = []
        # Below SQLite's smallest limit on the number of parameters.
        for first in range(0, len(quote_ids), 900):
            chunk = quote_ids[first : first + 900]
            found += self._quotes(f"quotes.id IN ({','.join('?' * len(chunk))})", tuple(chunk))
        found.sort(key=_text_order)
        return found

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

    def quotes_stamp(self, document_id: int) -> tuple[int, str | None]:
        """(number of quotes, latest change): differs whenever the document's quotes changed."""
        row = self.conn.execute(
            "SELECT count(*), max(updated_at) FROM quotes WHERE document_id = ?", (document_id,)
        ).fetchone()
        return int(row[0]), row[1]

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
            # Most speakers have no alias: their empty lists are not parsed (with
            # 100,000 speakers, a tenth with aliases, a miss takes 7 ms, not 20).
            row = self.conn.execute(
                "SELECT speakers.id FROM speakers, json_each(speakers.aliases) "
                "WHERE speakers.aliases != '[]' AND json_each.value = ? COLLATE NOCASE "
                "ORDER BY speakers.id LIMIT 1",
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
    # NUL ends a string inside SQLite's FTS parser, and a lone surrogate is not
    # text: neither can be in the index, so neither is searched for.
    search = search.replace("\x00", " ").encode("utf-8", "replace").decode("utf-8")
    try:
        return search_module.match_expression(search_module.parse(search))
    except search_module.SearchRefused:
        return ""
