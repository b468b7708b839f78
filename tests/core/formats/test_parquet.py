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
    assert types["quote_start"] == "int64" and types["mention_start"] == "int64"
    assert types["spans"] == "list<element: struct<start: int64, end: int64, text: string>>"
    assert types["created_at"] == "timestamp[ms, tz=UTC]"
    rows = table.to_pylist()
    split = next(r for r in rows if len(r["spans"]) == 2)
    assert split["quote"] == "We’ve never tried it, But until we do, we won’t know."
    assert split["speaker"] == "Rex Tillerson" and split["stance"] == "opposes"
    assert split["mention"] == "Secretary of State Rex Tillerson"
    assert split["document_id"] == "talks-2017" and split["annotator"] == "ana"
    emoji = next(r for r in rows if "📈" in r["quote"])
    assert TEXT[emoji["quote_start"] : emoji["quote_end"]] == emoji["quote"]
    assert next(r for r in rows if r["mention"] == "He")["speaker"] is None


def test_pandas_reads_it_as_is(tmp_path):
    pandas = pytest.importorskip("pandas")
    write_parquet(sample_records(), tmp_path / "q.parquet", WriteOptions())
    frame = pandas.read_parquet(tmp_path / "q.parquet")
    assert len(frame) == 5 and frame["cue_start"].isna().sum() == 1


def test_an_empty_project_still_writes_the_schema(tmp_path):
    write_parquet([], tmp_path / "empty.parquet", WriteOptions())
    table = pq.read_table(tmp_path / "empty.parquet")
    assert table.num_rows == 0 and "speaker" in table.column_names


def test_without_pyarrow_the_message_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(AnnotatorError, match=r"pip install 'quote-annotator\[parquet\]'"):
        write_parquet(sample_records(), tmp_path / "q.parquet", WriteOptions())
