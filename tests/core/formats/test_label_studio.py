import json
from pathlib import Path

import pytest

from annotator.core import importing
from annotator.core.errors import ImportFailed
from annotator.core.formats import ReadOptions, WriteOptions, reader_for
from annotator.core.formats.label_studio import (
    detect_label_studio,
    read_label_studio,
    write_label_studio,
)
from annotator.core.model import DocumentRecord, QuoteRecord
from annotator.core.store import Store
from tests.core.conftest import dump
from tests.core.formats.samples import (
    TEXT,
    assert_project_round_trip,
    assert_records_survive,
    at,
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


def test_open_suggestions_travel_as_predictions(tmp_path):
    proposed = QuoteRecord(
        spans=[(8, 11)], origin="suggested", annotator="finder", open_suggestion=True
    )
    record = DocumentRecord("d", "D", "He said yes.", quotes=[proposed])
    write_label_studio([record], tmp_path / "ls.json", WriteOptions())
    (task,) = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    assert task["annotations"] == [] and task["predictions"][0]["model_version"] == "finder"
    (back,) = read_label_studio(tmp_path / "ls.json", ReadOptions())
    assert back.quotes[0].origin == "suggested" and back.quotes[0].annotator == "finder"
    assert back.quotes[0].open_suggestion


def test_a_quote_accepted_from_a_suggestion_is_its_coders_annotation(tmp_path):
    accepted = QuoteRecord(spans=[(8, 11)], origin="suggested", annotator="ana")
    made = QuoteRecord(spans=[(0, 2)], origin="manual", annotator="ana")
    record = DocumentRecord("d", "D", "He said yes.", quotes=[made, accepted])
    write_label_studio([record], tmp_path / "ls.json", WriteOptions())
    (task,) = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    assert task["predictions"] == []
    [annotation] = task["annotations"]
    assert annotation["created_username"] == "ana"
    assert len([r for r in annotation["result"] if r["type"] == "labels"]) == 2
    (back,) = read_label_studio(tmp_path / "ls.json", ReadOptions())
    assert [(q.spans, q.annotator, q.origin, q.open_suggestion) for q in back.quotes] == [
        ([(0, 2)], "ana", "manual", False),
        ([(8, 11)], "ana", "suggested", False),
    ]


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


# -- files as Label Studio itself writes them back ---------------------------------


def _as_label_studio_exports(path: Path) -> list[dict]:
    """Our export as Label Studio's export gives it back: every annotation credited to
    the importing user by number, stamped with the import time, no ``created_username``;
    predictions by bare id (the default export); task meta and region ids unchanged."""
    tasks = json.loads(path.read_text(encoding="utf-8"))
    for task in tasks:
        for number, annotation in enumerate(task["annotations"], 1):
            del annotation["created_username"]
            annotation.update(
                id=100 + number,
                completed_by=1,
                created_at="2030-01-01T00:00:00.000000Z",
                updated_at="2030-01-01T00:00:00.000000Z",
            )
        task["predictions"] = list(range(1, len(task["predictions"]) + 1))
    path.write_text(json.dumps(tasks, indent=2), encoding="utf-8")
    return tasks


def _stamped_project() -> list[DocumentRecord]:
    records = sample_records()
    for number, quote in enumerate(records[0].quotes):
        quote.uid = f"uid-{number}"
        quote.created_at = f"2024-05-0{number + 1}T10:00:00Z"
        quote.updated_at = f"2024-06-0{number + 1}T10:00:00Z"
    records[0].quotes[0].speaker_aliases = ["Tillerson", "the Secretary"]
    records[0].collection = "wire 2017"
    records[0].quotes.append(
        QuoteRecord(
            spans=[at(TEXT, "taxes")],
            origin="suggested",
            annotator="finder-1",
            open_suggestion=True,
        )
    )
    return records


def test_coders_stable_ids_timestamps_and_aliases_come_back_through_label_studio(tmp_path):
    path = tmp_path / "project-1-at-2030-01-01.json"
    records = _stamped_project()
    write_label_studio(records, path, WriteOptions())
    _as_label_studio_exports(path)
    options = ReadOptions()
    back, _ = read_label_studio(path, options)
    made = [q for q in records[0].quotes if not q.open_suggestion]
    assert sorted(
        (q.spans, q.annotator, q.uid, q.created_at, q.updated_at) for q in back.quotes
    ) == sorted((q.spans, q.annotator, q.uid, q.created_at, q.updated_at) for q in made)
    tillerson = next(q for q in back.quotes if q.speaker == "Rex Tillerson")
    assert tillerson.speaker_aliases == ["Tillerson", "the Secretary"]
    assert back.collection == "wire 2017"
    # The default export names the prediction by id only: read, and said so in one line.
    assert options.unsupported == {
        "Label Studio prediction given only by its id (a snapshot export keeps them whole)": 1
    }


def test_without_our_meta_a_numbered_user_is_the_coder(tmp_path):
    path = tmp_path / "ls.json"
    write_label_studio(sample_records(), path, WriteOptions())
    tasks = _as_label_studio_exports(path)
    for task in tasks:
        del task["meta"]
    path.write_text(json.dumps(tasks), encoding="utf-8")
    back, _ = read_label_studio(path, ReadOptions())
    assert {q.annotator for q in back.quotes} == {"Label Studio user 1"}
    assert all(q.created_at is None and q.uid is None for q in back.quotes)


def test_a_carried_entry_never_lands_on_another_span(tmp_path):
    path = tmp_path / "ls.json"
    write_label_studio(sample_records()[:1], path, WriteOptions())
    (task,) = json.loads(path.read_text(encoding="utf-8"))
    for entry in task["meta"]["quotes"].values():
        entry["span"] = [0, 1]  # as if Label Studio had given the region id to another span
    path.write_text(json.dumps([task]), encoding="utf-8")
    (back,) = read_label_studio(path, ReadOptions())
    assert {q.annotator for q in back.quotes} == {"ana", "ben"}  # from created_username
    assert all(q.uid is None for q in back.quotes)


def test_per_region_fields_on_a_speaker_region_are_reported(tmp_path):
    path = tmp_path / "ls.json"
    write_label_studio(sample_records()[:1], path, WriteOptions())
    (task,) = json.loads(path.read_text(encoding="utf-8"))
    result = task["annotations"][0]["result"]
    speaker = next(
        r for r in result if r["type"] == "labels" and r["value"]["labels"] == ["Speaker"]
    )
    # What Label Studio's editor saves when a stance is chosen with the Speaker region selected.
    value = {k: speaker["value"][k] for k in ("start", "end")}
    result.append(
        {
            "id": speaker["id"],
            "from_name": "stance",
            "to_name": "text",
            "type": "choices",
            "origin": "manual",
            "value": {**value, "choices": ["supports"]},
        }
    )
    result.append(
        {
            "id": "nowhere99",
            "from_name": "note",
            "to_name": "text",
            "type": "textarea",
            "value": {**value, "text": ["lost?"]},
        }
    )
    path.write_text(json.dumps([task]), encoding="utf-8")
    options = ReadOptions()
    list(read_label_studio(path, options))
    assert options.unsupported == {
        "Label Studio choices stance on a Speaker region": 1,
        "Label Studio textarea note on a missing region": 1,
    }
    report = importing.import_paths(Store.memory(), [path], format="label-studio")
    assert report.ok and report.unsupported == options.unsupported


def test_a_later_piece_with_another_stance_is_reported(tmp_path):
    path = tmp_path / "ls.json"
    write_label_studio(sample_records()[:1], path, WriteOptions())
    (task,) = json.loads(path.read_text(encoding="utf-8"))
    result = task["annotations"][0]["result"]
    later = next(r["to_id"] for r in result if r.get("labels") == ["continues"])
    span = next(r["value"] for r in result if r.get("id") == later and r["type"] == "labels")
    result.append(
        {
            "id": later,
            "from_name": "stance",
            "to_name": "text",
            "type": "choices",
            "value": {"start": span["start"], "end": span["end"], "choices": ["supports"]},
        }
    )
    path.write_text(json.dumps([task]), encoding="utf-8")
    options = ReadOptions()
    (back,) = read_label_studio(path, options)
    split = next(q for q in back.quotes if len(q.spans) == 2)
    assert split.stance == "opposes"  # the first piece's
    assert options.unsupported == {"Label Studio choices stance differing on a later piece": 1}


def test_export_never_writes_an_absolute_source(tmp_path):
    records = sample_records()
    records[0].source = "/home/someone/corpus/talks-2017.txt"
    records[1].source = "corpus/empty.txt"
    write_label_studio(records, tmp_path / "ls.json", WriteOptions())
    tasks = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    assert [t["meta"]["source"] for t in tasks] == ["talks-2017.txt", "corpus/empty.txt"]
    assert [r.source for r in read_label_studio(tmp_path / "ls.json", ReadOptions())] == [
        "talks-2017.txt",
        "corpus/empty.txt",
    ]
