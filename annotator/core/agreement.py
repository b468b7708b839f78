"""Agreement between coders: pure functions over quotes and text.

:func:`agreement` takes :class:`Coding` objects (one document's text and each
coder's quotes, as plain :class:`~annotator.core.model.Quote` snapshots) and
returns a :class:`Report`: span precision, recall and F1 per coder pair (exact
and by overlap, quotes matched one to one by :mod:`annotator.core.matching`),
token-wise Krippendorff's alpha over source / cue / content / none, speaker
agreement and alpha and Cohen's kappa for stance and quote type on matched
quotes, per document and per coder pair, and the list of disagreements.
:func:`load_codings` reads the codings from a store. The README's "Coders,
agreement and adjudication" section defines every figure.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from annotator.core.errors import InvalidValue
from annotator.core.matching import Counts, Matching, Prepared, TokenIndex, match, prepare
from annotator.core.model import Quote, Span
from annotator.core.store import Store

# A token's role in one coder's annotation; later roles win where quotes nest
# (a source inside another quote's content is a source).
ROLES = ("none", "content", "cue", "source")
DISAGREEMENT_KINDS = ("missing", "boundaries", "speaker", "stance", "quote type")


# -- coefficients -------------------------------------------------------------


def krippendorff_alpha(units: Iterable[Sequence[Hashable | None]]) -> float | None:
    """Krippendorff's alpha for nominal data; ``None`` where a coder gave no value.

    Each unit is the sequence of values its coders gave. Units with fewer than
    two values are not pairable and left out. ``None`` when no unit is
    pairable or every pairable value is the same (expected disagreement 0).
    """
    return _alpha_from_patterns(Counter(tuple(unit) for unit in units))


def _alpha_from_patterns(patterns: Mapping[tuple[Hashable | None, ...], int]) -> float | None:
    totals: Counter[Hashable] = Counter()
    observed = 0.0
    for pattern, times in patterns.items():
        values = Counter(value for value in pattern if value is not None)
        pairable = sum(values.values())
        if pairable < 2:
            continue
        squares = sum(count * count for count in values.values())
        observed += times * (pairable * pairable - squares) / (pairable - 1)
        for value, count in values.items():
            totals[value] += count * times
    n = sum(totals.values())
    expected = n * n - sum(count * count for count in totals.values())
    if n < 2 or expected == 0:
        return None
    return 1.0 - (n - 1) * observed / expected


def cohen_kappa(pairs: Iterable[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa for two coders' labels on the same units; ``None`` if undefined."""
    pairs = list(pairs)
    if not pairs:
        return None
    total = len(pairs)
    observed = sum(1 for a, b in pairs if a == b) / total
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[value] * second[value] for value in first) / (total * total)
    if expected == 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


# -- inputs ---------------------------------------------------------------------


@dataclass(frozen=True)
class Coding:
    """One document as its coders left it: coder name -> that coder's quotes."""

    document_id: int
    text: str
    quotes: Mapping[str, Sequence[Quote]]
    title: str = ""


def token_roles(index: TokenIndex, quotes: Iterable[Quote]) -> list[str]:
    """Each token's role (see :data:`ROLES`) in one coder's quotes."""
    roles = ["none"] * len(index)
    quotes = list(quotes)
    for role in ROLES[1:]:
        for quote in quotes:
            spans: Sequence[Span]
            if role == "content":
                spans = quote.spans
            elif role == "cue":
                spans = (quote.cue,) if quote.cue else ()
            else:
                spans = (quote.mention,) if quote.mention else ()
            for span in spans:
                for token in index.token_range(span.start, span.end):
                    roles[token] = role
    return roles


# -- results --------------------------------------------------------------------


@dataclass(frozen=True)
class Disagreement:
    """One place where two coders differ; ``first``/``second`` are their quotes (or None)."""

    document_id: int
    kind: str
    coders: tuple[str, str]
    first: Quote | None
    second: Quote | None

    @property
    def start(self) -> int:
        quotes = [quote for quote in (self.first, self.second) if quote is not None]
        return min(quote.start for quote in quotes)

    @property
    def end(self) -> int:
        quotes = [quote for quote in (self.first, self.second) if quote is not None]
        return max(quote.end for quote in quotes)


