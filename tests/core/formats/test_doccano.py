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
