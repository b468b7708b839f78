"""Export to JSON Lines and import into a fresh project: nothing is lost or moved."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core import exporting, importing, quotes, speakers
from annotator.core.model import DocumentRecord
from annotator.core.store import Store

# Emoji (astral), combining marks, U+00A0, curly quotes, CRLF and plain words.
PIECES = st.sampled_from(
    ["word", " ", "\u00a0", "🙂", "👩‍👩‍👧", "e\u0301", "“", "”", "\r\n", "\n", "—", "Zürich", "ß"]
)
TEXTS = st.lists(PIECES, min_size=3, max_size=40).map("".join).filter(lambda t: t.strip())


@st.composite
def corpora(draw):
    documents = []
    for number in range(draw(st.integers(1, 3))):
        text = draw(TEXTS)
        quote_specs = []
        for _ in range(draw(st.integers(0, 3))):
            # Offsets are drawn against the stored text (CRLF already LF).
            quote_specs.append(
                (
                    draw(
                        st.lists(
                            st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=3
                        )
                    ),
                    draw(st.sampled_from([None, "Rex Tillerson", "Luis Videgaray", "Ödön"])),
                    draw(st.booleans()),
                    draw(st.sampled_from([None, "supports", "opposes"])),
                    draw(st.sampled_from([None, "direct", "indirect"])),
                    draw(st.text(max_size=5)),
                )
            )
        documents.append((f"doc-{number}", text, quote_specs))
    return documents


def span(text, a, b):
    start = min(int(a * len(text)), len(text) - 1)
    end = max(start + 1, min(int(b * len(text)), len(text)))
    return start, end


def build(corpus):
    store = Store.memory()
    importing.import_records(
        store, [DocumentRecord(name, f"Title {name}", text) for name, text, _ in corpus], "test"
    )
    speakers.create_speaker(store, "Rex Tillerson", ("Tillerson", "Secretary Tillerson"))
    for name, _, specs in corpus:
        document = store.document_by_external_id(name)
        for fractions, speaker, with_cue, stance, kind, note in specs:
            spans = [span(document.text, a, b) for a, b in fractions]
            change = quotes.add_quote(
                store,
                document.id,
                spans,
                cue=spans[0] if with_cue else None,
                stance_id=store.find_label("stance", stance).id if stance else None,
                quote_type_id=store.find_label("quote_type", kind).id if kind else None,
                note=note,
                annotator="ana",
            )
            if speaker:
                quotes.set_speaker_by_name(store, next(iter(change.quotes)), speaker)
    return store


def contents(store):
    """Documents, quotes and speakers by name, independent of database ids."""
    names = {s.id: (s.name, s.aliases) for s in store.speakers()}
    labels = {label.id: label.name for label in store.labels()}
    annotators = store.annotators()
    result = {}
    for document_id in store.document_ids():
        document = store.document(document_id)
        result[document.external_id] = (
            document.title,
            document.text,
            document.status,
            document.metadata,
            [
                (
                    [(s.start, s.end) for s in q.spans],
                    [document.text[s.start : s.end] for s in q.spans],
                    names.get(q.speaker_id),
                    q.cue,
                    labels.get(q.stance_id),
                    labels.get(q.quote_type_id),
                    q.note,
                    annotators[q.annotator_id],
                    q.origin,
                    q.created_at,
                    q.updated_at,
                )
                for q in store.quotes(document_id)
            ],
        )
    return result


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_jsonl_export_then_import_keeps_quotes_speakers_and_offsets(corpus):
    original = build(corpus)
    assert all("\r" not in original.document(i).text for i in original.document_ids())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.jsonl"
        exporting.export(original, "jsonl", path)
        fresh = Store.memory()
        report = importing.import_paths(fresh, [path])
    assert report.ok, report.failed
    assert contents(fresh) == contents(original)
    used = {q.speaker_id for i in original.document_ids() for q in original.quotes(i)}
    assert {(s.name, s.aliases) for s in fresh.speakers()} == {
        (s.name, s.aliases) for s in original.speakers() if s.id in used
    }
    # Importing the export again changes nothing: every article is skipped.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.jsonl"
        exporting.export(original, "jsonl", path)
        again = importing.import_paths(fresh, [path])
    assert (again.added, again.skipped) == (0, len(corpus))
