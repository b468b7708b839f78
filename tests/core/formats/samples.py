"""The sample project the format tests share, and the checks every format passes."""

from pathlib import Path

from annotator.core import exporting, importing
from annotator.core.formats import Reader, ReadOptions, WriteOptions, Writer
from annotator.core.model import DocumentRecord, QuoteRecord
from annotator.core.store import Store

# Emoji (astral), U+00A0, a combining accent and curly quotes, before and inside quotes.
TEXT = (
    "“We’ve never tried it,” Secretary of State Rex Tillerson said. “But until we do, "
    "we won’t know.” He called it 🙂 “a good\u00a0start.” The forum, in Jose\u0301’s words, "
    "urged restraint.\nAna Lima said that taxes would rise 📈."
)


def at(text: str, piece: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(piece, start + 1)
    return start, start + len(piece)


def sample_records() -> list[DocumentRecord]:
    """A project with split and overlapping quotes and every field filled."""
    quotes = [
        QuoteRecord(
            spans=[at(TEXT, "We’ve never tried it,"), at(TEXT, "But until we do, we won’t know.")],
            speaker="Rex Tillerson",
            mention=at(TEXT, "Secretary of State Rex Tillerson"),
            cue=at(TEXT, "said"),
            stance="opposes",
            target="climate policy",
            quote_type="direct",
            note="first line\nsecond_line: 100% | sure, \\ really\tyes",
            annotator="ana",
        ),
        QuoteRecord(
            # Overlaps the first piece of the quote above.
            spans=[at(TEXT, "never tried")],
            mention=at(TEXT, "He"),
            cue=at(TEXT, "called"),
            stance="supports",
            target="tax_cuts & 🙂",
            quote_type="indirect",
            note="overlaps",
            annotator="ben",
        ),
        QuoteRecord(
            spans=[at(TEXT, "🙂 “a good\u00a0start.”")],
            speaker="Jose\u0301 Ortega",
            stance="neutral",
            quote_type="mixed",
            target="talks",
            note="emoji and no-break space",
            annotator="ana",
        ),
        QuoteRecord(
            spans=[at(TEXT, "urged restraint")],
            mention=at(TEXT, "The forum"),
            cue=at(TEXT, "urged"),
            stance="unclear",
            quote_type="indirect",
            target="the forum’s view",
            note="a mention but deliberately no speaker",
            annotator="ben",
        ),
        QuoteRecord(
            spans=[at(TEXT, "taxes would rise 📈")],
            speaker="Ana Lima",
            mention=at(TEXT, "Ana Lima"),
            cue=at(TEXT, "said", 2),
            stance="opposes",
            quote_type="indirect",
            target="taxes",
            note="n",
            annotator="ana",
        ),
    ]
    return [
        DocumentRecord("talks-2017", "Talks", TEXT, quotes=quotes),
        DocumentRecord("empty one", "Nothing quoted", "No quotes here.\n"),
    ]


def project(records: list[DocumentRecord]) -> Store:
    store = Store.memory()
    importing.import_records(store, records, "test")
    return store


def quotes_of(store: Store) -> dict[str, list[tuple]]:
    """What a user sees of each document's quotes, in a comparable form."""
    found = {}
    for record in exporting.iter_records(store):
        found[record.external_id] = sorted(
            (
                tuple(map(tuple, q.spans)),
                tuple(record.text[s:e] for s, e in q.spans),
                q.speaker,
                q.mention,
                q.cue,
                q.stance,
                q.quote_type,
                q.target,
                q.note,
                q.annotator,
            )
            for q in record.quotes
        )
    return found


def round_trip(store: Store, format: str, output: Path) -> Store:
    exporting.export(store, format, output)
    fresh = Store.memory()
    report = importing.import_paths(fresh, [output], format=format)
    assert report.ok, [f.error for f in report.failed]
    return fresh


def quote_fields(q: QuoteRecord) -> tuple:
    """The fields of a quote record that every annotating format keeps."""
    return (
        q.spans,
        q.speaker,
        q.mention,
        q.cue,
        q.stance,
        q.quote_type,
        q.target,
        q.note,
        q.annotator,
    )


def assert_records_survive(write: Writer, read: Reader, path: Path) -> None:
    """The sample records, written and read back: documents in order, quotes as they were."""
    records = sample_records()
    write(records, path, WriteOptions())
    back = list(read(path, ReadOptions()))
    assert [(r.external_id, r.title, r.text) for r in back] == [
        (r.external_id, r.title, r.text) for r in records
    ]
    assert sorted(map(quote_fields, back[0].quotes)) == sorted(map(quote_fields, records[0].quotes))


def assert_project_round_trip(format: str, output: Path) -> None:
    """A project exported and imported into a fresh one keeps its quotes and speakers."""
    store = project(sample_records())
    fresh = round_trip(store, format, output)
    assert quotes_of(fresh) == quotes_of(store)
    assert sorted(s.name for s in fresh.speakers()) == sorted(s.name for s in store.speakers())
