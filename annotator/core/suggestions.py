"""Suggestions in the store: proposed quotes a coder accepts or rejects.

Suggestions live in their own table and are not annotations: statistics,
agreement and exports never see them unless asked. Accepting one makes a
normal quote (origin ``suggested``) under the acting coder; rejecting one is
remembered per document, so running an engine again does not bring back a
suggestion with the same spans. Each mutation is one transaction and returns
a :class:`~annotator.core.model.Change` that :func:`annotator.core.undo.revert`
undoes.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from annotator.core import listing
from annotator.core import quotes as quote_ops
from annotator.core import speakers as speaker_ops
from annotator.core.codebook import SpanRule, span_rule
from annotator.core.errors import InvalidValue, NotFound
from annotator.core.model import (
    Change,
    DocumentRecord,
    Quote,
    QuoteRecord,
    Span,
    Spanned,
    Speaker,
)
from annotator.core.store import Store, now
from annotator.core.suggest import Engine, Proposal
from annotator.core.suggest.names import speakers_named_in

log = logging.getLogger("annotator.suggestions")

_COLUMNS = (
    "id, document_id, engine, confidence, spans, mention_start, mention_end, cue_start, "
    "cue_end, speaker, quote_type, status, quote_id, created_at"
)


class _Row(NamedTuple):
    id: int
    document_id: int
    engine: str
    confidence: float
    spans: tuple[Span, ...]
    mention: Span | None
    cue: Span | None
    speaker: str
    quote_type: str
    status: str
    quote_id: int | None
    created_at: str


class Suggestion(_Row, Spanned):
    """A stored proposal: what an engine proposed and what became of it.

    A named tuple, not a dataclass: a long article's thousand suggestions are
    read on every opening and after each accept or reject, and a tuple is made
    several times faster.
    """

    __slots__ = ()


@dataclass(frozen=True)
class Stored:
    """What :func:`store_proposals` kept: new suggestions, and ones left out as rejected."""

    added: int = 0
    rejected_before: int = 0

    def __add__(self, other: Stored) -> Stored:
        return Stored(self.added + other.added, self.rejected_before + other.rejected_before)


def _row(row: Sequence[Any]) -> Suggestion:
    # SQLite hands back ints, floats and strings as the columns declare them: a
    # document's thousand suggestions are read on every opening, so no conversions.
    (
        suggestion_id,
        document_id,
        engine_name,
        confidence,
        spans,
        mention_start,
        mention_end,
        cue_start,
        cue_end,
        speaker,
        quote_type,
        status,
        quote_id,
        created_at,
    ) = row
    return Suggestion(
        suggestion_id,
        document_id,
        engine_name,
        confidence,
        _stored_spans(spans),
        None if mention_start is None else Span(mention_start, mention_end),
        None if cue_start is None else Span(cue_start, cue_end),
        speaker,
        quote_type,
        status,
        quote_id,
        created_at,
    )


def _stored_spans(key: str) -> tuple[Span, ...]:
    """The spans as :func:`_spans_key` wrote them, ``[[start, end], ...]``.

    Split by hand: about twice as fast as ``json.loads``, for the thousand rows an
    opening reads; anything else written there is read as JSON.
    """
    try:
        return tuple(
            Span(int(start), int(end))
            for start, end in (pair.split(", ") for pair in key[2:-2].split("], ["))
        )
    except ValueError:
        return tuple(Span(start, end) for start, end in json.loads(key))


def _spans_key(spans: Iterable[Span | tuple[int, int]]) -> str:
    pairs = sorted((s.start, s.end) if isinstance(s, Span) else (s[0], s[1]) for s in spans)
    return json.dumps(pairs)


def suggestions(
    store: Store, document_id: int | None = None, status: str | None = "open"
) -> list[Suggestion]:
    """A document's suggestions (all documents' when ``document_id`` is None), in text order."""
    where, params = [], []  # type: tuple[list[str], list[object]]
    if document_id is not None:
        where.append("document_id = ?")
        params.append(document_id)
    if status is not None:
        where.append("status = ?")
        params.append(status)
    sql = f"SELECT {_COLUMNS} FROM suggestions"
    if where:
        sql += " WHERE " + " AND ".join(where)
    found = []
    for row in store.conn.execute(sql, params):
        try:
            found.append(_row(row))
        except (ValueError, TypeError):  # written by another program, or damaged
            # A suggestion is optional: one that cannot be read must not stop the article.
            log.warning("suggestion %s has unreadable spans %r; left out", row[0], row[4])
    found.sort(key=lambda s: (s.document_id, s.spans[0].start, s.id))
    return found


def suggestion(store: Store, suggestion_id: int) -> Suggestion:
    row = store.conn.execute(
        f"SELECT {_COLUMNS} FROM suggestions WHERE id = ?", (suggestion_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"no suggestion with id {suggestion_id}")
    return _row(row)


def store_proposals(
    store: Store, document_id: int, engine_name: str, proposals: Iterable[Proposal]
) -> Stored:
    """Replace the document's open suggestions from ``engine_name`` with ``proposals``.

    A proposal with the same spans as a suggestion rejected or accepted before
    is left out: a rejection is remembered, an acceptance is already a quote.
    """
    text = store.document_text(document_id)
    stamp = now()
    added = skipped = 0
    with store.transaction() as conn:
        settled = {
            key
            for (key,) in conn.execute(
                "SELECT spans FROM suggestions WHERE document_id = ? AND status != 'open'",
                (document_id,),
            )
        }
        conn.execute(
            "DELETE FROM suggestions WHERE document_id = ? AND engine = ? AND status = 'open'",
            (document_id, engine_name),
        )
        for proposal in proposals:
            for start, end in proposal.spans:
                if not 0 <= start < end <= len(text):
                    raise InvalidValue(
                        f"engine {engine_name} proposed [{start}, {end}] outside the text"
                    )
            key = _spans_key(proposal.spans)
            if key in settled:
                skipped += 1
                continue
            settled.add(key)
            conn.execute(
                "INSERT INTO suggestions (document_id, engine, confidence, spans, mention_start, "
                "mention_end, cue_start, cue_end, speaker, quote_type, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    document_id,
                    engine_name,
                    proposal.confidence,
                    key,
                    proposal.mention[0] if proposal.mention else None,
                    proposal.mention[1] if proposal.mention else None,
                    proposal.cue[0] if proposal.cue else None,
                    proposal.cue[1] if proposal.cue else None,
                    proposal.speaker,
                    proposal.quote_type,
                    stamp,
                ),
            )
            added += 1
    return Stored(added, skipped)


def propose(store: Store, document_id: int, engine: Engine) -> list[Proposal]:
    """What ``engine`` proposes for a document, by the project's span rule and registry."""
    return engine.propose(store.document_text(document_id), store.speakers(), span_rule(store))


