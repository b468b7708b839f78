import pytest

from annotator.core import metadata
from annotator.core.errors import ImportFailed
from tests.core.conftest import dump
from tests.projects import add_document


def test_a_tsv_fills_titles_and_metadata_by_id_or_file_name(store, tmp_path):
    add_document(store, "One.", "train/art-1.txt")
    add_document(store, "Two.", "art-2")
    add_document(store, "Three.", "art-3")
    table = tmp_path / "metadata.tsv"
    table.write_text(
        "filename\tpublisher\ttitle\tdate\n"
        "art-1\tWire\tThe First\t2016-01-02\n"
        "art-2\tPost\t\t2016-02-03\n"
        "art-9\tNone\tMissing\t\n",
        encoding="utf-8",
    )
    report = metadata.apply_metadata(store, table, "filename")
    assert (report.rows, report.matched, report.titled, report.unmatched) == (3, 2, 1, ["art-9"])
    first = store.document_by_external_id("train/art-1.txt")
    assert first.title == "The First"
    assert first.metadata == {"publisher": "Wire", "date": "2016-01-02"}
    second = store.document_by_external_id("art-2")
    assert second.title == "art-2"  # an empty title cell keeps the title
    assert store.document_by_external_id("art-3").metadata == {}
    # The title is searchable at once.
    assert store.document_ids(search="First") == [first.id]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("name,publisher\na,Wire\n", "no 'filename' column (columns found: 'name', 'publisher')"),
        ("filename,publisher\na,Wire\na,Post\n", "line 3: filename 'a' is there twice"),
        ("filename,publisher\n,Wire\n", "line 2: the 'filename' cell is empty"),
        ("filename,publisher\na,Wire,extra\n", "line 2: more cells than the header"),
    ],
)
def test_a_bad_table_is_refused_with_file_and_line_and_nothing_changes(
    store, tmp_path, content, words
):
    add_document(store, "One.", "a")
    table = tmp_path / "m.csv"
    table.write_text(content, encoding="utf-8")
    before = dump(store)
    with pytest.raises(ImportFailed, match="m.csv") as caught:
        metadata.apply_metadata(store, table, "filename")
    assert words in str(caught.value)
    assert dump(store) == before


def test_a_json_file_given_as_metadata_is_named_as_json(tmp_path):
    import pytest

    from annotator.core.errors import ImportFailed
    from annotator.core.metadata import read_table

    path = tmp_path / "meta.jsonl"
    path.write_text('{"filename": "a", "title": "A"}\n', encoding="utf-8")
    with pytest.raises(ImportFailed, match="this is JSON") as info:
        read_table(path, "filename")
    assert str(path) in str(info.value)
