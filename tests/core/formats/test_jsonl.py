import codecs
import json

import pytest

from annotator.core.errors import ImportFailed
from annotator.core.formats import ReadOptions, jsonl
from annotator.core.model import DocumentRecord, QuoteRecord


def read(path, **options):
    return list(jsonl.read(path, ReadOptions(**options)))


def write_lines(path, *objects, encoding="utf-8"):
    text = "\n".join(json.dumps(o, ensure_ascii=False) for o in objects) + "\n"
    path.write_bytes(text.encode(encoding))


def test_plain_article_lines_keep_other_fields_as_metadata(tmp_path):
    path = tmp_path / "a.jsonl"
    write_lines(path, {"id": 7, "title": "T", "text": "Body", "outlet": "Wire", "status": "draft"})
    [record] = read(path)
    assert (record.external_id, record.title, record.text) == ("7", "T", "Body")
    # "draft" is not one of our statuses, so it is the source's own field.
    assert record.metadata == {"outlet": "Wire", "status": "draft"}
    assert record.status == "new"


def test_field_names_are_configurable(tmp_path):
    path = tmp_path / "a.jsonl"
    write_lines(path, {"uid": "x1", "headline": "H", "body": "B", "text": "not this"})
    [record] = read(path, id_field="uid", title_field="headline", text_field="body")
    assert (record.external_id, record.title, record.text) == ("x1", "H", "B")
    assert record.metadata == {"text": "not this"}


def test_missing_id_is_derived_from_the_text_and_stable(tmp_path):
    path = tmp_path / "a.jsonl"
    write_lines(path, {"text": "First line\r\nmore"}, {"text": "Other"})
    first, second = read(path)
    assert first.external_id.startswith("sha256:") and len(first.external_id) == 23
    assert first.external_id != second.external_id
    # The same text with LF line ends gets the same id.
    write_lines(path, {"text": "First line\nmore"})
    assert read(path)[0].external_id == first.external_id
    assert first.title == "First line"


def test_our_own_shape_reads_quotes(tmp_path):
    path = tmp_path / "a.jsonl"
    quote = {
        "spans": [[0, 3], [4, 6]],
        "text": ["Ann", "sa"],
        "speaker": "Ann",
        "speaker_aliases": ["A."],
        "mention": [0, 3],
        "cue": [4, 8],
        "stance": "neutral",
        "type": "direct",
        "target": "x",
        "note": "n",
        "annotator": "bo",
        "origin": "manual",
        "created_at": "c",
        "updated_at": "u",
    }
    write_lines(
        path,
        {
            "id": "d",
            "title": "T",
            "text": "Ann said",
            "status": "done",
            "metadata": {"k": 1},
            "quotes": [quote],
        },
    )
    [record] = read(path)
    assert record.status == "done" and record.metadata == {"k": 1}
    assert record.quotes == [
        QuoteRecord(
            spans=[(0, 3), (4, 6)],
            speaker="Ann",
            speaker_aliases=["A."],
            mention=(0, 3),
            cue=(4, 8),
            stance="neutral",
            target="x",
            quote_type="direct",
            note="n",
            annotator="bo",
            origin="manual",
            created_at="c",
            updated_at="u",
        )
    ]


def test_span_text_that_does_not_match_is_refused(tmp_path):
    path = tmp_path / "a.jsonl"
    # Offsets counted in UTF-16 units land one character late after an emoji.
    write_lines(
        path, {"id": "d", "text": "🙂 Ann said", "quotes": [{"spans": [[3, 6]], "text": ["Ann"]}]}
    )
    with pytest.raises(ImportFailed, match="line 1: document 'd', quote 1: span \\[3, 6\\]"):
        read(path)


