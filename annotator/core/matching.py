"""One-to-one matching of quote spans between two annotations of one text.

Pure functions over plain data: a quote is its list of content spans
(``(start, end)`` pairs or :class:`~annotator.core.model.Span`, code-point
offsets, half-open) and the text they lie in. Nothing here reads the store,
so coders' quotes and engine suggestions are scored the same way.

API
---

``tokenize(text) -> list[Span]``
    The tokens of a text: a run of word characters (letters, digits, marks,
    ``_``, joined across an inner apostrophe or hyphen as in *don't* or
    *well-known*) is one token; every other non-space character is a token of
    its own. Whitespace is never a token.

``TokenIndex(text)``
    The tokens of one text, computed once. ``index.covered(spans)`` gives the
    indices of the tokens a list of spans touches (a token is covered when
    at least one of its characters lies in a span); ``words_only=True``
    leaves punctuation tokens out.

``score(reference, candidate, index, criterion) -> float``
    How well two quotes agree, from 0 to 1, under one of :data:`CRITERIA`:

    - ``"exact"``: 1.0 when the two sets of spans cover exactly the same
      characters, else 0.0.
    - ``"jaccard"``: |A ∩ B| / |A ∪ B| over the *word* tokens the two quotes'
      content spans cover (punctuation and quotation marks are left out, so
      whether a coder took the closing mark does not matter). When either
      quote covers no word token, the same ratio over characters.
    - ``"coverage"``: the characters the two quotes share as a fraction of
      the reference quote's characters (the Gender Gap Tracker's criterion,
      used there with a threshold of 0.3). Not symmetric.

``match(reference, candidate, text, criterion="jaccard", threshold=None) -> Matching``
    Pairs the two lists of quotes one to one by greatest overlap: every pair
    whose score reaches the threshold (and is above zero) is a candidate;
    pairs are taken greedily from the highest score down, ties going to the
    earlier reference quote, then the earlier candidate, and a quote already
    taken is skipped. ``threshold`` defaults to :data:`DEFAULT_THRESHOLDS`
    for the criterion (0.5 for Jaccard, 0.3 for coverage); it is ignored for
    ``"exact"``. ``text`` may be a ready :class:`TokenIndex` to spare
    tokenising the same text for several pairs, and the quotes may be given
    as :class:`Prepared` (``prepare(spans, index)``) to spare preparing the
    same quote for each list it is matched against.

``Matching``
    ``pairs`` (tuples of :class:`Pair`: reference index, candidate index,
    score), ``unmatched_reference`` and ``unmatched_candidate`` (indices into
    the lists given), and ``counts`` (a :class:`Counts`).

``Counts(matched, reference, candidate)``
    Precision = matched / candidate, recall = matched / reference, F1 their
    harmonic mean. Each is ``None`` when its denominator is zero (nothing to
    measure); F1 is 0.0 when precision and recall are both 0. Counts add up
    with ``+`` (``sum(counts, Counts())``), which is how figures are pooled
    over documents: micro-averaged, from the summed counts.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.core.model import Span

CRITERIA = ("exact", "jaccard", "coverage")
DEFAULT_THRESHOLDS = {"exact": 1.0, "jaccard": 0.5, "coverage": 0.3}

SpanLike = tuple[int, int] | Span
QuoteSpans = Iterable[SpanLike]

_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
# The same, with the word alternative as group 1.
_TOKEN_KINDS = re.compile(r"(\w+(?:['’\-]\w+)*)|[^\w\s]")


def tokenize(text: str) -> list[Span]:
    """The tokens of ``text`` as spans, in order (see the module docstring)."""
    return [Span(found.start(), found.end()) for found in _TOKEN.finditer(text)]


def _pairs(spans: QuoteSpans) -> list[tuple[int, int]]:
    """Spans as sorted, merged ``(start, end)`` pairs (touching spans joined)."""
    raw = sorted(
        (span.start, span.end) if isinstance(span, Span) else (span[0], span[1]) for span in spans
    )
    merged: list[tuple[int, int]] = []
    for start, end in raw:
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class TokenIndex:
    """The tokens of one text, with fast lookup of the tokens a span covers."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = [(m.start(), m.end(), m.lastindex == 1) for m in _TOKEN_KINDS.finditer(text)]
        self._starts: list[int] = [start for start, _, _ in found]
        self._ends: list[int] = [end for _, end, _ in found]
        self._is_word: list[bool] = [word for _, _, word in found]
        self._words = frozenset(i for i, word in enumerate(self._is_word) if word)

    def __len__(self) -> int:
        return len(self._starts)

    @property
    def tokens(self) -> list[Span]:
        """The tokens as spans, in order."""
        return [Span(start, end) for start, end in zip(self._starts, self._ends, strict=True)]

    def token_range(self, start: int, end: int) -> range:
        """Indices of the tokens that share at least one character with ``[start, end)``."""
        first = bisect.bisect_right(self._ends, start)
        last = bisect.bisect_left(self._starts, end)
        return range(first, max(first, last))

    def covered(self, spans: QuoteSpans, words_only: bool = False) -> frozenset[int]:
        """Indices of the tokens the spans touch; punctuation left out if ``words_only``."""
        found: set[int] = set()
        for start, end in _pairs(spans):
            found.update(self.token_range(start, end))
        if words_only:
            found.intersection_update(self._words)
        return frozenset(found)

    def is_word(self, index: int) -> bool:
        return self._is_word[index]


