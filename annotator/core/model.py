"""Plain data classes for what the store holds and what formats read and write.

Stored objects (:class:`Document`, :class:`Quote`, ...) carry database ids.
Records (:class:`DocumentRecord`, :class:`QuoteRecord`) are the neutral,
id-free form every importer produces and every exporter consumes: speakers,
stances and types by name, offsets as Python string indices, half-open.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("new", "in_progress", "done", "skipped")
ORIGINS = ("manual", "suggested", "imported", "adjudicated")
LABEL_KINDS = ("stance", "quote_type")


def status_title(status: str) -> str:
    """A document status as people read it: ``in_progress`` is "in progress"."""
    return status.replace("_", " ")


def new_uid() -> str:
    """A quote's stable id: the same in every export and in every copy of the project."""
    return secrets.token_hex(8)


@dataclass(frozen=True, order=True)
class Span:
    """A half-open ``[start, end)`` range of code points in a document's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Document:
    id: int
    external_id: str
    title: str
    text: str
    sha256: str
    source: str
    metadata: dict[str, Any]
    status: str
    imported_at: str
    collection: str = ""


@dataclass(frozen=True)
class DocumentSummary:
    """What the document list shows: no text."""

    id: int
    external_id: str
    title: str
    status: str
    quote_count: int


@dataclass(frozen=True)
class Speaker:
    id: int
    name: str
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Label:
    id: int
    kind: str
    name: str
    color: str
    shortcut: str
    position: int
    description: str = ""


class Spanned:
    """What is made of spans sorted by start (a quote, a suggestion): where it starts and ends."""

    __slots__ = ()
    spans: tuple[Span, ...]

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return max(span.end for span in self.spans)


@dataclass(frozen=True)
class Quote(Spanned):
    """One attribution: content spans, speaker, mention, cue, stance, ...

    ``spans`` is sorted by start. A snapshot of a quote is enough to put it
    back exactly (undo), see :func:`annotator.core.quotes.put_quote`.
    """

    id: int
    document_id: int
    spans: tuple[Span, ...]
    speaker_id: int | None = None
    mention: Span | None = None
    cue: Span | None = None
    stance_id: int | None = None
    quote_type_id: int | None = None
    target: str = ""
    note: str = ""
    annotator_id: int | None = None
    origin: str = "manual"
    created_at: str = ""
    updated_at: str = ""
    # Stable across exports, merges and copies of the project (see new_uid).
    uid: str = ""
    # The annotator who last changed the quote.
    changed_by: int | None = None
    # Uids of the coders' quotes an adjudicated quote was taken from.
    provenance: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    """What one core mutation changed, so views refresh from it and undo can reverse it.

    ``before``/``after`` hold the affected quotes as they were and as they are
    (a quote missing from ``after`` was deleted, one missing from ``before``
    was created); the ``speakers_``, ``labels_`` and ``statuses_`` pairs do
    the same for speakers, labels and document statuses. ``documents``,
    ``quotes``, ``speakers`` and ``labels`` are the ids of what was touched.
    :func:`annotator.core.undo.revert` puts the ``before`` side back.
    """

    description: str
    documents: frozenset[int] = frozenset()
    quotes: frozenset[int] = frozenset()
    speakers: frozenset[int] = frozenset()
    labels: frozenset[int] = frozenset()
    before: tuple[Quote, ...] = ()
    after: tuple[Quote, ...] = ()
    speakers_before: tuple[Speaker, ...] = ()
    speakers_after: tuple[Speaker, ...] = ()
    labels_before: tuple[Label, ...] = ()
    labels_after: tuple[Label, ...] = ()
    # (document id, status) pairs.
    statuses_before: tuple[tuple[int, str], ...] = ()
    statuses_after: tuple[tuple[int, str], ...] = ()
    # (suggestion id, status, accepted quote id) triples.
    suggestions_before: tuple[tuple[int, str, int | None], ...] = ()
    suggestions_after: tuple[tuple[int, str, int | None], ...] = ()


@dataclass
class QuoteRecord:
    """A quote by names rather than ids, as formats read and write it."""

    spans: list[tuple[int, int]]
    speaker: str | None = None
    speaker_aliases: list[str] = field(default_factory=list)
    mention: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    stance: str | None = None
    target: str = ""
    quote_type: str | None = None
    note: str = ""
    annotator: str | None = None
    origin: str = "imported"
    created_at: str | None = None
    updated_at: str | None = None
    uid: str | None = None
    # An open suggestion an export was asked to add, not a quote anyone made
    # (a quote accepted from a suggestion is the coder's, of origin "suggested").
    open_suggestion: bool = False


@dataclass
class ExtraMark:
    """An annotation a format read that the quote model does not interpret.

    Kept in the ``extra_marks`` table so an export in the same format gives it
    back: ``format`` names the vocabulary (``brat``), ``kind`` what it is
    there, ``spans`` where it lies (stored offsets) and ``data`` the rest.
    """

    format: str
    kind: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    annotator: str | None = None


@dataclass
class DocumentRecord:
    """An article as a format reads or writes it, with its quotes."""

    external_id: str
    title: str
    text: str
    source: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    status: str = "new"
    quotes: list[QuoteRecord] = field(default_factory=list)
    collection: str = ""
    extra: list[ExtraMark] = field(default_factory=list)
