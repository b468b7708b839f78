import dataclasses
import json
from pathlib import Path

import pytest

from annotator.core import importing
from annotator.core.errors import ImportFailed
from annotator.core.formats import ReadOptions, WriteOptions
from annotator.core.formats.doccano import detect_doccano, read_doccano, write_doccano
from tests.core.conftest import dump
from tests.core.formats.samples import (
    TEXT,
    assert_project_round_trip,
    assert_records_survive,
    project,
    sample_records,
)

FIXTURES = Path(__file__).parent / "fixtures" / "doccano"


def test_relation_shape_imports_linked_quotes_with_offsets_after_an_emoji():
    options = ReadOptions(annotator="dana")
    prices, strike = read_doccano(FIXTURES / "relations.jsonl", options)
    assert (prices.external_id, strike.external_id) == ("17", "18")
    (quote,) = prices.quotes
    assert [prices.text[s:e] for s, e in quote.spans] == [
        "Prices will fall 📉 next year,",
        "and wages will rise.",
    ]
    assert quote.spans == [(1, 30), (62, 82)]
    assert prices.text[slice(*quote.mention)] == "the minister"
    assert prices.text[slice(*quote.cue)] == "said"
    assert quote.annotator == "dana"
    (quote,) = strike.quotes
    assert quote.speaker == "Kim Park"
    assert options.unsupported == {"doccano label LOCATION": 1}


def test_label_list_shape_imports_each_quote_span_and_reports_loose_speakers():
    options = ReadOptions()
    strike, prices = read_doccano(FIXTURES / "labels.jsonl", options)
    assert [strike.text[slice(*q.spans[0])] for q in strike.quotes] == ["the strike would go on"]
    assert len(prices.quotes) == 2
    assert options.unsupported == {"doccano SPEAKER span without a relation to a QUOTE": 1}


def test_both_shapes_are_detected_and_plain_jsonl_is_not(tmp_path):
    assert detect_doccano(FIXTURES / "relations.jsonl")
    assert detect_doccano(FIXTURES / "labels.jsonl")
    plain = tmp_path / "plain.jsonl"
    plain.write_text('{"id": "a", "text": "Body.", "quotes": []}\n', encoding="utf-8")
    assert not detect_doccano(plain)


def test_export_is_doccano_shaped_and_counts_code_points(tmp_path):
    write_doccano(sample_records(), tmp_path / "out.jsonl", WriteOptions())
    first = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert set(first) >= {"id", "text", "entities", "relations", "quotes"}
    labels = {e["label"] for e in first["entities"]}
    assert labels == {"QUOTE", "SPEAKER", "CUE"}
    emoji = next(e for e in first["entities"] if "📈" in TEXT[e["start_offset"] : e["end_offset"]])
    assert TEXT[emoji["start_offset"] : emoji["end_offset"]] == "taxes would rise 📈"
    assert {r["type"] for r in first["relations"]} == {"speaker", "cue", "continues"}


def test_records_survive_write_and_read(tmp_path):
    assert_records_survive(write_doccano, read_doccano, tmp_path / "out.jsonl")


def test_project_round_trip_keeps_quotes_speakers_and_labels(tmp_path):
    assert_project_round_trip("doccano", tmp_path / "export.jsonl")


@pytest.mark.parametrize(
    ("second_line", "words"),
    [
        ('{"text": "He said it.", "label": [[3, 99, "QUOTE"]]}', "outside the text"),
        ('{"text": "He said it.", "label": [[3, "7", "QUOTE"]]}', "whole numbers"),
        ('{"text": "He said it.", "label": [[3, 7, "QUOTE"]', "not valid JSON"),
        ('{"body": "He said it."}', "no text"),
    ],
)
def test_bad_lines_name_file_and_line_and_leave_project_unchanged(tmp_path, second_line, words):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"text": "Fine.", "label": [[0, 4, "QUOTE"]]}\n' + second_line + "\n", encoding="utf-8"
    )
    store = project(sample_records())
    before = dump(store)
    with pytest.raises(ImportFailed) as caught:
        list(read_doccano(path, ReadOptions()))
    assert "bad.jsonl, line 2:" in str(caught.value) and words in str(caught.value)
    report = importing.import_paths(store, [path], format="doccano")
    assert not report.ok and "bad.jsonl" in report.failed[0].error
    assert dump(store) == before


