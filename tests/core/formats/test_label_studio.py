import json
from pathlib import Path

import pytest

from annotator.core import importing
from annotator.core.errors import ImportFailed
from annotator.core.formats import ReadOptions, WriteOptions, reader_for
from annotator.core.formats.label_studio import (
    detect_label_studio,
    read_label_studio,
    utf16_to_index,
    write_label_studio,
)
from annotator.core.model import DocumentRecord, QuoteRecord
from tests.core.conftest import dump
from tests.core.formats.samples import (
    TEXT,
    assert_project_round_trip,
    assert_records_survive,
    project,
    sample_records,
)

FIXTURE = Path(__file__).parent / "fixtures/label_studio/project-3-at-2024-05-02-09-21.json"


def spans_text(record: DocumentRecord, quote: QuoteRecord) -> list[str]:
    return [record.text[s:e] for s, e in quote.spans]


def test_label_studio_export_imports_with_counts_offsets_and_reports():
    options = ReadOptions()
    first, second = read_label_studio(FIXTURE, options)
    assert (first.external_id, second.external_id) == ("afp-2017-03-01", "local-2017-05-12")
    talks, photo_op = first.quotes
    assert spans_text(first, talks) == ["the talks were useful."]
    assert talks.spans == [(22, 44)]  # after an emoji: code points, as Label Studio stores
    assert (talks.speaker, talks.stance) == ("Rex Tillerson", "supports")
    assert first.text[slice(*talks.cue)] == "said"
    # Two Quote regions joined by a relation are one quote in two pieces.
    assert spans_text(first, photo_op) == ["a photo op", "we will see."]
    assert photo_op.speaker == "Critics" and photo_op.note == "dismissive"
    assert {q.annotator for q in first.quotes} == {"Label Studio user 1"}
    annotated, predicted = second.quotes
    assert annotated.annotator == "ben@example.org" and annotated.origin == "imported"
    assert predicted.annotator == "quote-finder-0.3" and predicted.origin == "suggested"
    assert options.unsupported == {
        "Label Studio label Location": 1,
        "Label Studio region type rating": 1,
    }


def test_offsets_counted_in_utf16_by_older_versions_are_converted():
    (_, second) = read_label_studio(FIXTURE, ReadOptions())
    quote = second.quotes[0]
    # The file says 24-48 (UTF-16, two emoji before and inside); the text is at 23-46.
    assert quote.spans == [(23, 46)]
    assert spans_text(second, quote) == ["the 🚇 line opens in May"]
    assert second.text[slice(*quote.mention)] == "Ana Lima"


def test_utf16_offsets_map_to_code_points():
    text = "a🙂b🚇c"
    assert [utf16_to_index(text, u) for u in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]


def test_export_counts_code_points_and_keeps_the_label_studio_shape(tmp_path):
    target = tmp_path / "ls.json"
    write_label_studio(sample_records(), target, WriteOptions())
    tasks = json.loads(target.read_text(encoding="utf-8"))
    assert [t["data"]["external_id"] for t in tasks] == ["talks-2017", "empty one"]
    results = [r for a in tasks[0]["annotations"] for r in a["result"]]
    emoji = next(r for r in results if r["type"] == "labels" and "📈" in r["value"]["text"])
    start, end = emoji["value"]["start"], emoji["value"]["end"]
    assert TEXT[start:end] == emoji["value"]["text"] == "taxes would rise 📈"
    assert {r["type"] for r in results} == {"labels", "relation", "choices", "textarea"}
    for result in results:
        if result["type"] != "relation":
            assert result["to_name"] == "text" and result["from_name"] and result["id"]
    assert {a["created_username"] for a in tasks[0]["annotations"]} == {"ana", "ben"}
    assert reader_for(target).name == "label-studio"


def test_records_survive_write_and_read(tmp_path):
    assert_records_survive(write_label_studio, read_label_studio, tmp_path / "ls.json")


def test_project_round_trip_keeps_quotes_speakers_and_labels(tmp_path):
    assert_project_round_trip("label-studio", tmp_path / "export.json")


def test_suggested_quotes_travel_as_predictions(tmp_path):
    record = DocumentRecord(
        "d",
        "D",
        "He said yes.",
        quotes=[QuoteRecord(spans=[(8, 11)], origin="suggested", annotator="finder")],
    )
    write_label_studio([record], tmp_path / "ls.json", WriteOptions())
    (task,) = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    assert task["annotations"] == [] and task["predictions"][0]["model_version"] == "finder"
    (back,) = read_label_studio(tmp_path / "ls.json", ReadOptions())
    assert back.quotes[0].origin == "suggested"


def _ls_file(tmp_path: Path, value: dict) -> Path:
    task = {
        "id": 1,
        "annotations": [
            {
                "id": 1,
                "completed_by": 1,
                "result": [
                    {
                        "id": "Ab12Cd34Ef",
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": value,
                    },
                ],
            },
        ],
        "data": {"text": "He said it."},
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([task], indent=2), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ({"start": 3, "end": 99, "labels": ["Quote"]}, "outside the text"),
        ({"start": 3, "end": 7, "text": "shouted", "labels": ["Quote"]}, "but the region says"),
        ({"start": "3", "end": 7, "labels": ["Quote"]}, "whole numbers"),
    ],
)
def test_bad_regions_name_file_and_line_and_leave_project_unchanged(tmp_path, value, words):
    path = _ls_file(tmp_path, value)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "Ab12Cd34Ef" in text)
    store = project(sample_records())
    before = dump(store)
    with pytest.raises(ImportFailed) as caught:
        list(read_label_studio(path, ReadOptions()))
    assert f"bad.json, line {line}:" in str(caught.value) and words in str(caught.value)
    report = importing.import_paths(store, [path], format="label-studio")
    assert not report.ok and "bad.json" in report.failed[0].error
    assert dump(store) == before


def test_malformed_json_names_the_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[\n {"data": {"text": "x"},\n  "annotations": [}\n]\n', encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"broken\.json, line 3: not valid JSON"):
        list(read_label_studio(path, ReadOptions()))


def test_a_task_without_text_is_refused(tmp_path):
    path = tmp_path / "notext.json"
    path.write_text('[{"data": {"body": "x"}, "annotations": []}]', encoding="utf-8")
    with pytest.raises(
        ImportFailed, match=r"notext\.json, line 1: task 1 has no text in data\.text"
    ):
        list(read_label_studio(path, ReadOptions()))


def test_other_json_is_not_taken_for_label_studio(tmp_path):
    plain = tmp_path / "articles.json"
    plain.write_text('[{"id": "a1", "title": "T", "text": "Body."}]', encoding="utf-8")
    assert not detect_label_studio(plain)
    assert not detect_label_studio(tmp_path / "missing.json")
    assert detect_label_studio(FIXTURE)
