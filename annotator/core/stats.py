"""Corpus statistics: progress by status, quotes per speaker, stance and annotator."""

from __future__ import annotations

from dataclasses import dataclass, field

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


def _counts(store: Store, join: str, name: str) -> list[tuple[str | None, int]]:
    return [
        (row[0], row[1])
        for row in store.conn.execute(
            f"SELECT {name}, count(*) AS n FROM quotes {join} GROUP BY {name} "
            f"ORDER BY n DESC, {name} IS NULL, {name}"
        )
    ]


def project_stats(store: Store) -> Stats:
    return Stats(
        documents=store.status_counts(),
        quotes=store.quote_count(),
        by_speaker=_counts(
            store, "LEFT JOIN speakers ON speakers.id = quotes.speaker_id", "speakers.name"
        ),
        by_stance=_counts(store, "LEFT JOIN labels ON labels.id = quotes.stance_id", "labels.name"),
        by_type=_counts(
            store, "LEFT JOIN labels ON labels.id = quotes.quote_type_id", "labels.name"
        ),
        by_annotator=_counts(
            store, "LEFT JOIN annotators ON annotators.id = quotes.annotator_id", "annotators.name"
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