@dataclass
class LabelFigures:
    """Agreement on one label kind over matched quotes both coders labelled."""

    units: list[tuple[Hashable, Hashable]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.units)

    @property
    def alpha(self) -> float | None:
        return krippendorff_alpha(self.units)

    @property
    def kappa(self) -> float | None:
        return cohen_kappa(self.units)


@dataclass
class PairFigures:
    """Two coders (or all pairs pooled) over the documents both annotated."""

    coders: tuple[str, str]
    documents: int = 0
    exact: Counts = Counts()
    overlap: Counts = Counts()
    speaker_same: int = 0
    speaker_compared: int = 0
    stance: LabelFigures = field(default_factory=LabelFigures)
    quote_type: LabelFigures = field(default_factory=LabelFigures)

    @property
    def speaker_agreement(self) -> float | None:
        return self.speaker_same / self.speaker_compared if self.speaker_compared else None

    def add(self, other: PairFigures) -> None:
        self.documents += other.documents
        self.exact += other.exact
        self.overlap += other.overlap
        self.speaker_same += other.speaker_same
        self.speaker_compared += other.speaker_compared
        self.stance.units.extend(other.stance.units)
        self.quote_type.units.extend(other.quote_type.units)


@dataclass
class DocumentFigures:
    document_id: int
    title: str
    coders: tuple[str, ...]
    tokens: int
    alpha: float | None
    pairs: PairFigures
    disagreements: int


@dataclass
class Report:
    coders: tuple[str, ...]
    threshold: float
    documents: list[DocumentFigures]
    pairs: list[PairFigures]
    pooled: PairFigures
    token_alpha: float | None
    tokens: int
    disagreements: list[Disagreement]


# -- computing ----------------------------------------------------------------


def _compare(
    coding: Coding,
    index: TokenIndex,
    first: str,
    second: str,
    threshold: float,
    prepared: Mapping[str, list[Prepared]],
    disagreements: list[Disagreement],
) -> PairFigures:
    a, b = coding.quotes[first], coding.quotes[second]
    a_spans, b_spans = prepared[first], prepared[second]
    exact = match(a_spans, b_spans, index, "exact")
    overlap: Matching = match(a_spans, b_spans, index, "jaccard", threshold)
    figures = PairFigures((first, second), 1, exact.counts, overlap.counts)
    exact_pairs = {(pair.reference, pair.candidate) for pair in exact.pairs}
    doc, coders = coding.document_id, (first, second)
    for i in overlap.unmatched_reference:
        disagreements.append(Disagreement(doc, "missing", coders, a[i], None))
    for j in overlap.unmatched_candidate:
        disagreements.append(Disagreement(doc, "missing", coders, None, b[j]))
    for pair in overlap.pairs:
        qa, qb = a[pair.reference], b[pair.candidate]
        if (pair.reference, pair.candidate) not in exact_pairs and qa.spans != qb.spans:
            disagreements.append(Disagreement(doc, "boundaries", coders, qa, qb))
        if qa.speaker_id is not None or qb.speaker_id is not None:
            figures.speaker_compared += 1
            if qa.speaker_id == qb.speaker_id:
                figures.speaker_same += 1
            else:
                disagreements.append(Disagreement(doc, "speaker", coders, qa, qb))
        for kind, labels, va, vb in (
            ("stance", figures.stance, qa.stance_id, qb.stance_id),
            ("quote type", figures.quote_type, qa.quote_type_id, qb.quote_type_id),
        ):
            if va is not None and vb is not None:
                labels.units.append((va, vb))
            if va != vb and (va is not None or vb is not None):
                disagreements.append(Disagreement(doc, kind, coders, qa, qb))
    return figures


