"""Adjudication: coders' versions of a document side by side, resolved into a gold layer.

:func:`groups` clusters the coders' quotes on one document (pure: quotes and
text in, groups out): quotes of different coders matched by overlap (see
:mod:`annotator.core.matching`) are one group, and a group is a disagreement
when a coder has no quote in it or the versions differ in boundaries,
speaker, stance or quote type.

The gold layer is an ordinary annotator of kind ``gold``. :func:`take` copies
one coder's version into it (origin ``adjudicated``, with the uids of the
group's quotes as provenance), replacing the gold quote taken from the same
group before; :func:`take_agreed` takes every group the coders agree on.
The adjudicator edits a gold quote with the ordinary quote operations. Each
is one transaction returning a :class:`~annotator.core.model.Change`, so
undo covers adjudication like any edit. :func:`progress` counts a
document's groups that have a gold quote.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from annotator.core import agreement
from annotator.core.errors import InvalidValue
from annotator.core.matching import TokenIndex, match, prepare
from annotator.core.model import Change, Quote
from annotator.core.quotes import put_new_quote
from annotator.core.store import Store, now

GOLD = "gold"


@dataclass(frozen=True)
class Group:
    """Quotes of several coders that mark the same attribution, by coder name."""

    quotes: Mapping[str, tuple[Quote, ...]]
    kinds: frozenset[str]

    @property
    def start(self) -> int:
        return min(quote.start for found in self.quotes.values() for quote in found)

    @property
    def end(self) -> int:
        return max(quote.end for found in self.quotes.values() for quote in found)

    @property
    def agreed(self) -> bool:
        return not self.kinds

    def uids(self) -> frozenset[str]:
        return frozenset(quote.uid for found in self.quotes.values() for quote in found)

    def version(self, coder: str) -> Quote | None:
        found = self.quotes.get(coder, ())
        return found[0] if found else None


def _differences(group: Mapping[str, tuple[Quote, ...]], coders: Sequence[str]) -> set[str]:
    kinds: set[str] = set()
    if any(len(group.get(coder, ())) != 1 for coder in coders):
        kinds.add("missing")
    versions = [quote for found in group.values() for quote in found]
    if len({quote.spans for quote in versions}) > 1:
        kinds.add("boundaries")
    if len({quote.speaker_id for quote in versions}) > 1:
        kinds.add("speaker")
    if len({quote.stance_id for quote in versions}) > 1:
        kinds.add("stance")
    if len({quote.quote_type_id for quote in versions}) > 1:
        kinds.add("quote type")
    return kinds


def groups(text: str, layers: Mapping[str, Sequence[Quote]], threshold: float = 0.5) -> list[Group]:
    """The coders' quotes on one text grouped by overlap, in text order."""
    coders = sorted(layers)
    index = TokenIndex(text)
    prepared = {name: [prepare(q.spans, index) for q in layers[name]] for name in coders}
    parent: dict[tuple[str, int], tuple[str, int]] = {
        (name, i): (name, i) for name in coders for i in range(len(layers[name]))
    }

    def root(key: tuple[str, int]) -> tuple[str, int]:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for first, second in itertools.combinations(coders, 2):
        matching = match(prepared[first], prepared[second], index, "jaccard", threshold)
        for pair in matching.pairs:
            a, b = root((first, pair.reference)), root((second, pair.candidate))
            if a != b:
                parent[b] = a
    clusters: dict[tuple[str, int], dict[str, list[Quote]]] = {}
    for name in coders:
        for i, quote in enumerate(layers[name]):
            clusters.setdefault(root((name, i)), {}).setdefault(name, []).append(quote)
    found = [
        Group(
            {name: tuple(quotes) for name, quotes in cluster.items()},
            frozenset(_differences({n: tuple(q) for n, q in cluster.items()}, coders)),
        )
        for cluster in clusters.values()
    ]
    found.sort(key=lambda group: (group.start, group.end))
    return found


# -- the gold layer -------------------------------------------------------------------


def gold_id(store: Store, name: str = GOLD) -> int:
    """The id of gold layer ``name``, created (kind ``gold``) if new.

    Refuses the name of an annotator who is a coder.
    """
    annotator_id = store.ensure_annotator(name)
    kind = store.annotator_kinds()[annotator_id]
    if kind != "gold":
        has_quotes = store.conn.execute(
            "SELECT 1 FROM quotes WHERE annotator_id = ? LIMIT 1", (annotator_id,)
        ).fetchone()
        if has_quotes:
            raise InvalidValue(f"{name!r} is a coder, not a gold layer; choose another name")
        with store.transaction() as conn:
            conn.execute("UPDATE annotators SET kind = 'gold' WHERE id = ?", (annotator_id,))
    return annotator_id


def gold_names(store: Store) -> list[str]:
    """Names of the project's gold layers."""
    kinds = store.annotator_kinds()
    return sorted(name for i, name in store.annotators().items() if kinds.get(i) == "gold")


coder_names = agreement.coder_names


def _gold_quotes(store: Store, document_id: int, gold: int) -> list[Quote]:
    return [quote for quote in store.quotes(document_id) if quote.annotator_id == gold]


