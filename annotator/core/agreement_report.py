"""Agreement reports as JSON-ready data and as plain-text lines (CLI and window)."""

from __future__ import annotations

from typing import Any

from annotator.core.agreement import PairFigures, Report
from annotator.core.matching import Counts
from annotator.core.wording import plural, score


def _counts_dict(counts: Counts) -> dict[str, Any]:
    return {
        "matched": counts.matched,
        "reference": counts.reference,
        "candidate": counts.candidate,
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
    }


def _pair_dict(pair: PairFigures) -> dict[str, Any]:
    return {
        "coders": list(pair.coders),
        "documents": pair.documents,
        "exact": _counts_dict(pair.exact),
        "overlap": _counts_dict(pair.overlap),
        "speaker": {
            "same": pair.speaker_same,
            "compared": pair.speaker_compared,
            "agreement": pair.speaker_agreement,
        },
        "stance": {
            "quotes": pair.stance.count,
            "alpha": pair.stance.alpha,
            "kappa": pair.stance.kappa,
        },
        "quote_type": {
            "quotes": pair.quote_type.count,
            "alpha": pair.quote_type.alpha,
            "kappa": pair.quote_type.kappa,
        },
    }


def as_dict(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data (figures ``None`` where undefined)."""
    pooled = _pair_dict(report.pooled)
    del pooled["coders"]
    pooled["stance"].pop("kappa")
    pooled["quote_type"].pop("kappa")
    return {
        "coders": list(report.coders),
        "threshold": report.threshold,
        "documents": len(report.documents),
        "tokens": report.tokens,
        "token_alpha": report.token_alpha,
        "pooled": pooled,
        "pairs": [_pair_dict(pair) for pair in report.pairs],
        "per_document": [
            {
                "document_id": document.document_id,
                "title": document.title,
                "coders": list(document.coders),
                "tokens": document.tokens,
                "token_alpha": document.alpha,
                "exact": _counts_dict(document.pairs.exact),
                "overlap": _counts_dict(document.pairs.overlap),
                "disagreements": document.disagreements,
            }
            for document in report.documents
        ],
        "disagreements": [
            {
                "document_id": found.document_id,
                "kind": found.kind,
                "coders": list(found.coders),
                "start": found.start,
                "end": found.end,
                "quotes": [None if q is None else q.uid for q in (found.first, found.second)],
            }
            for found in report.disagreements
        ],
    }


def summary(report: Report) -> list[str]:
    """The report as lines of plain text: pooled figures, then per pair and per document."""
    if not report.documents:
        return ["No document was annotated by two or more of these coders."]
    pooled = report.pooled
    lines = [
        f"{plural(len(report.documents), 'document')} annotated by two or more of "
        f"{plural(len(report.coders), 'coder')} ({', '.join(report.coders)})",
        f"Token-wise Krippendorff's alpha (source/cue/content/none): "
        f"{score(report.token_alpha)} over {plural(report.tokens, 'token')}",
        f"Quotes, all pairs pooled: exact F1 {score(pooled.exact.f1)}; overlap "
        f"(token Jaccard >= {report.threshold:g}) P {score(pooled.overlap.precision)} "
        f"R {score(pooled.overlap.recall)} F1 {score(pooled.overlap.f1)}",
        f"Speaker on matched quotes: {score(pooled.speaker_agreement)} "
        f"({pooled.speaker_same} of {pooled.speaker_compared})",
        f"Stance on matched quotes: alpha {score(pooled.stance.alpha)} "
        f"({plural(pooled.stance.count, 'quote')}); "
        f"quote type: alpha {score(pooled.quote_type.alpha)} "
        f"({plural(pooled.quote_type.count, 'quote')})",
        "",
        "Pair\tdocs\texact F1\toverlap F1\tspeaker\tstance alpha/kappa\ttype alpha/kappa",
    ]
    for pair in report.pairs:
        lines.append(
            f"{pair.coders[0]} / {pair.coders[1]}\t{pair.documents}\t{score(pair.exact.f1)}\t"
            f"{score(pair.overlap.f1)}\t{score(pair.speaker_agreement)}\t"
            f"{score(pair.stance.alpha)} / {score(pair.stance.kappa)}\t"
            f"{score(pair.quote_type.alpha)} / {score(pair.quote_type.kappa)}"
        )
    lines += ["", "Document\tcoders\ttoken alpha\toverlap F1\tdisagreements"]
    for document in report.documents:
        lines.append(
            f"{document.title or document.document_id}\t{len(document.coders)}\t"
            f"{score(document.alpha)}\t{score(document.pairs.overlap.f1)}\t"
            f"{document.disagreements}"
        )
    return lines
