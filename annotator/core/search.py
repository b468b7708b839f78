"""Search: what a person types, as full-text queries over documents, quotes and speakers.

A query is words and "quoted phrases". A word matches any word that starts
with it (``minist`` finds "minister"); a phrase matches its words exactly and
in order. Every word and phrase must be there. Case and accents do not matter.

Only letters and digits are searched, as the full-text index splits text:
everything else (``*``, ``(``, ``NEAR``'s parenthesis, a NUL) separates words
and is otherwise taken literally, and the words ``AND``, ``OR``, ``NOT`` and
``NEAR`` are words like any other. A quotation mark left open runs to the end.
A query with something in it but no letter or digit is refused with
:class:`SearchRefused`, the one error :func:`parse` raises.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass

from annotator.core.errors import AnnotatorError

# Letters and digits, with the combining marks that may follow them; the
# full-text index (unicode61, diacritics removed) splits words the same way.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = re.compile(f"(?:[^\\W_]|[{_MARKS}])+")
_COMBINING = re.compile(f"[{_MARKS}]+")
# Where a snippet's hits begin and end, as SQLite's snippet() marks them.
_OPEN, _CLOSE = "\x02", "\x03"
# How many hits of each kind a search lists.
LIMIT = 200
# How many words of context an FTS5 snippet gives.
SNIPPET_WORDS = 12
# How many characters of a quote or name a snippet keeps around its first hit.
SNIPPET_CHARS = 90


class SearchRefused(AnnotatorError):
    """The query has nothing to search for (no letter or digit in it)."""


@dataclass(frozen=True)
class Term:
    """A word (``prefix``: matches words starting with it) or a quoted phrase."""

    words: tuple[str, ...]
    prefix: bool


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[Term, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)


@dataclass(frozen=True)
class Piece:
    """Part of a snippet: text, and whether it is what was searched for."""

    text: str
    hit: bool


@dataclass(frozen=True)
class DocumentHit:
    document_id: int
    title: str
    snippet: tuple[Piece, ...]


@dataclass(frozen=True)
class QuoteHit:
    document_id: int
    quote_id: int
    title: str
    speaker: str
    snippet: tuple[Piece, ...]


@dataclass(frozen=True)
class SpeakerHit:
    speaker_id: int
    name: str
    quotes: int
    snippet: tuple[Piece, ...]


@dataclass(frozen=True)
class Results:
    documents: tuple[DocumentHit, ...]
    quotes: tuple[QuoteHit, ...]
    speakers: tuple[SpeakerHit, ...]


def normalise(word: str) -> str:
    """A word as the index compares it: case folded, accents removed."""
    if word.isascii():
        return word.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", word.casefold()))


def words(text: str) -> list[tuple[int, int, str]]:
    """The words of ``text``: (start, end, normalised word), offsets in code points."""
    found = []
    for match in _WORD.finditer(text):
        word = normalise(match.group())
        if word:
            found.append((match.start(), match.end(), word))
    return found


def parse(text: str) -> Query:
    """Words and "phrases" of what a person typed; raises :class:`SearchRefused` if nothing."""
    terms: list[Term] = []
    # Even pieces lie outside quotation marks, odd ones inside (an open one runs to the end).
    for index, part in enumerate(text.split('"')):
        found = tuple(word for _, _, word in words(part))
        if not found:
            continue
        if index % 2:
            terms.append(Term(found, prefix=False))
        else:
            terms.extend(Term((word,), prefix=True) for word in found)
    if not terms and text.strip():
        shown = text.replace("\x00", "\\0").strip()
        raise SearchRefused(
            f"nothing to search for in {shown[:40]!r}: searches are made of letters and digits"
        )
    return Query(text, tuple(dict.fromkeys(terms)))


def match_expression(query: Query) -> str:
    """The query as an FTS5 MATCH expression (every term required)."""
    return " ".join(
        '"' + " ".join(term.words).replace('"', '""') + '"' + ("*" if term.prefix else "")
        for term in query.terms
    )


def find(text: str, query: Query) -> list[tuple[int, int]]:
    """Where the query's words and phrases occur in ``text``, in order, as [start, end)."""
    found = words(text)
    hits: set[tuple[int, int]] = set()
    for term in query.terms:
        size = len(term.words)
        for i in range(len(found) - size + 1):
            if all(found[i + k][2] == term.words[k] for k in range(size - 1)) and (
                found[i + size - 1][2].startswith(term.words[-1])
                if term.prefix
                else found[i + size - 1][2] == term.words[-1]
            ):
                hits.add((found[i][0], found[i + size - 1][1]))
    return sorted(hits)


def matches(text: str, query: Query) -> bool:
    """Whether every term of the query occurs in ``text``."""
    return all(find(text, Query(query.text, (term,))) for term in query.terms)


