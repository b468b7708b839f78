import json
import sqlite3
import time

import pytest

from annotator.core import importing, quotes
from annotator.core.errors import AnnotatorError, ConflictingDocument, InvalidSpan, StoreError
from annotator.core.formats import ReadOptions
from annotator.core.model import DocumentRecord, QuoteRecord
from annotator.core.store import Store


def dump(store):
    """Every row of every table, to prove a refused import changed nothing."""
    tables = [
        row[0]
        for row in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    return {table: store.conn.execute(f"SELECT * FROM {table}").fetchall() for table in tables}


def refusal(store, path):
    """Import one file that must be refused whole, leaving the project as it was; why."""
    before = dump(store)
    report = importing.import_paths(store, [path])
    assert dump(store) == before
    (failed,) = report.failed
    return failed.error


def article(external_id, text="Ann said “yes”.", **fields):
    return json.dumps(
        {"id": external_id, "title": f"Title {external_id}", "text": text, **fields},
        ensure_ascii=False,
    )


def test_folder_imports_recursively_and_skips_hidden_and_unknown_files(store, tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nBody one.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Other body.", encoding="utf-8")
    (tmp_path / "sub" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    assert importing.collect([tmp_path]) == [tmp_path / "a.txt", tmp_path / "sub" / "a.txt"]
    report = importing.import_paths(store, [tmp_path])
    assert report.ok and report.added == 2
    # Same file name in two folders: two articles, named by their relative path.
    assert store.document_by_external_id("sub/a.txt").text == "Other body."
    assert store.document_by_external_id("a.txt").title == "Headline"
    # Files no format reads are reported, hidden ones are not.
    assert report.not_read == [tmp_path / "sub" / "photo.jpg"]


def test_missing_path_is_refused_by_name(tmp_path):
    with pytest.raises(AnnotatorError, match="nowhere.txt: no such file"):
        importing.collect([tmp_path / "nowhere.txt"])


def test_good_files_import_and_each_bad_one_is_listed(store, tmp_path):
    (tmp_path / "good.txt").write_text("Fine text.", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("caf\xe9 cr\xe8me".encode("latin-1"))
    (tmp_path / "empty.txt").write_bytes(b"")
    report = importing.import_paths(store, [tmp_path])
    assert report.added == 1 and not report.ok
    errors = {outcome.path.name: outcome.error for outcome in report.failed}
    assert set(errors) == {"latin.txt", "empty.txt"}
    assert "latin.txt" in errors["latin.txt"] and "not valid UTF-8" in errors["latin.txt"]
    assert "empty file" in errors["empty.txt"]


def test_binary_file_is_refused_and_store_unchanged(store, tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    error = refusal(store, path)
    assert error == f"{path}: binary file, not text"


def test_latin1_bytes_are_refused_not_turned_into_mojibake(store, tmp_path):
    path = tmp_path / "old.jsonl"
    path.write_bytes(article("x", "Caf\xe9").encode("latin-1"))
    error = refusal(store, path)
    assert "line 1" in error and "not valid UTF-8" in error


def test_empty_file_is_refused(store, tmp_path):
    path = tmp_path / "nothing.jsonl"
    path.write_text("\n  \n", encoding="utf-8")
    error = refusal(store, path)
    assert error == f"{path}: empty file"


def test_truncated_jsonl_line_refuses_the_whole_file(store, tmp_path):
    path = tmp_path / "cut.jsonl"
    path.write_text(article("a") + "\n" + article("b")[:25] + "\n", encoding="utf-8")
    # The good first line is not kept either (refusal checks): a file imports whole or not at all.
    error = refusal(store, path)
    assert error.startswith(f"{path}, line 2: not valid JSON")


def test_csv_without_text_column_names_the_columns_found(store, tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text("id,headline,body\n1,Hello,World\n", encoding="utf-8")
    error = refusal(store, path)
    assert "no 'text' column" in error and "'headline', 'body'" in error


def test_span_past_the_end_of_the_text_is_refused(store, tmp_path):
    path = tmp_path / "bad.jsonl"
    quote = {"spans": [[0, 3]]}
    far = {"spans": [[5, 500]]}
    path.write_text(
        article("a", quotes=[quote]) + "\n" + article("b", quotes=[quote, far]) + "\n",
        encoding="utf-8",
    )
    error = refusal(store, path)
    assert error.startswith(f"{path}, line 2: document 'b', quote 2: quote span [5, 500]")
    assert "outside the text" in error


def test_import_records_checks_spans_itself(store):
    before = dump(store)
    record = DocumentRecord("d", "T", "short", quotes=[QuoteRecord(spans=[(0, 2)], cue=(3, 9))])
    with pytest.raises(InvalidSpan, match="document 'd', quote 1: cue \\[3, 9\\]"):
        importing.import_records(store, [record], "test")
    assert dump(store) == before


def test_reimport_of_same_articles_is_skipped(store, tmp_path):
    first = tmp_path / "one.jsonl"
    first.write_text(article("a") + "\n" + article("b") + "\n", encoding="utf-8")
    second = tmp_path / "two.jsonl"
    second.write_text(article("b") + "\n" + article("c") + "\n", encoding="utf-8")
    importing.import_paths(store, [first])
    report = importing.import_paths(store, [second])
    assert report.ok and (report.added, report.skipped) == (1, 1)
    assert store.document_count() == 3


def test_overlapping_reimport_with_changed_text_is_refused(store, tmp_path):
    first = tmp_path / "one.jsonl"
    first.write_text(article("a") + "\n" + article("b") + "\n", encoding="utf-8")
    importing.import_paths(store, [first])
    document = store.document_by_external_id("b")
    quotes.add_quote(store, document.id, [(0, 3)])
    second = tmp_path / "two.jsonl"
    second.write_text(article("c") + "\n" + article("b", "Changed text.") + "\n", encoding="utf-8")
    error = refusal(store, second)
    assert "document 'b' is already in the project with different text" in error


def test_same_id_twice_in_one_file_with_different_text_conflicts(store):
    records = [DocumentRecord("a", "T", "one"), DocumentRecord("a", "T", "two")]
    with pytest.raises(ConflictingDocument, match="'a'"):
        importing.import_records(store, records, "test")
    assert store.document_count() == 0


def test_database_file_of_another_program_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()
    data = path.read_bytes()
    with pytest.raises(StoreError, match="another program's SQLite database"):
        Store.open(path)
    assert path.read_bytes() == data


def test_corrupt_database_file_is_refused_untouched(tmp_path):
    path = tmp_path / "project.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 300)
    data = path.read_bytes()
    with pytest.raises(StoreError, match="corrupt"):
        Store.open(path)
    assert path.read_bytes() == data


def test_database_file_given_to_import_is_refused(store, tmp_path):
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    assert "no import format reads .db" in refusal(store, path)


def test_speakers_labels_and_annotators_are_found_or_created(store):
    tillerson = QuoteRecord(
        spans=[(0, 4)],
        speaker="Rex Tillerson",
        speaker_aliases=["Tillerson"],
        stance="Supports",
        quote_type="skeptical",
        annotator="ana",
    )
    by_alias = QuoteRecord(spans=[(5, 9)], speaker="tillerson", stance="supports")
    importing.import_records(
        store, [DocumentRecord("d", "T", "abcd efgh", quotes=[tillerson, by_alias])], "x"
    )
    [speaker] = store.speakers()
    assert (speaker.name, speaker.aliases) == ("Rex Tillerson", ("Tillerson",))
    first, second = store.quotes(1)
    assert first.speaker_id == second.speaker_id == speaker.id
    assert store.label(first.stance_id).name == "supports"
    # A type the scheme lacks joins the scheme rather than being dropped.
    assert store.label(first.quote_type_id).name == "skeptical"
    assert store.annotators()[first.annotator_id] == "ana"
    assert first.origin == "imported" and first.created_at


def test_quote_timestamps_are_kept(store):
    quote = QuoteRecord(spans=[(0, 1)], created_at="2020-01-01T00:00:00", updated_at="2021-02-02")
    importing.import_records(store, [DocumentRecord("d", "T", "x", quotes=[quote])], "x")
    stored = store.quotes(1)[0]
    assert (stored.created_at, stored.updated_at) == ("2020-01-01T00:00:00", "2021-02-02")


def test_escaped_crlf_in_json_becomes_lf_and_offsets_follow(store):
    text = "Line one\r\nShe said “hi”.\r\nEnd"
    start = text.index("“hi”")
    quote = QuoteRecord(spans=[(start, start + 4)])
    importing.import_records(store, [DocumentRecord("d", "T", text, quotes=[quote])], "x")
    stored = store.document(1)
    assert stored.text == "Line one\nShe said “hi”.\nEnd"
    span = store.quotes(1)[0].spans[0]
    assert stored.text[span.start : span.end] == "“hi”"


def test_progress_is_reported_and_can_cancel(store, tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(f"Text {name}.", encoding="utf-8")
    seen = []

    def progress(done, total, current):
        seen.append((done, total, current.name))
        return done < 2

    report = importing.import_paths(store, [tmp_path], progress=progress)
    assert seen == [(0, 3, "a.txt"), (1, 3, "b.txt"), (2, 3, "c.txt")]
    assert report.cancelled and report.added == 2
    assert store.document_by_external_id("c.txt") is None


def test_unsupported_fields_are_counted_not_dropped_silently(store, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        article("a", quotes=[{"spans": [[0, 3]], "confidence": 0.9}]) + "\n", encoding="utf-8"
    )
    options = ReadOptions()
    report = importing.import_paths(store, [path], options=options)
    assert report.unsupported == {"jsonl quote field 'confidence'": 1}
    assert options.unsupported == report.unsupported


def test_seeds_import(store):
    report = importing.import_seeds(store)
    assert report.ok and report.added >= 1
    assert "Tillerson" in store.document(1).text


def brat_folder(folder, count):
    """A flat brat folder of ``count`` small texts, each with one attribution."""
    folder.mkdir()
    for number in range(count):
        name = f"t{number:02d}"
        (folder / f"{name}.txt").write_text(f"Ann {number} said no.\n", encoding="utf-8")
        start = 5 + len(str(number))
        (folder / f"{name}.ann").write_text(
            f"T1\tSource 0 {start - 1}\tAnn {number}\n"
            f"T2\tCue {start} {start + 4}\tsaid\n"
            f"T3\tContent {start + 5} {start + 7}\tno\n"
            f"T4\tAttribution {start} {start + 4}\tsaid\n"
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
            encoding="utf-8",
        )
    return folder


def test_brat_folder_lets_another_writer_in_between_its_texts(tmp_path):
    folder = brat_folder(tmp_path / "corpus", 6)
    path = tmp_path / "p.db"
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    wrote = []

    def progress(done, total, current):
        if done == 2:
            # The group began with the first text: past a fifth of a second, it
            # commits once this text is stored, before the next one begins.
            time.sleep(importing._GROUP_SECONDS * 1.25)
        elif done == 3:
            other.execute("BEGIN IMMEDIATE")  # fails at once while the import holds the lock
            other.execute("INSERT INTO annotators (name) VALUES ('ben')")
            other.execute("COMMIT")
            wrote.append(current.name)

    with Store.open(path) as store:
        report = importing.import_paths(store, [folder], progress=progress)
        assert report.ok and report.added == 6 and report.quotes == 6
        assert "ben" in store.annotators().values()
    other.close()
    assert wrote == ["t03.txt"]


def test_brat_folder_progress_counts_its_texts_and_can_cancel_between_them(store, tmp_path):
    folder = brat_folder(tmp_path / "corpus", 3)
    (tmp_path / "loose.jsonl").write_text(article("loose") + "\n", encoding="utf-8")
    seen = []

    def progress(done, total, current):
        seen.append((done, total, current.name))
        return done < 2

    report = importing.import_paths(store, [folder, tmp_path / "loose.jsonl"], progress=progress)
    assert seen == [(0, 4, "t00.txt"), (1, 4, "t01.txt"), (2, 4, "t02.txt")]
    assert report.cancelled and report.added == 2 and not report.failed
    assert store.document_by_external_id("t02") is None


def test_brat_text_with_an_id_of_other_text_is_refused_alone(store, tmp_path):
    importing.import_records(store, [DocumentRecord("t01", "other", "Other text.")], "test")
    folder = brat_folder(tmp_path / "corpus", 3)
    report = importing.import_paths(store, [folder])
    assert report.added == 2 and report.quotes == 2 and not report.failed
    (refused,) = report.refused
    assert "t01" in refused and "t01.txt" in refused
    assert store.document_by_external_id("t01").text == "Other text."
