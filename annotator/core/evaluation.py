"""How good suggestions (or any coder) are against a reference coder: P, R, F1 and speakers.

Quotes are matched one to one by :mod:`annotator.core.matching`, the same
code agreement uses: exactly (the same characters) and by overlap (the
``coverage`` criterion: the share of the reference quote's characters the
candidate covers, 0.3 by default as in the Gender Gap Tracker's evaluation).

Figures come for all quotes and for direct quotes, those whose content
starts with a quotation mark. The direct figures read the one matching of
all quotes: precision is the share of candidate direct quotes matched to
any reference quote, recall the share of reference direct quotes matched by
any candidate. (A suggested “…” that the reference coded as ``that “…”``
is found, not a false positive.) Counts are summed over documents
(micro-averaged). Speaker accuracy is over matched direct quotes whose
reference names or marks a speaker: right when the two speaker mentions
overlap, or the names are the same person (:func:`same_person`).

Only documents the reference annotated (has a quote in) are scored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core import suggestions as suggestion_ops
from annotator.core.errors import InvalidValue
from annotator.core.matching import TokenIndex, f_score, match
from annotator.core.model import Span
from annotator.core.store import Store
from annotator.core.wording import plural, score

SUGGESTIONS = "suggestions"
# The reference "first": each document's first coder (the one whose quotes were stored first).
FIRST = "first"
DEFAULT_THRESHOLD = 0.3
OPENING_MARKS = "“\"„«‘'‹”"
SUBSETS = ("direct", "all")
CRITERIA = ("exact", "overlap")

_NAME_WORD = re.compile(r"[A-Z][\w.-]*")


@dataclass(frozen=True)
class Unit:
    """A quote as evaluation sees it: content spans, speaker mention, speaker name."""

    spans: tuple[Span, ...]
    mention: Span | None = None
    speaker: str = ""


@dataclass
class Figures:
    """Counts for one subset and criterion, summed over documents."""

    reference: int = 0
    found: int = 0  # reference quotes matched
    candidate: int = 0
    right: int = 0  # candidate quotes matched

    @property
    def precision(self) -> float | None:
        return self.right / self.candidate if self.candidate else None

    @property
    def recall(self) -> float | None:
        return self.found / self.reference if self.reference else None

    @property
    def f1(self) -> float | None:
        return f_score(self.precision, self.recall)


@dataclass
class Evaluation:
    reference: str
    candidate: str
    threshold: float
    documents: int = 0
    figures: dict[tuple[str, str], Figures] = field(
        default_factory=lambda: {(s, c): Figures() for s in SUBSETS for c in CRITERIA}
    )
    speaker_right: int = 0
    speaker_compared: int = 0

    @property
    def speaker_accuracy(self) -> float | None:
        return self.speaker_right / self.speaker_compared if self.speaker_compared else None


def is_direct(text: str, spans: Sequence[Span]) -> bool:
    """Whether a quote's content starts with a quotation mark."""
    return bool(spans) and text[min(s.start for s in spans)] in OPENING_MARKS


def _surname(name: str) -> str:
    words = _NAME_WORD.findall(name.replace("’s", "").replace("'s", ""))
    return words[-1].strip(".").casefold() if words else " ".join(name.split()).casefold()


def same_person(text: str, reference: Unit, candidate: Unit) -> bool:
    """Whether two quotes name the same speaker.

    Yes when their mentions overlap in the text, or their names are equal
    or end in the same capitalised word ("Pat Caddell" and "Caddell", "The
    New York Post" and "The Post"); no when either has no name to compare.
    """
    if reference.mention is not None and candidate.mention is not None:
        ours, theirs = reference.mention, candidate.mention
        if ours.start < theirs.end and theirs.start < ours.end:
            return True
    a, b = reference.speaker.strip(), candidate.speaker.strip()
    if not a or not b:
        return False
    return a.casefold() == b.casefold() or _surname(a) == _surname(b)


def evaluate_document(
    text: str,
    reference: Sequence[Unit],
    candidate: Sequence[Unit],
    result: Evaluation,
) -> None:
    """Add one document's figures to ``result``."""
    index = TokenIndex(text)
    ref_direct = [is_direct(text, unit.spans) for unit in reference]
    cand_direct = [is_direct(text, unit.spans) for unit in candidate]
    result.documents += 1
    for criterion in CRITERIA:
        matching = match(
            [unit.spans for unit in reference],
            [unit.spans for unit in candidate],
            index,
            "exact" if criterion == "exact" else "coverage",
            None if criterion == "exact" else result.threshold,
        )
        for subset in SUBSETS:
            figures = result.figures[subset, criterion]
            refs = [i for i in range(len(reference)) if subset == "all" or ref_direct[i]]
            cands = [j for j in range(len(candidate)) if subset == "all" or cand_direct[j]]
            figures.reference += len(refs)
            figures.candidate += len(cands)
            figures.found += sum(
                1 for p in matching.pairs if subset == "all" or ref_direct[p.reference]
            )
            figures.right += sum(
                1 for p in matching.pairs if subset == "all" or cand_direct[p.candidate]
            )
        if criterion == "overlap":
            for pair in matching.pairs:
                ref = reference[pair.reference]
                if not ref_direct[pair.reference] or not (ref.speaker or ref.mention):
                    continue
                result.speaker_compared += 1
                if same_person(text, ref, candidate[pair.candidate]):
                    result.speaker_right += 1


