import csv
import json

import pytest

from annotator.core.errors import ImportFailed
from annotator.core.formats import ReadOptions, csv_format
from annotator.core.model import DocumentRecord, QuoteRecord


def read(path, **options):
    return list(csv_format.read(path, ReadOptions(**options)))


def test_one_article_per_row_with_other_columns_as_metadata(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes('id,title,text,outlet\r\n1,Hello,"Line one\r\nLine “two”",Wire\r\n'.encode())
    [record] = read(path)
    assert (record.external_id, record.title) == ("1", "Hello")
    assert record.text == "Line one\nLine “two”"
    assert record.metadata == {"outlet": "Wire"}


def test_configurable_columns_and_semicolons(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("key;headline;body\nk1;H;B, with comma\n", encoding="utf-8")
    [record] = read(path, id_field="key", title_field="headline", text_field="body")
    assert (record.external_id, record.title, record.text) == ("k1", "H", "B, with comma")


def test_missing_id_and_title_are_derived(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("text\nFirst line\n", encoding="utf-8")
    [record] = read(path)
    assert record.external_id.startswith("sha256:") and record.title == "First line"


def test_missing_text_column_names_columns_found(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,body\n1,x\n", encoding="utf-8")
    found = "line 1: no 'text' column \\(columns found: 'id', 'body'\\)"
    with pytest.raises(ImportFailed, match=found):
        read(path)


def test_row_with_wrong_cell_count_or_empty_text_names_its_line(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('id,text\n1,"two\nlines"\n2\n', encoding="utf-8")
    with pytest.raises(ImportFailed, match="line 4: 1 cells, but the header has 2 columns"):
        read(path)
    path.write_text("id,text\n1,fine\n2,  \n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="line 3: the 'text' cell is empty"):
        read(path)


def test_long_articles_fit_in_a_cell(tmp_path):
    path = tmp_path / "a.csv"
    long_text = "word " * 60_000
    path.write_text(f'id,text\n1,"{long_text}"\n', encoding="utf-8")
    assert read(path)[0].text == long_text


def test_writes_one_row_per_quote_and_neutralises_formulas(tmp_path):
    text = "=cmd said +5 and -3 @here\tend"
    record = DocumentRecord(
        "d",
        "@title",
        text,
        quotes=[
            QuoteRecord(
                spans=[(10, 12), (17, 19)],
                speaker="=HYPERLINK(1)",
                mention=(0, 4),
                cue=(5, 9),
                stance="supports",
                note="\tnote",
                annotator="ana",
            ),
            QuoteRecord(spans=[(0, 4)], origin="manual"),
        ],
    )
    path = tmp_path / "q.csv"
    csv_format.write([record], path, None)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(csv_format.COLUMNS)
    first, second = rows
    assert first["title"] == "'@title"
    # Pieces are a list, as in every format (JSON in a cell, which no spreadsheet runs).
    assert json.loads(first["text"]) == ["+5", "-3"]
    assert json.loads(first["spans"]) == [[10, 12], [17, 19]]
    assert first["speaker"] == "'=HYPERLINK(1)"
    assert (first["mention"], first["mention_text"]) == ("[0, 4]", "'=cmd")
    assert (first["cue"], first["cue_text"]) == ("[5, 9]", "said")
    assert first["note"] == "'\tnote"
    assert (second["speaker"], second["mention"], second["origin"]) == ("", "", "manual")


def test_neutralise():
    assert [csv_format.neutralise(c) for c in ("=1", "+1", "-1", "@a", "\tx", "\rx", "a=1")] == [
        "'=1",
        "'+1",
        "'-1",
        "'@a",
        "'\tx",
        "'\rx",
        "a=1",
    ]
