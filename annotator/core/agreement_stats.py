"""Agreement between coders for the statistics view and the report, under the same filters.

The figures are those of :mod:`annotator.core.agreement` (the README's "Coders,
agreement and adjudication" section defines each); this module picks the
documents the filters keep and turns the figures per coder pair into a
:class:`~annotator.core.chart_data.Matrix` for a heatmap.
"""

from __future__ import annotations

from annotator.core import agreement
from annotator.core.chart_data import Matrix
from annotator.core.statistics import Filters
from annotator.core.store import Store

MEASURE = "F1, quotes matched by overlap"

# For the report: what each figure is, in a sentence.
DEFINITIONS = (
    (
        "F1 (overlap)",
        "Quotes of two coders paired one to one by greatest overlap (token Jaccard index of "
        "their content at least the threshold, punctuation left out); precision = matched / "
        "the second coder's quotes, recall = matched / the first coder's, F1 their harmonic "
        "mean. Pooled over documents and pairs by summing the counts first.",
    ),
    ("F1 (exact)", "The same with quotes matched only when their content is the same text."),
    (
        "Token α",
        "Krippendorff's alpha (nominal) over every token of the compared documents, each "
        "coder giving each token one role: source (speaker mention), cue, content or none. "
        "A coder with no quote in a document gives no values there.",
    ),
    (
        "Speaker",
        "Share of quotes matched by overlap that name the same registry speaker, among "
        "pairs where at least one coder named one.",
    ),
    (
        "Stance α, type α",
        "Krippendorff's alpha (nominal) of the stance and of the quote type on quotes "
        "matched by overlap that both coders labelled; κ is Cohen's kappa, per pair.",
    ),
)


def compute(store: Store, filters: Filters, threshold: float = 0.5) -> agreement.Report:
    """Agreement over the documents two or more coders annotated, among those the filters
    keep. With a coder chosen, that coder is compared with each of the others."""
    # A gold layer is compared only when chosen: each coder against it.
    kinds = ("coder", "gold") if filters.coder is not None else ("coder",)
    codings = agreement.load_codings(store, collection=filters.collection, kinds=kinds)
    if filters.statuses:
        marks = ",".join("?" * len(filters.statuses))
        kept = {
            row[0]
            for row in store.conn.execute(
                f"SELECT id FROM documents WHERE status IN ({marks})", filters.statuses
            )
        }
        codings = [coding for coding in codings if coding.document_id in kept]
    if filters.coder is not None:
        return agreement.agreement(codings, threshold=threshold, reference=filters.coder)
    return agreement.agreement(codings, threshold=threshold)


def pair_matrix(report: agreement.Report) -> Matrix:
    """F1 by overlap for every coder pair, both ways round (F1 is symmetric)."""
    names = report.coders
    cells: dict[tuple[str, str], float | None] = {}
    for pair in report.pairs:
        first, second = pair.coders
        cells[(first, second)] = cells[(second, first)] = pair.overlap.f1
    values = tuple(tuple(cells.get((row, column)) for column in names) for row in names)
    return Matrix("agreement", "Agreement per coder pair", names, values, MEASURE)