def test_wrong_types_are_named(tmp_path):
    path = tmp_path / "a.jsonl"
    write_lines(path, {"id": "ok", "text": "fine"}, {"id": "d", "text": ["a", "list"]})
    with pytest.raises(ImportFailed, match="line 2: 'text' must be a string, found a list"):
        read(path)
    write_lines(path, {"id": "d", "text": "abc", "quotes": [{"spans": [[0, 1]], "speaker": 3}]})
    with pytest.raises(ImportFailed, match="'speaker' must be a string or null"):
        read(path)
    write_lines(path, [1, 2])
    with pytest.raises(ImportFailed, match="expected a JSON object"):
        read(path)


def test_missing_text_field_lists_the_fields(tmp_path):
    path = tmp_path / "a.jsonl"
    write_lines(path, {"id": "d", "body": "x"})
    found = "line 1: no 'text' field \\(fields found: 'id', 'body'\\)"
    with pytest.raises(ImportFailed, match=found):
        read(path)


def test_utf16_with_bom_and_utf8_with_bom_read(tmp_path):
    path = tmp_path / "a.jsonl"
    line = '{"id": "d", "text": "Zürich 🙂"}\r\n'
    path.write_bytes(codecs.BOM_UTF16_LE + line.encode("utf-16-le"))
    assert read(path)[0].text == "Zürich 🙂"
    path.write_bytes(codecs.BOM_UTF8 + '{"id": "d", "text": "Zürich"}\r\n'.encode())
    assert read(path)[0].text == "Zürich"


def test_json_file_holds_one_object_or_an_array(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"id": "one", "text": "x"}), encoding="utf-8")
    assert [r.external_id for r in read(path)] == ["one"]
    path.write_text(
        json.dumps([{"id": "a", "text": "x"}, {"id": "b", "text": "y"}]), encoding="utf-8"
    )
    assert [r.external_id for r in read(path)] == ["a", "b"]
    path.write_text(json.dumps([{"id": "a", "text": "x"}, {"id": "b"}]), encoding="utf-8")
    with pytest.raises(ImportFailed, match="record 2: no 'text' field"):
        read(path)
    path.write_text('{"id": "a",\n "text": ', encoding="utf-8")
    with pytest.raises(ImportFailed, match="line 2: not valid JSON"):
        read(path)


def test_json_file_that_is_json_lines_reads_as_lines(tmp_path):
    path = tmp_path / "a.json"
    write_lines(path, {"id": "a", "text": "x"}, {"id": "b", "text": "y"})
    assert [r.external_id for r in read(path)] == ["a", "b"]


def test_writers_write_one_line_per_document_and_per_quote(tmp_path):
    record = DocumentRecord(
        "d",
        "T",
        "Ann said “no”.",
        status="done",
        quotes=[QuoteRecord(spans=[(10, 12)], speaker="Ann", cue=(4, 8), annotator="bo")],
    )
    jsonl.write([record, DocumentRecord("e", "U", "x")], tmp_path / "a.jsonl", None)
    documents = [
        json.loads(line) for line in (tmp_path / "a.jsonl").read_text("utf-8").split("\n") if line
    ]
    assert [d["document_id"] for d in documents] == ["d", "e"]
    assert [d["quote_count"] for d in documents] == [1, 0]
    assert documents[0]["quotes"][0]["text"] == ["no"]
    assert documents[0]["quotes"][0]["cue"] == [4, 8]
    assert "“no”" in (tmp_path / "a.jsonl").read_text(encoding="utf-8")
    jsonl.write_quotes([record], tmp_path / "q.jsonl", None)
    [quote] = [json.loads(line) for line in (tmp_path / "q.jsonl").read_text("utf-8").splitlines()]
    assert (quote["document_id"], quote["title"], quote["speaker"]) == ("d", "T", "Ann")


def test_a_line_cut_inside_a_string_is_named_once_with_its_column(tmp_path):
    path = tmp_path / "cut.jsonl"
    path.write_text('{"id": "x1", "title": "X one", "text": "The minis\n', encoding="utf-8")
    with pytest.raises(ImportFailed) as refused:
        read(path)
    message = str(refused.value)
    assert "Unterminated string starting at column 40" in message
    assert " at at " not in message
