import csv
import json

import pytest

from annotator.core import documents, exporting, formats, importing, quotes
from annotator.core.errors import AnnotatorError, ExportFailed, InvalidValue
from annotator.core.model import DocumentRecord, QuoteRecord
from annotator.core.store import Store

TEXT = "Kelly said “=SUM(A1) is fine,” and added: “@everyone — relax 🙂.”"


@pytest.fixture
def store():
    store = Store.memory()
    first = TEXT.index("“=SUM") + 1
    second = TEXT.index("“@") + 1
    importing.import_records(
        store,
        [
            DocumentRecord(
                "kelly-1",
                "-Kelly speaks",
                TEXT,
                metadata={"outlet": "Wire"},
                status="done",
                quotes=[
                    QuoteRecord(
                        spans=[(second, second + 9)],
                        speaker="John Kelly",
                        stance="neutral",
                        annotator="bo",
                        mention=(0, 5),
                        cue=(6, 10),
                    ),
                    QuoteRecord(
                        spans=[(first, first + 14), (second, second + 9)],
                        speaker="John Kelly",
                        stance="supports",
                        quote_type="direct",
                        target="the sum",
                        note="+1 from editor",
                        annotator="ana",
                        mention=(0, 5),
                        cue=(6, 10),
                    ),
                ],
            ),
            DocumentRecord("other-2", "Other", "Nobody said anything here."),
        ],
        "test",
    )
    yield store
    store.close()


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_writes_documents_with_quotes_in_text_order(store, tmp_path):
    report = exporting.export(store, "jsonl", tmp_path / "out.jsonl")
    assert (report.documents, report.quotes) == (2, 2)
    kelly, other = lines(tmp_path / "out.jsonl")
    assert (kelly["document_id"], kelly["status"]) == ("kelly-1", "done")
    assert kelly["metadata"] == {"outlet": "Wire"}
    assert other["quotes"] == []
    first, second = kelly["quotes"]
    assert first["text"] == ["=SUM(A1) is fi", "@everyone"]
    assert first["spans"][0] == [TEXT.index("=SUM"), TEXT.index("=SUM") + 14]
    assert (first["speaker"], first["stance"]) == ("John Kelly", "supports")
    assert first["quote_type"] == "direct"
    assert (first["mention"], first["cue"]) == ([0, 5], [6, 10])
    assert (first["annotator"], first["origin"]) == ("ana", "imported")
    assert second["stance"] == "neutral" and second["quote_type"] is None


def test_filters_by_status_and_annotator(store, tmp_path):
    report = exporting.export(
        store, "jsonl", tmp_path / "done.jsonl", status="done", annotator="bo"
    )
    [kelly] = lines(tmp_path / "done.jsonl")
    assert report.documents == 1 and [q["annotator"] for q in kelly["quotes"]] == ["bo"]


def test_unknown_annotator_or_status_is_refused_before_writing(store, tmp_path):
    with pytest.raises(InvalidValue, match="no annotator named 'zed'.*ana, bo"):
        exporting.export(store, "jsonl", tmp_path / "x.jsonl", annotator="zed")
    with pytest.raises(InvalidValue, match="status must be one of"):
        exporting.export(store, "jsonl", tmp_path / "x.jsonl", status="finished")
    assert list(tmp_path.iterdir()) == []


def test_quotes_jsonl_has_one_line_per_quote_with_document(store, tmp_path):
    exporting.export(store, "quotes-jsonl", tmp_path / "q.jsonl")
    rows = lines(tmp_path / "q.jsonl")
    assert [(r["document_id"], r["title"]) for r in rows] == [("kelly-1", "-Kelly speaks")] * 2


def test_csv_neutralises_formula_cells(store, tmp_path):
    exporting.export(store, "csv", tmp_path / "q.csv")
    with (tmp_path / "q.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2
    first = rows[0]
    assert first["title"] == "'-Kelly speaks"
    assert json.loads(first["text"]) == ["=SUM(A1) is fi", "@everyone"]
    assert first["note"] == "'+1 from editor"
    assert json.loads(rows[1]["text"]) == ["@everyone"]
    assert json.loads(first["spans"])[1] == [TEXT.index("@"), TEXT.index("@") + 9]
    assert (first["mention_text"], first["cue_text"]) == ("Kelly", "said")
    uids = {uid for (uid,) in store.conn.execute("SELECT uid FROM quotes")}
    assert {row["quote_id"] for row in rows} == uids


def test_a_quote_has_one_id_in_every_format_and_filter(store, tmp_path):
    pytest.importorskip("pyarrow")
    exporting.export(store, "jsonl", tmp_path / "all.jsonl")
    ids = [q["quote_id"] for document in lines(tmp_path / "all.jsonl") for q in document["quotes"]]
    exporting.export(store, "quotes-jsonl", tmp_path / "bo.jsonl", annotator="bo")
    [bo] = lines(tmp_path / "bo.jsonl")
    assert bo["annotator"] == "bo" and bo["quote_id"] in ids
    exporting.export(store, "csv", tmp_path / "q.csv", annotator="bo")
    with (tmp_path / "q.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert [row["quote_id"] for row in csv.DictReader(handle)] == [bo["quote_id"]]
    exporting.export(store, "parquet", tmp_path / "q.parquet")
    import pyarrow.parquet as pq

    assert sorted(pq.read_table(tmp_path / "q.parquet")["quote_id"].to_pylist()) == sorted(ids)
    # Imported into another project, the quotes keep their ids.
    other = Store.memory()
    importing.import_paths(other, [tmp_path / "all.jsonl"])
    assert sorted(uid for (uid,) in other.conn.execute("SELECT uid FROM quotes")) == sorted(ids)


def test_export_replaces_old_output_only_when_complete(store, tmp_path, monkeypatch):
    output = tmp_path / "out.jsonl"
    output.write_text("previous export\n", encoding="utf-8")

    def broken(records, path, options):
        path.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(
        formats.FORMATS, "jsonl", formats.Format("jsonl", "test", (".jsonl",), None, broken)
    )
    with pytest.raises(ExportFailed, match="No space left on device; nothing was written"):
        exporting.export(store, "jsonl", output)
    assert output.read_text(encoding="utf-8") == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_export_overwrites_and_is_readable(store, tmp_path):
    output = tmp_path / "sub" / "out.jsonl"
    exporting.export(store, "jsonl", output)
    documents.set_status(store, 2, "skipped")
    exporting.export(store, "jsonl", output)
    assert [d["status"] for d in lines(output)] == ["done", "skipped"]
    assert oct(output.stat().st_mode & 0o777) == "0o644"


def test_a_file_where_the_folder_should_be_is_named(store, tmp_path):
    (tmp_path / "notes").write_text("a file", encoding="utf-8")
    with pytest.raises(ExportFailed, match=r"notes is a file, not a folder$"):
        exporting.export(store, "jsonl", tmp_path / "notes" / "out.jsonl")


def test_unknown_format_is_refused(store, tmp_path):
    with pytest.raises(AnnotatorError, match="unknown export format 'xml'"):
        exporting.export(store, "xml", tmp_path / "x.xml")


def test_iter_records_streams_in_id_order(store):
    records = exporting.iter_records(store)
    assert next(records).external_id == "kelly-1"
    assert next(records).external_id == "other-2"
    assert next(records, None) is None


def test_manual_quote_exports_as_manual(store):
    quotes.add_quote(store, 2, [(0, 6)], annotator="ana")
    [record] = [r for r in exporting.iter_records(store) if r.external_id == "other-2"]
    assert record.quotes[0].spans == [(0, 6)] and record.quotes[0].origin == "manual"