def suggest_documents(
    store: Store,
    document_ids: Sequence[int],
    engine: Engine,
    rule: SpanRule | None = None,
    progress: Callable[[int], None] | None = None,
) -> Stored:
    """Run ``engine`` over documents and store its proposals; ``progress`` gets each one done.

    ``rule`` defaults to the project's span rule.
    """
    registry: Sequence[Speaker] = store.speakers()
    rule = rule if rule is not None else span_rule(store)
    total = Stored()
    for number, document_id in enumerate(document_ids, start=1):
        found = engine.propose(store.document_text(document_id), registry, rule)
        total += store_proposals(store, document_id, engine.name, found)
        if progress is not None:
            progress(number)
    return total


def put_statuses(store: Store, statuses: Iterable[tuple[int, str, int | None]]) -> None:
    """Set suggestions' status and accepted quote back exactly (for undo)."""
    with store.transaction() as conn:
        conn.executemany(
            "UPDATE suggestions SET status = ?, quote_id = ? WHERE id = ?",
            [(status, quote_id, suggestion_id) for suggestion_id, status, quote_id in statuses],
        )


def _quote_type_id(store: Store, name: str) -> int | None:
    label = store.find_label("quote_type", name) if name else None
    return label.id if label is not None else None


def _accept_one(
    store: Store, found: Suggestion, annotator: str | None
) -> tuple[Quote, list[Speaker]]:
    """Make the quote for one open suggestion; call inside a transaction."""
    if found.status != "open":
        raise InvalidValue(f"suggestion {found.id} was already {found.status}")
    created: list[Speaker] = []
    speaker_id = None
    if found.speaker:
        speaker, new = speaker_ops.find_or_create(store, found.speaker)
        speaker_id = speaker.id
        if new:
            created.append(speaker)
    change = quote_ops.add_quote(
        store,
        found.document_id,
        found.spans,
        speaker_id=speaker_id,
        mention=found.mention,
        cue=found.cue,
        quote_type_id=_quote_type_id(store, found.quote_type),
        annotator=annotator,
        origin="suggested",
    )
    quote = change.after[0]
    store.conn.execute(
        "UPDATE suggestions SET status = 'accepted', quote_id = ? WHERE id = ?",
        (quote.id, found.id),
    )
    return quote, created