def _char_overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    shared = 0
    i = j = 0
    while i < len(a) and j < len(b):
        low = max(a[i][0], b[j][0])
        high = min(a[i][1], b[j][1])
        if low < high:
            shared += high - low
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return shared


def _length(spans: list[tuple[int, int]]) -> int:
    return sum(end - start for start, end in spans)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A quote's spans merged and sorted, with the word tokens they cover."""

    pairs: list[tuple[int, int]]
    words: frozenset[int]
    # Where the first span starts and the last ends (0 for no spans).
    first: int = 0
    last: int = 0


def prepare(spans: QuoteSpans | Prepared, index: TokenIndex) -> Prepared:
    """Prepare a quote for matching once when it is matched against several lists."""
    if isinstance(spans, Prepared):
        return spans
    pairs = _pairs(spans)
    if not pairs:
        return Prepared(pairs, frozenset())
    return Prepared(pairs, index.covered(pairs, words_only=True), pairs[0][0], pairs[-1][1])


def _score(reference: Prepared, candidate: Prepared, criterion: str) -> float:
    if criterion == "exact":
        return 1.0 if reference.pairs and reference.pairs == candidate.pairs else 0.0
    if reference.last <= candidate.first or candidate.last <= reference.first:
        return 0.0
    if criterion == "coverage":
        length = _length(reference.pairs)
        return _char_overlap(reference.pairs, candidate.pairs) / length if length else 0.0
    if reference.words and candidate.words:
        union = len(reference.words | candidate.words)
        return len(reference.words & candidate.words) / union
    shared = _char_overlap(reference.pairs, candidate.pairs)
    union_chars = _length(reference.pairs) + _length(candidate.pairs) - shared
    return shared / union_chars if union_chars else 0.0


def _check_criterion(criterion: str) -> None:
    if criterion not in CRITERIA:
        raise ValueError(
            f"unknown matching criterion {criterion!r}; use one of {', '.join(CRITERIA)}"
        )


def score(
    reference: QuoteSpans, candidate: QuoteSpans, index: TokenIndex, criterion: str = "jaccard"
) -> float:
    """How well ``candidate`` agrees with ``reference`` under ``criterion``, from 0 to 1."""
    _check_criterion(criterion)
    return _score(prepare(reference, index), prepare(candidate, index), criterion)


