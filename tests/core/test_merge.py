"""Merging coders' copies of a project back into it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core import quotes, speakers
from annotator.core.errors import StoreError
from annotator.core.merge import merge
from annotator.core.store import Store
from tests.core.conftest import SAMPLE, dump
from tests.core.test_migration import v1_project  # noqa: F401 (a fixture)
from tests.projects import add_document

OTHER = "The mayor said the bridge will open in May. Critics said it will not."


@pytest.fixture
def lead(tmp_path: Path):
    """The lead's project: two documents, no quotes yet."""
    store = Store.open(tmp_path / "lead.db")
    add_document(store, SAMPLE, "talks")
    add_document(store, OTHER, "bridge")
    yield store
    store.close()


def copy_for(lead: Store, tmp_path: Path, coder: str) -> Store:
    """A coder's copy of the lead's project, opened under the coder's name."""
    path = tmp_path / f"{coder}.db"
    target = sqlite3.connect(path)
    lead.conn.backup(target)
    target.close()
    store = Store.open(path)
    store.acting = coder
    return store


def at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return (start, start + len(phrase))


def doc_id(store: Store, external_id: str) -> int:
    document = store.document_by_external_id(external_id)
    assert document is not None
    return document.id


def test_two_coders_copies_bring_their_quotes_home(lead, tmp_path):
    ana = copy_for(lead, tmp_path, "ana")
    quote = quotes.add_quote(ana, doc_id(ana, "talks"), [at(SAMPLE, "the wall does")]).after[0]
    quotes.set_speaker_by_name(ana, quote.id, "Rex Tillerson")
    ana.close()
    ben = copy_for(lead, tmp_path, "ben")
    quotes.add_quote(ben, doc_id(ben, "talks"), [at(SAMPLE, "the wall does not")])
    quotes.add_quote(ben, doc_id(ben, "bridge"), [at(OTHER, "the bridge will open in May")])
    ben.close()
    report = merge(lead, [tmp_path / "ana.db", tmp_path / "ben.db"])
    assert (report.files, report.quotes_added, report.documents_added) == (2, 3, 0)
    assert report.speakers_added == 1
    by_annotator = {
        lead.annotators()[q.annotator_id]: q for q in lead.quotes(doc_id(lead, "talks"))
    }
    assert sorted(by_annotator) == ["ana", "ben"]
    assert lead.speaker(by_annotator["ana"].speaker_id).name == "Rex Tillerson"
    assert lead.annotators()[by_annotator["ana"].changed_by] == "ana"
    assert by_annotator["ana"].uid == quote.uid
    assert lead.document(doc_id(lead, "bridge")).status == "in_progress"
    spans = lead.conn.execute("SELECT text FROM quote_spans ORDER BY text").fetchall()
    assert spans == [("the bridge will open in May",), ("the wall does",), ("the wall does not",)]


def test_merging_the_same_file_twice_adds_nothing(lead, tmp_path):
    ana = copy_for(lead, tmp_path, "ana")
    quotes.add_quote(ana, doc_id(ana, "talks"), [at(SAMPLE, "the wall does")])
    speakers.create_speaker(ana, "Rex Tillerson", aliases=("Tillerson",))
    ana.close()
    merge(lead, [tmp_path / "ana.db"])
    before = dump(lead)
    report = merge(lead, [tmp_path / "ana.db", tmp_path / "ana.db"])
    assert (report.quotes_added, report.quotes_updated, report.quotes_present) == (0, 0, 2)
    assert report.speakers_added == 0 and report.aliases_added == 0
    assert dump(lead) == before


def test_a_quote_changed_later_in_a_copy_replaces_the_project_version(lead, tmp_path):
    ana = copy_for(lead, tmp_path, "ana")
    quote_id = quotes.add_quote(ana, doc_id(ana, "talks"), [at(SAMPLE, "the wall")]).after[0].id
    ana.close()
    merge(lead, [tmp_path / "ana.db"])
    ana = Store.open(tmp_path / "ana.db")
    ana.acting = "ana"
    quotes.add_span(ana, quote_id, at(SAMPLE, "our relationship"))
    quotes.set_note(ana, quote_id, "two pieces")
    ana.close()
    report = merge(lead, [tmp_path / "ana.db"])
    assert (report.quotes_added, report.quotes_updated) == (0, 1)
    (merged,) = lead.quotes(doc_id(lead, "talks"))
    assert merged.note == "two pieces"
    assert [SAMPLE[s.start : s.end] for s in merged.spans] == ["the wall", "our relationship"]
    assert lead.conn.execute("SELECT count(*) FROM quote_spans").fetchone()[0] == 2
    # The project's own later edit is not overwritten by the copy's older version.
    lead.acting = "lead"
    quotes.set_note(lead, merged.id, "checked by the lead")
    assert merge(lead, [tmp_path / "ana.db"]).quotes_updated == 0
    assert lead.quote(merged.id).note == "checked by the lead"


