"""A project two coders annotated: the sample article with ana's and ben's quotes."""

from __future__ import annotations

from pathlib import Path

from annotator.core import quotes
from annotator.core.importing import import_seeds
from annotator.core.store import Store

WALL = "the wall does not define our relationship"
ROOM = "collaboration between Mexican authorities and U.S. authorities"
MARKET = "There is no other market for these activities"
MARKET_LONGER = "There is no other market for these activities. It is all coming here"


def make_coded_project(path: Path) -> None:
    """ana and ben agree on WALL, differ in boundaries on MARKET; only ana has ROOM."""
    with Store.open(path) as store:
        import_seeds(store)
        text = store.document_text(1)
        supports = store.find_label("stance", "supports")
        assert supports is not None

        def span(phrase: str) -> tuple[int, int]:
            start = text.index(phrase)
            return (start, start + len(phrase))

        for coder in ("ana", "ben"):
            store.acting = coder
            quotes.add_quote(store, 1, [span(WALL)], stance_id=supports.id)
        store.acting = "ana"
        quotes.add_quote(store, 1, [span(ROOM)])
        quotes.add_quote(store, 1, [span(MARKET)])
        store.acting = "ben"
        quotes.add_quote(store, 1, [span(MARKET_LONGER)])