def f_score(precision: float | None, recall: float | None) -> float | None:
    """F1, the harmonic mean of precision and recall; None when either is."""
    if precision is None or recall is None:
        return None
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class Counts:
    """Matched quotes out of the reference's and the candidate's, for P/R/F1."""

    matched: int = 0
    reference: int = 0
    candidate: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.matched + other.matched,
            self.reference + other.reference,
            self.candidate + other.candidate,
        )

    @property
    def precision(self) -> float | None:
        return self.matched / self.candidate if self.candidate else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.reference if self.reference else None

    @property
    def f1(self) -> float | None:
        return f_score(self.precision, self.recall)


@dataclass(frozen=True)
class Pair:
    """A reference quote matched to a candidate quote (indices into the lists given)."""

    reference: int
    candidate: int
    score: float


@dataclass(frozen=True)
class Matching:
    pairs: tuple[Pair, ...]
    unmatched_reference: tuple[int, ...]
    unmatched_candidate: tuple[int, ...]
    counts: Counts


def _overlapping(
    refs: list[Prepared], cands: list[Prepared], criterion: str, threshold: float
) -> list[tuple[float, int, int]]:
    """(-score, reference, candidate) for every pair scoring above 0 and at the threshold."""
    # Candidates sorted by first offset so each reference only scores the ones
    # that can reach it: none starting before its start minus the longest extent.
    order = sorted(range(len(cands)), key=lambda j: cands[j].first)
    firsts = [cands[j].first for j in order]
    reach = max((cand.last - cand.first for cand in cands), default=0)
    scored: list[tuple[float, int, int]] = []
    for i, ref in enumerate(refs):
        if not ref.pairs:
            continue
        begin = bisect.bisect_left(firsts, ref.first - reach)
        stop = bisect.bisect_left(firsts, ref.last)
        for position in range(begin, stop):
            j = order[position]
            value = _score(ref, cands[j], criterion)
            if value > 0.0 and value >= threshold:
                scored.append((-value, i, j))
    return scored


def match(
    reference: Sequence[QuoteSpans | Prepared],
    candidate: Sequence[QuoteSpans | Prepared],
    text: str | TokenIndex,
    criterion: str = "jaccard",
    threshold: float | None = None,
) -> Matching:
    """Match two lists of quotes one to one by greatest overlap (see the module docstring)."""
    _check_criterion(criterion)
    if threshold is None:
        threshold = DEFAULT_THRESHOLDS[criterion]
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"a matching threshold lies between 0 and 1, got {threshold}")
    index = text if isinstance(text, TokenIndex) else TokenIndex(text)
    refs = [prepare(spans, index) for spans in reference]
    cands = [prepare(spans, index) for spans in candidate]
    scored: list[tuple[float, int, int]] = []
    if criterion == "exact":
        # Equal span lists score 1 and nothing else scores: look them up.
        identical: dict[tuple[tuple[int, int], ...], list[int]] = {}
        for j, cand in enumerate(cands):
            if cand.pairs:
                identical.setdefault(tuple(cand.pairs), []).append(j)
        for i, ref in enumerate(refs):
            scored.extend((-1.0, i, j) for j in identical.get(tuple(ref.pairs), ()))
    else:
        scored = _overlapping(refs, cands, criterion, threshold)
    scored.sort()
    taken_ref: set[int] = set()
    taken_cand: set[int] = set()
    pairs: list[Pair] = []
    for negative, i, j in scored:
        if i in taken_ref or j in taken_cand:
            continue
        taken_ref.add(i)
        taken_cand.add(j)
        pairs.append(Pair(i, j, -negative))
    pairs.sort(key=lambda pair: pair.reference)
    return Matching(
        pairs=tuple(pairs),
        unmatched_reference=tuple(i for i in range(len(refs)) if i not in taken_ref),
        unmatched_candidate=tuple(j for j in range(len(cands)) if j not in taken_cand),
        counts=Counts(len(pairs), len(refs), len(cands)),
    )
