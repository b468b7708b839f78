"""The bulk writer behind imports: documents, quotes and spans in batched rows.

An import stores thousands of documents; one INSERT each, with a SELECT per
speaker and label, would dominate its time. :class:`Batch` checks every value
as it arrives, assigns ids itself and writes rows with ``executemany`` a few
hundred documents at a time, keeping speakers, labels and annotators in
caches so no quote needs a query.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import gc
import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from annotator.core import labels as labels_ops
from annotator.core.errors import ConflictingDocument, InvalidSpan, InvalidValue
from annotator.core.model import (
    ORIGINS,
    STATUSES,
    DocumentRecord,
    ExtraMark,
    QuoteRecord,
    new_uid,
)
from annotator.core.sources import shareable_source
from annotator.core.speaker_registry import SpeakerRegistry
from annotator.core.store import Store, default_annotator, now
from annotator.core.text import check_span, normalise_newlines, sha256

# Documents buffered before one round of executemany: large enough that the
# per-statement cost vanishes, small enough that a corpus never sits in memory.
_BATCH = 500


@contextlib.contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector during a bulk import.

    An import allocates millions of short-lived containers and no cycles;
    the collector's sweeps over them would take a quarter of the import time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Registry:
    """Speakers, labels and annotators by name, loaded once for a whole import run.

    A folder of 20,000 files must not read 5,000 speakers 20,000 times. The
    importer keeps one across files while nobody else writes (``PRAGMA
    data_version`` unchanged) and no file was rolled back.
    """

    def __init__(self, store: Store) -> None:
        conn = store.conn
        self.version = store.data_version()
        self.speakers = SpeakerRegistry(conn)
        self.label_ids = {(label.kind, label.name.casefold()): label.id for label in store.labels()}
        self.annotator_ids: dict[str, int] = {
            name: annotator_id for annotator_id, name in store.annotators().items()
        }
        self.default_annotator = default_annotator()

    def current(self, store: Store) -> bool:
        """Whether no other connection has committed since this was loaded."""
        return store.data_version() == self.version


class Batch:
    """Rows on their way into the store, with caches so no quote needs a SELECT."""

    def __init__(self, store: Store, source: str, registry: Registry | None = None) -> None:
        self.store = store
        self.conn = store.conn
        self.source = source
        self.stamp = now()
        self.added = self.skipped = self.quotes = 0
        # Quotes added to documents already in the project (a second annotator's file).
        self.extended = 0
        conn = self.conn
        self.next_document = next_id(conn, "documents")
        self._first_document = self.next_document
        self.next_quote = next_id(conn, "quotes")
        registry = registry or Registry(store)
        self.speakers = registry.speakers
        self.label_ids = registry.label_ids
        self.annotator_ids = registry.annotator_ids
        self.default_annotator = registry.default_annotator
        # External ids of this batch, not yet visible to a SELECT before flush().
        self.seen: dict[str, str] = {}
        self.uids: set[str] = set()  # quote uids of this batch
        self.document_rows: list[tuple[object, ...]] = []
        self.quote_rows: list[tuple[object, ...]] = []
        self.span_rows: list[tuple[object, ...]] = []
        self.mark_rows: list[tuple[object, ...]] = []

    def add(self, record: DocumentRecord) -> None:
        external_id = str(record.external_id).strip()
        if not external_id:
            raise InvalidValue(f"a document titled {record.title!r} has no id")
        rows = len(self.document_rows), len(self.quote_rows)
        try:
            self._add(record, external_id)
            # SQLite takes only text that encodes: check this record's rows now,
            # while the message can still name the document and field.
            for row in (*self.document_rows[rows[0] :], *self.quote_rows[rows[1] :]):
                for value in row:
                    if type(value) is str:
                        value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidValue(
                f"document {_shown(external_id)} holds an unpaired UTF-16 surrogate (in its "
                "text, title, metadata or a quote's fields), which is not text; fix the "
                "source file"
            ) from None
        except RecursionError:
            raise InvalidValue(
                f"document {_shown(external_id)}: metadata nested too deeply"
            ) from None
        if len(self.document_rows) >= _BATCH:
            self.flush()

    def _add(self, record: DocumentRecord, external_id: str) -> None:
        text, quotes = _without_carriage_returns(record.text, record.quotes)
        if not isinstance(text, str) or not text or text.isspace():
            raise InvalidValue(f"document {external_id!r} has no text")
        digest = sha256(text)
        known = self.seen.get(external_id)
        stored_id: int | None = None
        if known is None:
            row = self.conn.execute(
                "SELECT sha256, id FROM documents WHERE external_id = ?", (external_id,)
            ).fetchone()
            known, stored_id = (row[0], row[1]) if row else (None, None)
        if known is not None:
            if known != digest:
                raise ConflictingDocument(
                    f"document {external_id!r} is already in the project with different "
                    "text; it was not replaced, because its quotes point into the old "
                    "text. Give the new version another id to import it"
                )
            self.skipped += 1
            if stored_id is not None:
                self._extend(stored_id, external_id, text, quotes, record)
            return
        if record.status not in STATUSES:
            raise InvalidValue(
                f"document {external_id!r}: status must be one of {', '.join(STATUSES)}, "
                f"not {record.status!r}"
            )
        try:
            metadata = json.dumps(record.metadata or {}, ensure_ascii=False)
        except (TypeError, ValueError) as error:
            raise InvalidValue(
                f"document {external_id!r}: metadata is not JSON ({error})"
            ) from None
        document_id = self.next_document
        self.next_document += 1
        self.seen[external_id] = digest
        self.document_rows.append(
            (
                document_id,
                external_id,
                " ".join(str(record.title or "").split()),
                text,
                digest,
                shareable_source(record.source or self.source),
                metadata,
                record.status,
                self.stamp,
                " ".join(str(record.collection or "").split()),
            )
        )
        for number, quote in enumerate(quotes, 1):
            self._quote(document_id, f"document {external_id!r}, quote {number}", text, quote)
        self._marks(document_id, external_id, text, record.extra, set())
        self.added += 1

    def _extend(
        self,
        document_id: int,
        external_id: str,
        text: str,
        quotes: list[QuoteRecord],
        record: DocumentRecord,
    ) -> None:
        """Add the quotes a document already in the project lacks (by annotator and spans)."""
        conn = self.conn
        spans: dict[int, list[tuple[int, int]]] = {}
        for quote_id, start, end in conn.execute(
            'SELECT quote_id, start, "end" FROM quote_spans WHERE quote_id IN '
            '(SELECT id FROM quotes WHERE document_id = ?) ORDER BY quote_id, start, "end"',
            (document_id,),
        ):
            spans.setdefault(quote_id, []).append((start, end))
        present: set[tuple[int | None, tuple[tuple[int, int], ...]]] = set()
        uids: set[str] = set()
        for quote_id, annotator_id, uid in conn.execute(
            "SELECT id, annotator_id, uid FROM quotes WHERE document_id = ?", (document_id,)
        ):
            present.add((annotator_id, tuple(spans.get(quote_id, []))))
            uids.add(uid)
        skipped: set[str] = set()
        for number, quote in enumerate(quotes, 1):
            key = (self._annotator(quote.annotator), _span_key(quote.spans))
            if key in present or (quote.uid and quote.uid in uids):
                if quote.uid:
                    skipped.add(quote.uid)
                continue
            present.add(key)
            self._quote(document_id, f"document {external_id!r}, quote {number}", text, quote)
            self.extended += 1
        self._marks(document_id, external_id, text, record.extra, skipped)

    def _marks(
        self,
        document_id: int,
        external_id: str,
        text: str,
        marks: list[ExtraMark],
        skipped_uids: set[str],
    ) -> None:
        """Keep a format's uninterpreted annotations; none twice, none of a skipped quote."""
        if not marks:
            return
        # A document of this batch has no marks in the store yet.
        existing = (
            set()
            if document_id >= self._first_document
            else {
                (annotator_id, format_, kind, spans, data)
                for annotator_id, format_, kind, spans, data in self.conn.execute(
                    "SELECT annotator_id, format, kind, spans, data FROM extra_marks "
                    "WHERE document_id = ?",
                    (document_id,),
                )
            }
        )
        length = len(text)
        for mark in marks:
            if mark.data.get("uid") in skipped_uids:
                continue
            pairs = [_span(text, length, value, f"{mark.kind} mark") for value in mark.spans]
            try:
                data = json.dumps(mark.data, ensure_ascii=False)
            except (TypeError, ValueError) as error:
                raise InvalidValue(
                    f"document {external_id!r}: a {mark.format} {mark.kind} mark is not JSON "
                    f"({error})"
                ) from None
            row = (
                self._annotator(mark.annotator),
                mark.format,
                mark.kind,
                json.dumps([list(p) for p in pairs]),
                data,
            )
            if row not in existing:
                existing.add(row)
                self.mark_rows.append((document_id, *row))

    def _quote(self, document_id: int, where: str, text: str, quote: QuoteRecord) -> None:
        length = len(text)
        try:
            spans = sorted({_span(text, length, value, "quote span") for value in quote.spans})
            if not spans:
                raise InvalidSpan("a quote needs at least one span of text")
            mention = quote.mention and _span(text, length, quote.mention, "speaker mention")
            cue = quote.cue and _span(text, length, quote.cue, "cue")
        except InvalidSpan as error:
            raise InvalidSpan(f"{where}: {error}") from None
        if quote.origin not in ORIGINS:
            raise InvalidValue(
                f"{where}: origin must be one of {', '.join(ORIGINS)}, not {quote.origin!r}"
            )
        quote_id = self.next_quote
        self.next_quote += 1
        created = quote.created_at or self.stamp
        annotator_id = self._annotator(quote.annotator)
        self.quote_rows.append(
            (
                quote_id,
                document_id,
                annotator_id,
                self._speaker(quote.speaker, quote.speaker_aliases),
                mention[0] if mention else None,
                mention[1] if mention else None,
                cue[0] if cue else None,
                cue[1] if cue else None,
                self._label("stance", quote.stance),
                self._label("quote_type", quote.quote_type),
                (quote.target or "").strip(),
                quote.note or "",
                quote.origin,
                created,
                quote.updated_at or created,
                self._uid(quote.uid),
                annotator_id,
            )
        )
        self.span_rows.extend((quote_id, start, end, text[start:end]) for start, end in spans)
        self.quotes += 1

    def _uid(self, given: str | None) -> str:
        """The quote's stable id as imported, or a new one when the project already has it."""
        if given and given not in self.uids:
            taken = self.conn.execute("SELECT 1 FROM quotes WHERE uid = ?", (given,)).fetchone()
            if taken is None:
                self.uids.add(given)
                return given
        return new_uid()

    def _speaker(self, name: str | None, aliases: Iterable[str]) -> int | None:
        name = " ".join((name or "").split())
        if not name:
            return None
        speaker_id = self.speakers.find(name)
        wanted = [" ".join(alias.split()) for alias in aliases if alias and alias.strip()]
        # An alias that already names someone else stays theirs.
        fresh = [
            alias
            for alias in dict.fromkeys(wanted)
            if self.speakers.find(alias) is None and alias.casefold() != name.casefold()
        ]
        if speaker_id is None:
            return self.speakers.add(name, fresh)
        self.speakers.extend(speaker_id, fresh)
        return speaker_id

    def _label(self, kind: str, name: str | None) -> int | None:
        name = " ".join((name or "").split())
        if not name:
            return None
        key = (kind, name.casefold())
        if key not in self.label_ids:
            self.label_ids[key] = labels_ops.find_or_add(self.store, kind, name).id
        return self.label_ids[key]

    def _annotator(self, name: str | None) -> int:
        name = (name or "").strip() or self.default_annotator
        if name not in self.annotator_ids:
            self.annotator_ids[name] = self.store.ensure_annotator(name)
        return self.annotator_ids[name]

    def flush(self) -> None:
        conn = self.conn
        try:
            conn.executemany(
                "INSERT INTO documents (id, external_id, title, text, sha256, source, metadata, "
                "status, imported_at, collection) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self.document_rows,
            )
            conn.executemany(
                "INSERT INTO quotes (id, document_id, annotator_id, speaker_id, mention_start, "
                "mention_end, cue_start, cue_end, stance_id, quote_type_id, target, note, origin, "
                "created_at, updated_at, uid, changed_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self.quote_rows,
            )
            conn.executemany(
                'INSERT INTO quote_spans (quote_id, start, "end", text) VALUES (?, ?, ?, ?)',
                self.span_rows,
            )
            conn.executemany(
                "INSERT INTO extra_marks (document_id, annotator_id, format, kind, spans, data) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                self.mark_rows,
            )
        except sqlite3.IntegrityError as error:
            # Every value was checked above; this is a second line of defence.
            raise InvalidValue(f"the project refused a row: {error}") from None
        self.document_rows.clear()
        self.quote_rows.clear()
        self.span_rows.clear()
        self.mark_rows.clear()