def _gold_copy(source: Quote, gold: int, acting: int, provenance: Iterable[str]) -> Quote:
    stamp = now()
    return replace(
        source,
        id=0,
        annotator_id=gold,
        changed_by=acting,
        origin="adjudicated",
        created_at=stamp,
        updated_at=stamp,
        uid="",
        provenance=tuple(sorted(provenance)),
    )


def take(store: Store, quote_id: int, group_uids: Iterable[str] = (), gold: str = GOLD) -> Change:
    """Put coder quote ``quote_id``'s version into the gold layer.

    ``group_uids`` are the uids of the other coders' quotes it was compared
    with; all of them become the gold quote's provenance. A gold quote taken
    from any of them before is replaced, so taking A's version and then B's
    leaves B's.
    """
    source = store.quote(quote_id)
    uids = {source.uid, *group_uids}
    with store.transaction():
        gold_layer = gold_id(store, gold)
        if source.annotator_id == gold_layer:
            raise InvalidValue("this quote is already in the gold layer")
        replaced = [
            quote
            for quote in _gold_quotes(store, source.document_id, gold_layer)
            if uids & set(quote.provenance)
        ]
        for quote in replaced:
            store.conn.execute("DELETE FROM quotes WHERE id = ?", (quote.id,))
        taken = put_new_quote(store, _gold_copy(source, gold_layer, store.acting_id(), uids))
    return Change(
        f"take {store.annotators().get(source.annotator_id or 0, 'a coder')}'s version",
        documents=frozenset({source.document_id}),
        quotes=frozenset({taken.id, *(quote.id for quote in replaced)}),
        before=tuple(replaced),
        after=(taken,),
    )


def take_agreed(store: Store, document_id: int, coders: Sequence[str], gold: str = GOLD) -> Change:
    """Put every group the coders agree on (and not yet in gold) into the gold layer."""
    by_coder = layers(store, document_id, coders)
    found = groups(store.document_text(document_id), by_coder)
    with store.transaction():
        gold_layer = gold_id(store, gold)
        done = _resolved_uids(store, document_id, gold_layer)
        acting = store.acting_id()
        added = []
        for group in found:
            if group.agreed and not group.uids() & done:
                source = group.quotes[sorted(group.quotes)[0]][0]
                copy = _gold_copy(source, gold_layer, acting, group.uids())
                added.append(put_new_quote(store, copy))
    return Change(
        "take the versions the coders agree on",
        documents=frozenset({document_id}),
        quotes=frozenset(quote.id for quote in added),
        after=tuple(added),
    )


def layers(store: Store, document_id: int, coders: Sequence[str]) -> dict[str, list[Quote]]:
    """The quotes of each of ``coders`` who has quotes in the document.

    A coder without a quote there did not annotate it (as in the agreement
    figures), so their absence is no disagreement.
    """
    names = store.annotators()
    wanted = set(coders)
    found: dict[str, list[Quote]] = {}
    for quote in store.quotes(document_id):
        name = names.get(quote.annotator_id or 0)
        if name in wanted:
            found.setdefault(name, []).append(quote)
    return {name: found[name] for name in sorted(found)}


def _resolved_uids(store: Store, document_id: int, gold_layer: int) -> set[str]:
    return {
        uid for quote in _gold_quotes(store, document_id, gold_layer) for uid in quote.provenance
    }


@dataclass(frozen=True)
class Progress:
    groups: int
    resolved: int
    agreed: int

    @property
    def open(self) -> int:
        return self.groups - self.resolved


def progress(store: Store, document_id: int, coders: Sequence[str], gold: str = GOLD) -> Progress:
    """How many of a document's groups have a gold quote (taken from them or over them)."""
    by_coder = layers(store, document_id, coders)
    found = groups(store.document_text(document_id), by_coder)
    names = {name: i for i, name in store.annotators().items()}
    gold_quotes = _gold_quotes(store, document_id, names[gold]) if gold in names else []
    taken = {uid for quote in gold_quotes for uid in quote.provenance}
    resolved = 0
    for group in found:
        if group.uids() & taken or any(
            quote.start < group.end and group.start < quote.end for quote in gold_quotes
        ):
            resolved += 1
    return Progress(len(found), resolved, sum(1 for group in found if group.agreed))


def documents_to_adjudicate(store: Store, coders: Sequence[str]) -> list[tuple[int, str]]:
    """(id, title) of the documents two or more of ``coders`` have quotes in, by id."""
    names = {name: i for i, name in store.annotators().items()}
    ids = [names[name] for name in coders if name in names]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return [
        (row[0], row[1])
        for row in store.conn.execute(
            "SELECT documents.id, documents.title FROM documents WHERE "
            f"(SELECT count(DISTINCT annotator_id) FROM quotes WHERE quotes.document_id = "
            f"documents.id AND annotator_id IN ({marks})) >= 2 ORDER BY documents.id",
            ids,
        )
    ]


def documents_with_gold(store: Store, gold: str = GOLD) -> set[int]:
    """Ids of the documents where gold layer ``gold`` has a quote."""
    return {
        row[0]
        for row in store.conn.execute(
            "SELECT DISTINCT document_id FROM quotes JOIN annotators "
            "ON annotators.id = quotes.annotator_id WHERE annotators.name = ?",
            (gold,),
        )
    }
