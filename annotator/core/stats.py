"""The figures of ``annotator stats``: documents by status, quotes per speaker, stance,
type and annotator over the whole project, most first.

The quotes per speaker, stance and type come from :func:`statistics.tally`, the
scan behind the statistics view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from annotator.core import statistics
from annotator.core.model import Label
from annotator.core.store import Store


@dataclass(frozen=True)
class Stats:
    documents: dict[str, int]
    quotes: int
    # (name, count), most quotes first; None names quotes without one.
    by_speaker: list[tuple[str | None, int]] = field(default_factory=list)
    by_stance: list[tuple[str | None, int]] = field(default_factory=list)
    by_type: list[tuple[str | None, int]] = field(default_factory=list)
    by_annotator: list[tuple[str | None, int]] = field(default_factory=list)

    @property
    def total_documents(self) -> int:
        return sum(self.documents.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": {"total": self.total_documents, **self.documents},
            "quotes": self.quotes,
            "by_speaker": dict(self.by_speaker),
            "by_stance": dict(self.by_stance),
            "by_type": dict(self.by_type),
            "by_annotator": dict(self.by_annotator),
        }


# SQLite's NOCASE, which orders speaker names: ASCII letters folded, nothing else.
_NOCASE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _ranked(
    counts: Iterable[tuple[str | None, int]], nocase: bool = False
) -> list[tuple[str | None, int]]:
    """Counts summed by name, most first, then by name with None last; no zeros."""
    summed: dict[str | None, int] = {}
    for name, count in counts:
        if count:
            summed[name] = summed.get(name, 0) + count

    def order(item: tuple[str | None, int]) -> tuple[int, bool, str]:
        name, count = item
        text = name or ""
        return -count, name is None, text.translate(_NOCASE) if nocase else text

    return sorted(summed.items(), key=order)


def _labelled(
    labels: list[Label], rows: list[dict[int | None, int]]
) -> list[tuple[str | None, int]]:
    names: dict[int | None, str | None] = {label.id: label.name for label in labels}
    names[None] = None
    return _ranked((name, sum(row[key] for row in rows)) for key, name in names.items())


def project_stats(store: Store) -> Stats:
    tally = statistics.tally(store)
    speakers: dict[int, str] = dict(store.conn.execute("SELECT id, name FROM speakers"))
    annotators = store.annotators()
    rows = tally.speakers.items()
    return Stats(
        documents=store.status_counts(),
        quotes=store.quote_count(),
        by_speaker=_ranked(
            ((speakers.get(i) if i is not None else None, row.quotes) for i, row in rows),
            nocase=True,
        ),
        by_stance=_labelled(tally.stances, [row.stances for _, row in rows]),
        by_type=_labelled(tally.types, [row.types for _, row in rows]),
        by_annotator=_ranked(
            (annotators.get(i) if i is not None else None, count)
            for i, count in store.conn.execute(
                "SELECT annotator_id, count(*) FROM quotes GROUP BY annotator_id"
            )
        ),
    )


def quote_counts_by_speaker(store: Store) -> dict[int, int]:
    """How many quotes each speaker has, by speaker id; speakers without quotes are left out."""
    return {
        row[0]: row[1]
        for row in store.conn.execute(
            "SELECT speaker_id, count(*) FROM quotes WHERE speaker_id IS NOT NULL "
            "GROUP BY speaker_id"
        )
    }