def _shown(value: str) -> str:
    return repr(value.encode("utf-8", "backslashreplace").decode("utf-8"))


def next_id(conn: sqlite3.Connection, table: str) -> int:
    """The next id of ``table``, past every one ever given out (sqlite_sequence).

    Ids are assigned ahead of the INSERT so rows can point at each other before
    they are written; the caller's transaction holds the write lock.
    """
    return 1 + int(
        conn.execute(
            f"SELECT max(coalesce((SELECT max(id) FROM {table}), 0), "
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0))",
            (table,),
        ).fetchone()[0]
    )


def _span_key(spans: Iterable[Any]) -> tuple[tuple[int, int], ...]:
    pairs = set()
    for value in spans:
        try:
            start, end = value
        except (TypeError, ValueError):
            continue
        pairs.add((start, end))
    return tuple(sorted(pairs))


def _span(text: str, length: int, value: Any, what: str) -> tuple[int, int]:
    # The common case in one test; check_span finds the words for an error.
    if type(value) in (tuple, list) and len(value) == 2:
        start, end = value
        if type(start) is int and type(end) is int and 0 <= start < end <= length:
            return start, end
    try:
        start, end = value
    except (TypeError, ValueError):
        raise InvalidSpan(f"{what} must be a [start, end] pair, got {value!r}") from None
    span = check_span(text, start, end, what)
    return span.start, span.end


