"""Merging coders' copies of a project back into it.

A lead prepares a project, each coder works on a copy under their own name,
and :func:`merge` brings the copies' work home in one transaction:

- documents are matched by external id and text hash; a document the project
  lacks is added, and one whose text differs is refused, naming it;
- speakers are matched by name or alias (case-insensitive); new speakers are
  added, new aliases of a known speaker added to it, and an alias that names
  a different speaker in the project is reported as a conflict;
- labels by kind and name, annotators by name (new ones keep their kind);
- quotes by their stable ``uid``: a quote the project lacks is added, one it
  has is replaced only when the copy's version was changed later, so merging
  the same file twice adds nothing. A quote deleted in a copy stays in the
  project.

A file made by another version of Quote Annotator is refused (an older one
is upgraded by opening it once, which gives its quotes their stable ids).
Coders' files are only read. Any refusal leaves the project as it was.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core import labels as labels_ops
from annotator.core import schema
from annotator.core.bulk import next_id
from annotator.core.errors import StoreError
from annotator.core.speaker_registry import SpeakerRegistry
from annotator.core.store import Store

log = logging.getLogger("annotator.merge")

_QUOTE_COLUMNS = (
    "id, document_id, annotator_id, speaker_id, mention_start, mention_end, cue_start, "
    "cue_end, stance_id, quote_type_id, target, note, origin, created_at, updated_at, uid, "
    "changed_by, provenance"
)


@dataclass
class MergeReport:
    """What a merge brought in, and the speaker conflicts it found."""

    files: int = 0
    documents_added: int = 0
    quotes_added: int = 0
    quotes_updated: int = 0
    quotes_present: int = 0
    speakers_added: int = 0
    aliases_added: int = 0
    labels_added: int = 0
    annotators_added: int = 0
    conflicts: list[str] = field(default_factory=list)


@contextlib.contextmanager
def _source(path: Path, target: Store) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a coder's file of this schema version."""
    if not path.is_file():
        raise StoreError(path, "no such file")
    if target.path is not None and path.resolve() == target.path.resolve():
        raise StoreError(path, "this is the project itself; merge other people's copies into it")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise StoreError(path, f"cannot open: {error}") from None
    try:
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError:
            raise StoreError(
                path, "not a SQLite database: the file is corrupt or of another kind"
            ) from None
        if app_id != schema.APPLICATION_ID:
            raise StoreError(path, "not a Quote Annotator project")
        if version > schema.SCHEMA_VERSION:
            raise StoreError(
                path,
                f"made by a newer Quote Annotator (schema version {version}; this version "
                f"reads up to {schema.SCHEMA_VERSION}); nothing was merged. Upgrade Quote "
                "Annotator to merge it",
            )
        if version < schema.SCHEMA_VERSION:
            # A migration gives an old file's quotes their stable ids; a
            # throw-away copy would give new ones on every merge.
            raise StoreError(
                path,
                f"made by an older Quote Annotator (schema version {version}); open it once "
                "with this version, which upgrades it, then merge it; nothing was merged",
            )
        yield conn
    finally:
        conn.close()


