import sys

import pytest

from annotator.core import exporting
from annotator.core.errors import AnnotatorError
from annotator.core.formats import WriteOptions
from annotator.core.formats.parquet import write_parquet
from tests.core.formats.samples import TEXT, project, sample_records

pq = pytest.importorskip("pyarrow.parquet")


def test_one_typed_row_per_quote(tmp_path):
    store = project(sample_records())
    report = exporting.export(store, "parquet", tmp_path / "quotes.parquet")
    table = pq.read_table(tmp_path / "quotes.parquet")
    assert table.num_rows == report.quotes == 5
    types = {field.name: str(field.type) for field in table.schema}
    assert types["start"] == "int64" and types["mention"] == "list<element: int64>"
    assert types["spans"] == "list<element: list<element: int64>>"
    assert types["text"] == "list<element: string>"
    assert types["created_at"] == "timestamp[ms, tz=UTC]"
    rows = table.to_pylist()
    split = next(r for r in rows if len(r["spans"]) == 2)
    assert split["text"] == ["We’ve never tried it,", "But until we do, we won’t know."]
    assert split["speaker"] == "Rex Tillerson" and split["stance"] == "opposes"
    assert split["mention_text"] == "Secretary of State Rex Tillerson"
    assert split["document_id"] == "talks-2017" and split["annotator"] == "ana"
    assert len(split["quote_id"]) == 16
    for row in rows:
        assert [TEXT[s:e] for s, e in row["spans"]] == row["text"]
    assert next(r for r in rows if r["mention_text"] == "He")["speaker"] is None
    # The documents, the one without quotes too, with their text.
    documents = pq.read_table(tmp_path / "quotes.documents.parquet").to_pylist()
    assert {(d["document_id"], d["quote_count"]) for d in documents} == {
        ("talks-2017", 5),
        ("empty one", 0),
    }
    assert next(d for d in documents if d["document_id"] == "talks-2017")["text"] == TEXT


def test_pandas_reads_it_as_is(tmp_path):
    pandas = pytest.importorskip("pandas")
    write_parquet(sample_records(), tmp_path / "q.parquet", WriteOptions())
    frame = pandas.read_parquet(tmp_path / "q.parquet")
    assert len(frame) == 5 and frame["cue"].isna().sum() == 1
    assert str(frame["start"].dtype) == "int64"


def test_an_empty_project_still_writes_the_schema(tmp_path):
    write_parquet([], tmp_path / "empty.parquet", WriteOptions())
    table = pq.read_table(tmp_path / "empty.parquet")
    assert table.num_rows == 0 and "speaker" in table.column_names


def test_without_pyarrow_the_message_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(AnnotatorError, match=r"pip install 'quote-annotator\[parquet\]'"):
        write_parquet(sample_records(), tmp_path / "q.parquet", WriteOptions())