def _without_carriage_returns(
    text: str, quotes: list[QuoteRecord]
) -> tuple[str, list[QuoteRecord]]:
    """Turn CRLF and CR into LF, moving quote offsets that lie after a dropped CR.

    Readers decode files with newlines already normalised, but a JSON string
    can still hold an escaped ``\\r\\n``; its offsets refer to that text.
    """
    if not isinstance(text, str) or "\r" not in text:
        return text, quotes
    dropped = [i for i, char in enumerate(text) if char == "\r" and text[i + 1 : i + 2] == "\n"]

    def move(offset: object) -> object:
        if isinstance(offset, int) and not isinstance(offset, bool):
            return offset - bisect.bisect_left(dropped, offset)
        return offset

    def move_pair(pair: object) -> object:
        if isinstance(pair, list | tuple) and len(pair) == 2:
            return (move(pair[0]), move(pair[1]))
        return pair

    moved = [
        dataclasses.replace(
            quote,
            spans=[move_pair(span) for span in quote.spans],  # type: ignore[misc]
            mention=move_pair(quote.mention) if quote.mention else None,  # type: ignore[arg-type]
            cue=move_pair(quote.cue) if quote.cue else None,  # type: ignore[arg-type]
        )
        for quote in quotes
    ]
    return normalise_newlines(text), moved