def agreement(
    codings: Iterable[Coding],
    *,
    coders: Sequence[str] | None = None,
    threshold: float = 0.5,
    reference: str | None = None,
) -> Report:
    """Agreement figures over the documents two or more of ``coders`` annotated.

    ``coders`` limits the coders compared (default: every coder in the
    codings). ``threshold`` is the token Jaccard a pair of quotes needs to
    match by overlap. With ``reference`` (a gold layer, say) only the pairs
    (reference, coder) are compared, the reference on the reference side.
    """
    if not 0.0 < threshold <= 1.0:
        raise InvalidValue(f"the overlap threshold lies above 0 and at most 1, not {threshold}")
    wanted = set(coders) if coders is not None else None
    documents: list[DocumentFigures] = []
    by_pair: dict[tuple[str, str], PairFigures] = {}
    disagreements: list[Disagreement] = []
    patterns: Counter[tuple[Hashable | None, ...]] = Counter()
    seen_coders: set[str] = set()
    for coding in codings:
        names = sorted(name for name in coding.quotes if wanted is None or name in wanted)
        if reference is not None and reference in names:
            names.remove(reference)
            names.insert(0, reference)
        if len(names) < 2 or (reference is not None and names[0] != reference):
            continue
        seen_coders.update(names)
        index = TokenIndex(coding.text)
        roles = [token_roles(index, coding.quotes[name]) for name in names]
        prepared = {
            name: [prepare(quote.spans, index) for quote in coding.quotes[name]] for name in names
        }
        document_patterns = Counter(zip(*roles, strict=True))
        patterns.update(document_patterns)
        if reference is None:
            pairs = list(itertools.combinations(names, 2))
        else:
            pairs = [(reference, name) for name in names[1:]]
        document_pairs = PairFigures(("", ""))
        found_before = len(disagreements)
        for first, second in pairs:
            figures = _compare(coding, index, first, second, threshold, prepared, disagreements)
            by_pair.setdefault((first, second), PairFigures((first, second))).add(figures)
            document_pairs.add(figures)
        documents.append(
            DocumentFigures(
                coding.document_id,
                coding.title,
                tuple(names),
                len(index),
                _alpha_from_patterns(document_patterns),
                document_pairs,
                len(disagreements) - found_before,
            )
        )
    pooled = PairFigures(("", ""))
    for figures in by_pair.values():
        pooled.add(figures)
    pooled.documents = len(documents)
    return Report(
        coders=tuple(sorted(seen_coders)),
        threshold=threshold,
        documents=documents,
        pairs=[by_pair[key] for key in sorted(by_pair)],
        pooled=pooled,
        token_alpha=_alpha_from_patterns(patterns),
        tokens=sum(document.tokens for document in documents),
        disagreements=disagreements,
    )


# -- reading the store ----------------------------------------------------------


def coder_names(store: Store) -> list[str]:
    """Names of the project's coders (annotators of kind ``coder``)."""
    kinds = store.annotator_kinds()
    return sorted(name for i, name in store.annotators().items() if kinds.get(i) == "coder")


def load_codings(
    store: Store,
    *,
    annotators: Sequence[str] | None = None,
    collection: str | None = None,
    kinds: Sequence[str] = ("coder",),
) -> list[Coding]:
    """Each document's quotes by annotator, for documents two or more of them annotated.

    ``annotators`` names the layers to read (any kind); without it, every
    annotator of ``kinds``. A coder annotated a document when they have a
    quote in it. ``collection`` limits the documents.
    """
    known = store.annotators()
    kind_of = store.annotator_kinds()
    if annotators is not None:
        unknown = [name for name in annotators if name not in known.values()]
        if unknown:
            names = ", ".join(sorted(known.values())) or "none yet"
            raise InvalidValue(f"no annotator named {unknown[0]!r} (annotators: {names})")
        chosen = {i for i, name in known.items() if name in annotators}
    else:
        chosen = {i for i in known if kind_of.get(i) in kinds}
    if collection is not None:
        collections = {row[0] for row in store.conn.execute("SELECT collection FROM documents")}
        if collection not in collections:
            names = ", ".join(sorted(c for c in collections if c)) or "none"
            raise InvalidValue(f"no collection named {collection!r} (collections: {names})")
    by_document: dict[int, dict[str, list[Quote]]] = {}
    for quote in store.quotes_by_annotators(sorted(chosen), collection=collection):
        assert quote.annotator_id is not None
        layers = by_document.setdefault(quote.document_id, {})
        layers.setdefault(known[quote.annotator_id], []).append(quote)
    codings = []
    for document_id in sorted(by_document):
        layers = by_document[document_id]
        if len(layers) < 2:
            continue
        document = store.document(document_id)
        codings.append(Coding(document_id, document.text, layers, document.title))
    return codings
