"""Quotes stored as separate linked spans, gathered back into quotes.

Label Studio and doccano keep one span per quote piece, one for the speaker
mention and one for the cue, tied together by relations. Their readers
record the pieces and the relations here; :meth:`LinkedPieces.quotes` turns
them into :class:`QuoteRecord` objects with spans, mention and cue set.
"""

from __future__ import annotations

from collections.abc import Iterator

from annotator.core.model import QuoteRecord


class LinkedPieces:
    """Quote pieces joined by ``continues`` relations (union-find), with what links to them."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._spans: dict[str, tuple[int, int]] = {}
        # Piece -> role ("mention" or "cue") -> span; the first link of a role wins.
        self._attached: dict[str, dict[str, tuple[int, int]]] = {}

    def add(self, key: str, span: tuple[int, int]) -> None:
        self._parent.setdefault(key, key)
        self._spans[key] = span

    def _find(self, key: str) -> str:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def join(self, a: str, b: str) -> None:
        self._parent[self._find(b)] = self._find(a)

    def attach(self, piece: str, role: str, span: tuple[int, int]) -> None:
        self._attached.setdefault(piece, {}).setdefault(role, span)

    def quotes(self, annotator: str | None, origin: str) -> Iterator[tuple[list[str], QuoteRecord]]:
        """Each quote with the keys of its pieces in text order.

        Mention and cue come from the first piece, in text order, that has one.
        """
        members: dict[str, list[str]] = {}
        for key in self._parent:
            members.setdefault(self._find(key), []).append(key)
        for group in members.values():
            group.sort(key=lambda k: self._spans[k])
            quote = QuoteRecord(
                spans=[self._spans[k] for k in group], annotator=annotator, origin=origin
            )
            for key in group:
                for role, span in self._attached.get(key, {}).items():
                    if getattr(quote, role) is None:
                        setattr(quote, role, span)
            yield group, quote