def _as_doccano_exports(path: Path) -> None:
    """Our export as doccano 1.8 exports it from a sequence-labelling project with
    relations: the example's id and text, ``Comments``, the other keys it kept as
    metadata, then entities and relations under doccano's own new ids."""
    lines = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        item = json.loads(line)
        entities, relations = item.pop("entities"), item.pop("relations")
        renumbered = {e["id"]: 7000 + n for n, e in enumerate(reversed(entities), 1)}
        exported = {"id": 40 + number, "text": item.pop("text"), "Comments": [], **item}
        exported["entities"] = [
            {**e, "id": renumbered[e["id"]]} for e in sorted(entities, key=lambda e: -e["id"])
        ]
        exported["relations"] = [
            {
                "id": 900 + n,
                "from_id": renumbered[r["from_id"]],
                "to_id": renumbered[r["to_id"]],
                "type": r["type"],
            }
            for n, r in enumerate(relations)
        ]
        lines.append(json.dumps(exported, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_coders_ids_and_timestamps_come_back_from_doccanos_own_export(tmp_path):
    records = sample_records()
    quotes = records[0].quotes
    # Another coder marks the same words with another stance.
    quotes.append(dataclasses.replace(quotes[0], annotator="cy", stance="supports"))
    for number, quote in enumerate(quotes):
        quote.uid = f"uid-{number}"
        quote.created_at = f"2024-05-0{number + 1}T10:00:00Z"
        quote.updated_at = f"2024-06-0{number + 1}T10:00:00Z"
    quotes[0].speaker_aliases = ["Tillerson"]
    records[0].collection = "wire 2017"
    records[0].source = "/home/someone/corpus/talks.txt"
    path = tmp_path / "admin.jsonl"
    write_doccano(records, path, WriteOptions())
    _as_doccano_exports(path)
    back = list(read_doccano(path, ReadOptions(annotator="importer")))
    assert [r.external_id for r in back] == ["talks-2017", "empty one"]
    assert [r.collection for r in back] == ["wire 2017", ""]
    assert "/home/someone" not in path.read_text(encoding="utf-8")
    assert back[0].source == "talks.txt"

    def seen(q):
        return (q.spans, q.mention, q.cue, q.annotator, q.stance, q.uid, q.created_at)

    assert sorted(map(seen, back[0].quotes)) == sorted(map(seen, quotes))
    tillerson = next(q for q in back[0].quotes if q.uid == "uid-0")
    assert tillerson.speaker_aliases == ["Tillerson"]


def test_without_our_quotes_list_the_importer_is_the_coder(tmp_path):
    path = tmp_path / "admin.jsonl"
    write_doccano(sample_records(), path, WriteOptions())
    _as_doccano_exports(path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        del line["quotes"]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    back = list(read_doccano(path, ReadOptions(annotator="importer")))
    assert {q.annotator for q in back[0].quotes} == {"importer"}
    assert len(back[0].quotes) == len(sample_records()[0].quotes)


def test_doccano_comments_are_reported(tmp_path):
    path = tmp_path / "admin.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": 3,
                "text": "He said it.",
                "Comments": [{"id": 1, "comment": "check the cue"}],
                "entities": [{"id": 9, "label": "QUOTE", "start_offset": 8, "end_offset": 10}],
                "relations": [],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    options = ReadOptions()
    (record,) = read_doccano(path, options)
    assert len(record.quotes) == 1 and options.unsupported == {"doccano comment": 1}
