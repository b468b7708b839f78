"""A document's quotes reduced to what the views paint and list, with whole quotes on demand.

Opening an article with thousands of quotes must not build thousands of
:class:`~annotator.core.model.Quote` objects: painting needs only where each
piece, mention and cue lies and the speaker and stance that colour it, and the
quote list needs only where each quote starts. :func:`quote_marks` reads just
that in flat tuples; :class:`QuoteCache` builds a ``Quote`` the first time a
view asks for it (the current quote, a tooltip, a visible list row).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.model import Quote

if TYPE_CHECKING:
    from annotator.core.store import Store

CONTENT, MENTION, CUE = 0, 1, 2

# (start, end, kind, quote id): one content piece, mention or cue, in code points.
Mark = tuple[int, int, int, int]
# (speaker id, stance id): what a quote's colour depends on.
Look = tuple[int | None, int | None]


@dataclass(frozen=True)
class QuoteMarks:
    """Every mark of a document's quotes, sorted, and each quote's look by id."""

    marks: list[Mark]
    looks: dict[int, Look]
    load: Callable[[int], Quote]
    # Quotes already built (when made from Quote objects): no need to load them.
    built: tuple[Quote, ...] = ()
    # Several quotes in one go, where the store can (a screenful of list rows).
    load_many: Callable[[list[int]], list[Quote]] | None = None

    @classmethod
    def from_quotes(cls, quotes: Iterable[Quote]) -> QuoteMarks:
        built = tuple(quotes)
        marks = sorted(mark for quote in built for mark in marks_of(quote))
        looks = {quote.id: (quote.speaker_id, quote.stance_id) for quote in built}
        return cls(marks, looks, _not_stored, built)


def _not_stored(quote_id: int) -> Quote:
    raise KeyError(quote_id)


def quote_marks(store: Store, document_id: int) -> QuoteMarks:
    """The marks of a document's quotes in one query, with no objects per quote.

    Every quote has a content piece, so its look comes with its marks (a quote
    another program stored without a piece has nothing to show).
    """
    rows = store.conn.execute(
        'SELECT quote_spans.start, quote_spans."end", 0, quote_id, speaker_id, stance_id '
        "FROM quote_spans JOIN quotes ON quotes.id = quote_spans.quote_id "
        "WHERE quotes.document_id = ?1 "
        "UNION ALL SELECT mention_start, mention_end, 1, id, speaker_id, stance_id FROM quotes "
        "WHERE document_id = ?1 AND mention_start IS NOT NULL "
        "UNION ALL SELECT cue_start, cue_end, 2, id, speaker_id, stance_id FROM quotes "
        "WHERE document_id = ?1 AND cue_start IS NOT NULL",
        (document_id,),
    ).fetchall()
    looks: dict[int, Look] = {row[3]: (row[4], row[5]) for row in rows}
    marks: list[Mark] = [row[:4] for row in rows]
    # Sorting in Python is cheaper than SQLite's temporary B-tree here.
    marks.sort()
    return QuoteMarks(marks, looks, store.quote, load_many=store.quotes_with_ids)


def marks_of(quote: Quote) -> list[Mark]:
    marks = [(span.start, span.end, CONTENT, quote.id) for span in quote.spans]
    if quote.mention is not None:
        marks.append((quote.mention.start, quote.mention.end, MENTION, quote.id))
    if quote.cue is not None:
        marks.append((quote.cue.start, quote.cue.end, CUE, quote.id))
    return marks


def look_of(quote: Quote) -> Look:
    return quote.speaker_id, quote.stance_id


class QuoteCache(Mapping[int, Quote]):
    """A view's quotes by id; each is built from the store the first time it is asked for.

    The view keeps it current with :meth:`put` and :meth:`drop` from each
    ``Change``, so a quote built later is as the store has it then.
    """

    def __init__(self, marks: QuoteMarks) -> None:
        # A dict, not a set, so iterating goes in a repeatable order.
        self._ids = dict.fromkeys(marks.looks)
        self._load = marks.load
        self._load_many = marks.load_many
        self._built = {quote.id: quote for quote in marks.built}

    def __getitem__(self, quote_id: int) -> Quote:
        quote = self._built.get(quote_id)
        if quote is None:
            if quote_id not in self._ids:
                raise KeyError(quote_id)
            quote = self._built[quote_id] = self._load(quote_id)
        return quote

    def build(self, quote_ids: Iterable[int]) -> None:
        """Build these quotes now, together: cheaper than one by one as each is asked for."""
        missing = [i for i in quote_ids if i in self._ids and i not in self._built]
        if len(missing) > 1 and self._load_many is not None:
            for quote in self._load_many(missing):
                self._built[quote.id] = quote

    def is_built(self, quote_id: int) -> bool:
        return quote_id in self._built

    def __contains__(self, quote_id: object) -> bool:
        return quote_id in self._ids

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def put(self, quote: Quote) -> None:
        self._ids[quote.id] = None
        self._built[quote.id] = quote

    def drop(self, quote_id: int) -> None:
        self._ids.pop(quote_id, None)
        self._built.pop(quote_id, None)