def test_a_document_the_project_lacks_is_added_with_its_quotes(lead, tmp_path):
    ana = copy_for(lead, tmp_path, "ana")
    new = add_document(ana, "Someone said something new.", "extra")
    quotes.add_quote(ana, new, [(15, 26)])
    ana.close()
    report = merge(lead, [tmp_path / "ana.db"])
    assert (report.documents_added, report.quotes_added) == (1, 1)
    (quote,) = lead.quotes(doc_id(lead, "extra"))
    assert quote.spans[0].start == 15


def test_a_different_text_under_the_same_id_is_refused_naming_the_document(lead, tmp_path):
    ana = copy_for(lead, tmp_path, "ana")
    quotes.add_quote(ana, doc_id(ana, "talks"), [(0, 5)])
    ana.close()
    other = Store.open(tmp_path / "other.db")
    add_document(other, "A different article.", "bridge")
    other.close()
    before = dump(lead)
    with pytest.raises(StoreError) as refused:
        merge(lead, [tmp_path / "ana.db", tmp_path / "other.db"])
    assert str(refused.value) == (
        f"{tmp_path / 'other.db'}: document 'bridge' has different text here than in the "
        "project; nothing was merged"
    )
    assert dump(lead) == before


def test_a_newer_version_file_is_refused(lead, tmp_path):
    ana = copy_for(lead, tmp_path, "ana")
    quotes.add_quote(ana, doc_id(ana, "talks"), [(0, 5)])
    ana.conn.execute("PRAGMA user_version = 99")
    ana.close()
    before = dump(lead)
    with pytest.raises(StoreError, match=r"ana\.db: made by a newer Quote Annotator"):
        merge(lead, [tmp_path / "ana.db"])
    assert dump(lead) == before


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: None, "no such file"),
        (lambda path: path.write_text("not a database"), "not a SQLite database"),
        (
            lambda path: sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit(),
            "not a Quote Annotator project",
        ),
    ],
)
def test_other_files_are_refused_with_one_line(lead, tmp_path, make, message):
    path = tmp_path / "coder.db"
    make(path)
    before = dump(lead)
    with pytest.raises(StoreError, match=message):
        merge(lead, [path])
    assert dump(lead) == before


def test_the_project_itself_is_refused(lead):
    with pytest.raises(StoreError, match="this is the project itself"):
        merge(lead, [lead.path])


def test_speakers_are_matched_by_name_and_alias_and_conflicts_reported(lead, tmp_path):
    speakers.create_speaker(lead, "Rex Tillerson", aliases=("Tillerson",))
    speakers.create_speaker(lead, "John Kelly")
    ana = copy_for(lead, tmp_path, "ana")
    # In ana's copy: an alias for Kelly, a new speaker, and an alias that is
    # someone else's in the project.
    kelly = ana.find_speaker("John Kelly")
    speakers.add_alias(ana, kelly.id, "Secretary Kelly")
    speakers.create_speaker(ana, "Enrique Peña Nieto", aliases=("Peña Nieto",))
    rex = ana.find_speaker("Rex Tillerson")
    speakers.add_alias(ana, rex.id, "the Secretary")
    ana.close()
    speakers.create_speaker(lead, "The Secretary")
    report = merge(lead, [tmp_path / "ana.db"])
    assert report.speakers_added == 1
    assert lead.find_speaker("Peña Nieto").name == "Enrique Peña Nieto"
    assert lead.find_speaker("Secretary Kelly").name == "John Kelly"
    assert report.aliases_added == 1
    assert report.conflicts == [
        "ana.db: speaker 'Rex Tillerson' is also known as 'the Secretary', which in the "
        "project is 'The Secretary'; its quotes went to 'Rex Tillerson'"
    ]


def test_a_version_one_file_is_refused_until_opened_once(
    tmp_path,
    v1_project,  # noqa: F811
):
    original = v1_project.read_bytes()
    lead = Store.open(tmp_path / "lead.db")
    with pytest.raises(StoreError, match=r"old\.db: made by an older Quote Annotator"):
        merge(lead, [v1_project])
    assert v1_project.read_bytes() == original
    Store.open(v1_project).close()
    report = merge(lead, [v1_project])
    assert (report.documents_added, report.quotes_added) == (1, 2)
    assert sorted(lead.annotators().values()) == ["ana", "ben"]
    assert merge(lead, [v1_project]).quotes_added == 0
    lead.close()


def test_merging_a_copy_keeps_a_gold_layer_its_kind(lead, tmp_path):
    ana = copy_for(lead, tmp_path, "ana")
    ana.ensure_annotator("gold")
    ana.conn.execute("UPDATE annotators SET kind = 'gold' WHERE name = 'gold'")
    quotes.add_quote(ana, doc_id(ana, "talks"), [(0, 5)], annotator="gold")
    ana.close()
    merge(lead, [tmp_path / "ana.db"])
    kinds = {lead.annotators()[i]: kind for i, kind in lead.annotator_kinds().items()}
    assert kinds["gold"] == "gold"