def _coder_units(
    store: Store, document_id: int, annotator_id: int, names: dict[int, str]
) -> list[Unit]:
    return [
        Unit(q.spans, q.mention, names.get(q.speaker_id, "") if q.speaker_id else "")
        for q in store.quotes(document_id)
        if q.annotator_id == annotator_id
    ]


def _first_coders(store: Store) -> dict[int, int]:
    """Each document's first coder: the annotator of its first stored quote."""
    return {
        document_id: annotator_id
        for document_id, annotator_id in store.conn.execute(
            "SELECT document_id, annotator_id FROM quotes WHERE id IN "
            "(SELECT min(id) FROM quotes WHERE annotator_id IS NOT NULL GROUP BY document_id)"
        )
    }


def _annotator(store: Store, name: str) -> int:
    for annotator_id, known in store.annotators().items():
        if known == name:
            return annotator_id
    names = ", ".join(sorted(store.annotators().values())) or "none yet"
    raise InvalidValue(f"no annotator named {name!r} (annotators: {names})")


def evaluate(
    store: Store,
    candidate: str = SUGGESTIONS,
    reference: str = FIRST,
    threshold: float = DEFAULT_THRESHOLD,
    engine: str | None = None,
    document_ids: Sequence[int] | None = None,
) -> Evaluation:
    """Score ``candidate`` (stored suggestions, or a coder's name) against ``reference``.

    ``reference`` is a coder's name or :data:`FIRST`; ``engine`` limits the
    suggestions to one engine's. Suggestions count whatever their status
    (accepted and rejected ones were proposals too).
    """
    if not 0.0 < threshold <= 1.0:
        raise InvalidValue(f"the overlap threshold lies in (0, 1], got {threshold}")
    names = {speaker.id: speaker.name for speaker in store.speakers()}
    if reference == FIRST:
        references = _first_coders(store)
    else:
        reference_id = _annotator(store, reference)
        references = {
            document_id: reference_id
            for (document_id,) in store.conn.execute(
                "SELECT DISTINCT document_id FROM quotes WHERE annotator_id = ?", (reference_id,)
            )
        }
    candidate_id = None if candidate == SUGGESTIONS else _annotator(store, candidate)
    if candidate_id is None and engine is None:
        engines = sorted(
            e for (e,) in store.conn.execute("SELECT DISTINCT engine FROM suggestions")
        )
        if len(engines) > 1:
            raise InvalidValue(
                f"suggestions from several engines ({', '.join(engines)}): choose one with --engine"
            )
    wanted = set(document_ids) if document_ids is not None else None
    result = Evaluation(reference, candidate, threshold)
    for document_id in sorted(references):
        if wanted is not None and document_id not in wanted:
            continue
        if candidate_id is not None and candidate_id == references[document_id]:
            continue
        text = store.document_text(document_id)
        reference_units = _coder_units(store, document_id, references[document_id], names)
        if candidate_id is None:
            candidate_units = [
                Unit(s.spans, s.mention, s.speaker)
                for s in suggestion_ops.suggestions(store, document_id, status=None)
                if engine is None or s.engine == engine
            ]
        else:
            candidate_units = _coder_units(store, document_id, candidate_id, names)
        evaluate_document(text, reference_units, candidate_units, result)
    return result


def table(result: Evaluation) -> list[str]:
    """The figures as lines of a plain-text table."""
    lines = [
        f"{result.candidate} against {result.reference}, {plural(result.documents, 'document')}, "
        f"overlap = {result.threshold:g} of the reference quote",
        f"{'quotes':<8} {'match':<8} {'P':>6} {'R':>6} {'F1':>6} {'ref':>6} {'cand':>6}",
    ]
    for subset in SUBSETS:
        for criterion in CRITERIA:
            f = result.figures[subset, criterion]
            lines.append(
                f"{subset:<8} {criterion:<8} {score(f.precision, '-'):>6} "
                f"{score(f.recall, '-'):>6} {score(f.f1, '-'):>6} {f.reference:>6} {f.candidate:>6}"
            )
    lines.append(
        f"speaker right on matched direct quotes: {score(result.speaker_accuracy, '-')} "
        f"({result.speaker_right} of {result.speaker_compared})"
    )
    return lines


def as_dict(result: Evaluation) -> dict[str, object]:
    return {
        "candidate": result.candidate,
        "reference": result.reference,
        "threshold": result.threshold,
        "documents": result.documents,
        "figures": {
            f"{subset} {criterion}": {
                "precision": f.precision,
                "recall": f.recall,
                "f1": f.f1,
                "reference": f.reference,
                "candidate": f.candidate,
            }
            for (subset, criterion), f in result.figures.items()
        },
        "speaker_accuracy": result.speaker_accuracy,
        "speaker_compared": result.speaker_compared,
    }