def snippet(
    text: str, hits: list[tuple[int, int]], width: int = SNIPPET_CHARS
) -> tuple[Piece, ...]:
    """A stretch of ``text`` around its first hit, about ``width`` characters, hits marked."""
    start = max(0, hits[0][0] - width // 3) if hits else 0
    end = min(len(text), start + width)
    pieces: list[Piece] = []
    if start > 0:
        pieces.append(Piece("…", False))
    at = start
    for hit_start, hit_end in hits:
        if hit_end <= at or hit_start >= end:
            continue
        if hit_start > at:
            pieces.append(Piece(text[at:hit_start], False))
        pieces.append(Piece(text[max(hit_start, at) : min(hit_end, end)], True))
        at = min(hit_end, end)
    if at < end:
        pieces.append(Piece(text[at:end], False))
    if end < len(text):
        pieces.append(Piece("…", False))
    return tuple(_one_line(pieces))


def _one_line(pieces: list[Piece]) -> list[Piece]:
    return [Piece(re.sub(r"\s+", " ", piece.text), piece.hit) for piece in pieces if piece.text]


def _marked(marked: str) -> tuple[Piece, ...]:
    """Split SQLite's snippet() output at its hit marks."""
    pieces: list[Piece] = []
    for index, part in enumerate(re.split(f"[{_OPEN}{_CLOSE}]", marked)):
        pieces.append(Piece(part, index % 2 == 1))
    return tuple(_one_line(pieces))


def documents(
    conn: sqlite3.Connection, query: Query, limit: int = LIMIT
) -> tuple[DocumentHit, ...]:
    """Documents whose title and text hold every term, best first, with a snippet of the text."""
    if not query:
        return ()
    rows = conn.execute(
        "SELECT documents.id, documents.title, "
        f"snippet(documents_fts, 1, ?, ?, '…', {SNIPPET_WORDS}) "
        "FROM documents_fts JOIN documents ON documents.id = documents_fts.rowid "
        "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
        (_OPEN, _CLOSE, match_expression(query), limit),
    )
    return tuple(DocumentHit(row[0], row[1], _marked(row[2])) for row in rows)


def _may_match(conn: sqlite3.Connection, column: str, query: Query) -> tuple[str, list[str]]:
    """An SQL filter letting through the rows whose text holds each term's first word."""
    conn.create_function("search_normalise", 1, normalise, deterministic=True)
    clauses = [f"instr(search_normalise({column}), ?) > 0" for _ in query.terms]
    return " AND ".join(clauses), [term.words[0] for term in query.terms]


def quotes(conn: sqlite3.Connection, query: Query, limit: int = LIMIT) -> tuple[QuoteHit, ...]:
    """Quotes whose text holds every term, in document order, with the words around the hit."""
    if not query:
        return ()
    conn.create_function("search_normalise", 1, normalise, deterministic=True)
    # The spans holding the longest word narrow it down; Python checks every term.
    word = max((term.words[0] for term in query.terms), key=len)
    rows = conn.execute(
        "SELECT quotes.id, quotes.document_id, documents.title, coalesce(speakers.name, ''), "
        "(SELECT group_concat(text, ' … ') FROM (SELECT text FROM quote_spans "
        "WHERE quote_spans.quote_id = quotes.id ORDER BY start)) "
        "FROM quotes JOIN documents ON documents.id = quotes.document_id "
        "LEFT JOIN speakers ON speakers.id = quotes.speaker_id "
        "WHERE quotes.id IN (SELECT quote_id FROM quote_spans "
        "WHERE instr(search_normalise(text), ?) > 0) "
        "ORDER BY quotes.document_id, quotes.id",
        (word,),
    )
    hits: list[QuoteHit] = []
    for quote_id, document_id, title, speaker, text in rows:
        if matches(text, query):
            hits.append(
                QuoteHit(document_id, quote_id, title, speaker, snippet(text, find(text, query)))
            )
            if len(hits) >= limit:
                break
    return tuple(hits)


def speakers(conn: sqlite3.Connection, query: Query, limit: int = LIMIT) -> tuple[SpeakerHit, ...]:
    """Speakers whose name or an alias holds every term, most quoted first."""
    if not query:
        return ()
    where, params = _may_match(conn, "speakers.name || ' ' || speakers.aliases", query)
    rows = conn.execute(
        "SELECT speakers.id, speakers.name, speakers.aliases, "
        "(SELECT count(*) FROM quotes WHERE quotes.speaker_id = speakers.id) AS n "
        f"FROM speakers WHERE {where} ORDER BY n DESC, speakers.name",
        params,
    )
    hits: list[SpeakerHit] = []
    for speaker_id, name, aliases, count in rows:
        known_as = f"{name} {aliases}"
        if matches(known_as, query):
            shown = name if matches(name, query) else known_as
            hits.append(SpeakerHit(speaker_id, name, count, snippet(shown, find(shown, query))))
            if len(hits) >= limit:
                break
    return tuple(hits)


def search(conn: sqlite3.Connection, text: str, limit: int = LIMIT) -> Results:
    """Documents, quotes and speakers matching what was typed (see :func:`parse`)."""
    query = parse(text)
    return Results(
        documents(conn, query, limit), quotes(conn, query, limit), speakers(conn, query, limit)
    )


def first_quote(conn: sqlite3.Connection, speaker_id: int) -> tuple[int, int] | None:
    """(document id, quote id) of a speaker's first quote in document order, if any."""
    row = conn.execute(
        "SELECT document_id, id FROM quotes WHERE speaker_id = ? ORDER BY document_id, id LIMIT 1",
        (speaker_id,),
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else None