class _Merger:
    """The project's registries in memory, so a quote needs no SELECT."""

    def __init__(self, store: Store, report: MergeReport) -> None:
        self.store = store
        self.conn = store.conn
        self.report = report
        self.documents: dict[str, tuple[int, str, int]] = {
            external_id: (document_id, digest, length)
            for document_id, external_id, digest, length in self.conn.execute(
                "SELECT id, external_id, sha256, length(text) FROM documents"
            )
        }
        self.quotes: dict[str, tuple[int, str]] = {
            uid: (quote_id, updated)
            for quote_id, uid, updated in self.conn.execute(
                "SELECT id, uid, updated_at FROM quotes"
            )
        }
        self.annotators = {name: i for i, name in store.annotators().items()}
        self.labels = {(label.kind, label.name.casefold()): label.id for label in store.labels()}
        self.speakers = SpeakerRegistry(self.conn)
        self.next_quote = next_id(self.conn, "quotes")
        self.started: set[int] = set()

    def _find_speaker(self, name: str) -> int | None:
        return self.speakers.find(name, name_first=True)

    # -- registries ------------------------------------------------------------

    def speaker(self, path: Path, name: str, aliases: list[str], description: str) -> int:
        found = self._find_speaker(name)
        if found is None:
            found = next(
                (i for i in (self._find_speaker(a) for a in aliases) if i is not None), None
            )
        if found is None:
            fresh = list(dict.fromkeys(a for a in aliases if self._find_speaker(a) is None))
            speaker_id = self.speakers.add(name, fresh, description)
            self.report.speakers_added += 1
            return speaker_id
        kept_name = self.speakers.names[found]
        fresh = []
        for other in dict.fromkeys((name, *aliases)):
            owner = self._find_speaker(other)
            if owner is None:
                fresh.append(other)
            elif owner != found:
                self.report.conflicts.append(
                    f"{path.name}: speaker {name!r} is also known as {other!r}, which in the "
                    f"project is {self.speakers.names[owner]!r}; its quotes went to {kept_name!r}"
                )
        self.speakers.extend(found, fresh)
        self.report.aliases_added += len(fresh)
        return found

    def label(self, kind: str, name: str) -> int:
        key = (kind, name.casefold())
        if key not in self.labels:
            self.labels[key] = labels_ops.find_or_add(self.store, kind, name).id
            self.report.labels_added += 1
        return self.labels[key]

    def annotator(self, name: str, kind: str) -> int:
        if name not in self.annotators:
            cursor = self.conn.execute(
                "INSERT INTO annotators (name, kind) VALUES (?, ?)", (name, kind)
            )
            self.annotators[name] = int(cursor.lastrowid or 0)
            self.report.annotators_added += 1
        return self.annotators[name]

    # -- one file --------------------------------------------------------------

    def merge_file(self, path: Path, source: sqlite3.Connection) -> None:
        speakers = {
            speaker_id: self.speaker(path, name, list(json.loads(aliases)), description)
            for speaker_id, name, aliases, description in source.execute(
                "SELECT id, name, aliases, description FROM speakers ORDER BY id"
            )
        }
        labels = {
            label_id: self.label(kind, name)
            for label_id, kind, name in source.execute("SELECT id, kind, name FROM labels")
        }
        annotators = {
            annotator_id: self.annotator(name, kind)
            for annotator_id, name, kind in source.execute("SELECT id, name, kind FROM annotators")
        }
        documents = self._documents(path, source)
        # Span texts come with the spans: the document texts are the same (same hash).
        spans: dict[int, list[tuple[int, int, str]]] = {}
        for quote_id, start, end, text in source.execute(
            'SELECT quote_id, start, "end", text FROM quote_spans ORDER BY quote_id, start'
        ):
            spans.setdefault(quote_id, []).append((start, end, text))
        quote_rows: list[tuple[Any, ...]] = []
        span_rows: list[tuple[int, int, int, str]] = []
        updated: list[int] = []
        for row in source.execute(f"SELECT {_QUOTE_COLUMNS} FROM quotes ORDER BY id"):
            source_id, uid, updated_at = row[0], row[15], row[14]
            document_id, length = documents[row[1]]
            pieces = spans.get(source_id, [])
            self._check(path, uid, length, pieces, row)
            present = self.quotes.get(uid)
            if present is not None and present[1] >= updated_at:
                self.report.quotes_present += 1
                continue
            quote_id = present[0] if present is not None else self.next_quote
            values = (
                quote_id,
                document_id,
                annotators.get(row[2]),
                speakers.get(row[3]),
                *row[4:8],
                labels.get(row[8]),
                labels.get(row[9]),
                *row[10:16],
                annotators.get(row[16]),
                row[17],
            )
            if present is None:
                self.next_quote += 1
                self.report.quotes_added += 1
                self.started.add(document_id)
            else:
                updated.append(quote_id)
                self.report.quotes_updated += 1
            quote_rows.append(values)
            span_rows.extend((quote_id, *piece) for piece in pieces)
            self.quotes[uid] = (quote_id, updated_at)
        self._write(quote_rows, span_rows, updated)

    def _documents(self, path: Path, source: sqlite3.Connection) -> dict[int, tuple[int, int]]:
        """Source document id -> (project document id, text length); new ones added."""
        found: dict[int, tuple[int, int]] = {}
        missing: list[int] = []
        for source_id, external_id, digest in source.execute(
            "SELECT id, external_id, sha256 FROM documents"
        ):
            known = self.documents.get(external_id)
            if known is None:
                missing.append(source_id)
            elif known[1] != digest:
                raise StoreError(
                    path,
                    f"document {external_id!r} has different text here than in the project; "
                    "nothing was merged",
                )
            else:
                found[source_id] = (known[0], known[2])
        for source_id in missing:
            row = source.execute(
                "SELECT external_id, title, text, sha256, source, metadata, status, "
                "imported_at, collection FROM documents WHERE id = ?",
                (source_id,),
            ).fetchone()
            cursor = self.conn.execute(
                "INSERT INTO documents (external_id, title, text, sha256, source, metadata, "
                "status, imported_at, collection) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            document_id = int(cursor.lastrowid or 0)
            self.documents[row[0]] = (document_id, row[3], len(row[2]))
            found[source_id] = (document_id, len(row[2]))
            self.report.documents_added += 1
        return found

    @staticmethod
    def _check(
        path: Path, uid: str, length: int, pieces: list[tuple[int, int, str]], row: tuple[Any, ...]
    ) -> None:
        marks = [(row[4], row[5]), (row[6], row[7])]
        offsets = [(start, end) for start, end, _ in pieces]
        for start, end in offsets + [mark for mark in marks if mark[0] is not None]:
            if not 0 <= start < end <= length:
                raise StoreError(
                    path,
                    f"quote {uid} has offsets [{start}, {end}] outside its document's text "
                    f"({length} characters); nothing was merged",
                )
        if not pieces:
            raise StoreError(path, f"quote {uid} has no span of text; nothing was merged")

    def _write(
        self,
        quote_rows: list[tuple[Any, ...]],
        span_rows: list[tuple[int, int, int, str]],
        updated: list[int],
    ) -> None:
        conn = self.conn
        conn.executemany(
            f"INSERT INTO quotes ({_QUOTE_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET annotator_id = excluded.annotator_id, "
            "speaker_id = excluded.speaker_id, mention_start = excluded.mention_start, "
            "mention_end = excluded.mention_end, cue_start = excluded.cue_start, "
            "cue_end = excluded.cue_end, stance_id = excluded.stance_id, "
            "quote_type_id = excluded.quote_type_id, target = excluded.target, "
            "note = excluded.note, origin = excluded.origin, "
            "updated_at = excluded.updated_at, changed_by = excluded.changed_by, "
            "provenance = excluded.provenance",
            quote_rows,
        )
        conn.executemany(
            "DELETE FROM quote_spans WHERE quote_id = ?", [(quote_id,) for quote_id in updated]
        )
        conn.executemany(
            'INSERT INTO quote_spans (quote_id, start, "end", text) VALUES (?, ?, ?, ?)',
            span_rows,
        )

    def finish(self) -> None:
        self.conn.executemany(
            "UPDATE documents SET status = 'in_progress' WHERE id = ? AND status = 'new'",
            [(document_id,) for document_id in sorted(self.started)],
        )


def merge(store: Store, paths: Sequence[Path | str]) -> MergeReport:
    """Merge coders' copies of the project into ``store``, all or nothing."""
    report = MergeReport()
    with store.transaction():
        merger = _Merger(store, report)
        for raw in paths:
            path = Path(raw).expanduser()
            with _source(path, store) as source:
                merger.merge_file(path, source)
            report.files += 1
        merger.finish()
    log.info("merged %d files: %s", report.files, report)
    return report