def _accept(
    store: Store, found: list[Suggestion], annotator: str | None, description: str
) -> Change:
    if not found:
        return Change(description)
    document_id = found[0].document_id
    status_before = store.document(document_id).status
    made: list[Quote] = []
    speakers: list[Speaker] = []
    with store.transaction():
        for item in found:
            quote, created = _accept_one(store, item, annotator)
            made.append(quote)
            speakers.extend(created)
        status_after = store.document(document_id).status
    started = status_before != status_after
    return Change(
        description,
        documents=frozenset({document_id}),
        quotes=frozenset(q.id for q in made),
        speakers=frozenset(s.id for s in speakers),
        after=tuple(made),
        speakers_after=tuple(speakers),
        statuses_before=((document_id, status_before),) if started else (),
        statuses_after=((document_id, status_after),) if started else (),
        suggestions_before=tuple((s.id, "open", None) for s in found),
        suggestions_after=tuple((s.id, "accepted", q.id) for s, q in zip(found, made, strict=True)),
    )


def accept(store: Store, suggestion_id: int, annotator: str | None = None) -> Change:
    """Make a suggestion a quote (origin ``suggested``) of ``annotator`` (default: acting)."""
    return _accept(store, [suggestion(store, suggestion_id)], annotator, "accept suggestion")


def accept_all(
    store: Store,
    document_id: int,
    annotator: str | None = None,
    ids: Sequence[int] | None = None,
) -> Change:
    """Accept every open suggestion of a document (or those of ``ids``), in one transaction."""
    found = suggestions(store, document_id)
    if ids is not None:
        found = [item for item in found if item.id in set(ids)]
    return _accept(store, found, annotator, "accept all suggestions")


def reject(store: Store, suggestion_id: int) -> Change:
    """Reject a suggestion; it stays rejected when the engine runs again."""
    found = suggestion(store, suggestion_id)
    if found.status != "open":
        raise InvalidValue(f"suggestion {found.id} was already {found.status}")
    with store.transaction() as conn:
        conn.execute("UPDATE suggestions SET status = 'rejected' WHERE id = ?", (found.id,))
    return Change(
        "reject suggestion",
        documents=frozenset({found.document_id}),
        suggestions_before=((found.id, "open", None),),
        suggestions_after=((found.id, "rejected", None),),
    )


def clear(store: Store, document_ids: Sequence[int] | None = None) -> int:
    """Forget open suggestions (of the given documents, else all); how many went."""
    with store.transaction() as conn:
        if document_ids is None:
            return conn.execute("DELETE FROM suggestions WHERE status = 'open'").rowcount
        return sum(
            conn.execute(
                "DELETE FROM suggestions WHERE status = 'open' AND document_id = ?", (i,)
            ).rowcount
            for i in document_ids
        )


def as_quote(found: Suggestion) -> Quote:
    """A suggestion as an unsaved quote snapshot (id 0), for matching and display."""
    return replace(
        Quote(id=0, document_id=found.document_id, spans=found.spans),
        mention=found.mention,
        cue=found.cue,
        origin="suggested",
    )


def select_documents(
    store: Store,
    status: str | None = None,
    search: str | None = None,
    collection: str | None = None,
    external_ids: Sequence[str] = (),
) -> list[int]:
    """Ids of the documents the filters let through, in list order."""
    ids = listing.document_ids(store, status=status, search=search, collection=collection)
    if external_ids:
        wanted = []
        for external_id in external_ids:
            document = store.document_by_external_id(external_id)
            if document is None:
                raise NotFound(f"no document {external_id!r}")
            wanted.append(document.id)
        ids = [i for i in ids if i in set(wanted)]
    return ids


def with_suggestions(store: Store, records: Iterable[DocumentRecord]) -> Iterator[DocumentRecord]:
    """Records with each document's open suggestions added (origin ``suggested``, the
    engine's name as annotator, marked ``open_suggestion``), for exports that ask
    for them."""
    for record in records:
        document = store.document_by_external_id(record.external_id)
        if document is not None:
            record.quotes.extend(
                QuoteRecord(
                    spans=[(s.start, s.end) for s in item.spans],
                    speaker=item.speaker or None,
                    mention=(item.mention.start, item.mention.end) if item.mention else None,
                    cue=(item.cue.start, item.cue.end) if item.cue else None,
                    quote_type=item.quote_type or None,
                    annotator=item.engine,
                    origin="suggested",
                    created_at=item.created_at,
                    open_suggestion=True,
                )
                for item in suggestions(store, document.id)
            )
        yield record


def registry_for(conn: sqlite3.Connection, text: str) -> list[Speaker]:
    """The registry speakers ``text`` can refer to, read row by row from ``conn``.

    For an engine run off the window's thread on a connection of its own: the
    registry is streamed, never held whole.
    """
    rows = conn.execute("SELECT id, name, aliases, description FROM speakers")
    return speakers_named_in(
        text, (Speaker(row[0], row[1], tuple(json.loads(row[2])), row[3]) for row in rows)
    )
