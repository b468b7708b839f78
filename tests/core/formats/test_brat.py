import shutil
from pathlib import Path

import pytest

from annotator.core import exporting, importing
from annotator.core.errors import ImportFailed
from annotator.core.formats import ReadOptions, WriteOptions, reader_for
from annotator.core.formats.brat import decode_value, encode_value, read_brat, write_brat
from annotator.core.store import Store
from tests.core.conftest import dump
from tests.core.formats.samples import (
    TEXT,
    assert_project_round_trip,
    project,
    quote_fields,
    sample_records,
)

FIXTURES = Path(__file__).parent / "fixtures" / "brat"
POLNEAR = FIXTURES / "polnear"
POLNEAR_NAME = "nyt_2016-09-08_tillerson-on-trials"


def test_polnear_folder_imports_every_attribution_with_its_annotator():
    options = ReadOptions()
    (record,) = read_brat(POLNEAR, options)
    assert record.external_id == POLNEAR_NAME
    by_annotator = {}
    for quote in record.quotes:
        by_annotator.setdefault(quote.annotator, []).append(quote)
    assert {name: len(qs) for name, qs in by_annotator.items()} == {"ana": 3, "ben": 2}
    split = by_annotator["ana"][0]
    assert [record.text[s:e] for s, e in split.spans] == [
        "We have never tried it,",
        "But until we do, we will not know.",
    ]
    assert split.spans == [(1, 24), (66, 100)]
    # The title is not part of the registry name (see speaker_names).
    assert split.speaker == "Rex Tillerson"
    assert record.text[slice(*split.cue)] == "said"
    # Ben's second attribution has no source (PolNeAR's Attribution-no-source).
    assert by_annotator["ben"][1].mention is None and by_annotator["ben"][1].speaker is None
    # The emoji before "The minister" does not shift offsets: brat counts code points.
    minister = by_annotator["ana"][2]
    assert record.text[slice(*minister.mention)] == "The minister"
    # A description ("The minister") is a mention, not a registry speaker.
    assert minister.speaker is None
    # Discard is kept (an extra mark), not dropped, and not reported as lost.
    assert options.unsupported == {}
    assert [(m.kind, m.data, m.spans) for m in record.extra if m.kind == "entity"] == [
        ("entity", {"type": "Discard"}, [(137, 138)])
    ]
    assert record.collection == "polnear"


def test_polnear_folder_exports_back_to_ann_files_with_the_same_spans(tmp_path):
    store = Store.memory()
    report = importing.import_paths(store, [POLNEAR])
    assert report.ok and report.quotes == 5
    assert report.unsupported == {}
    exporting.export(store, "brat", tmp_path / "export")
    # The collection (the folder the corpus came from) is a folder of the export.
    out = tmp_path / "export" / "polnear"

    def spans(path: Path, type_: str) -> list[str]:
        return sorted(
            line.split("\t")[1].split(" ", 1)[1]
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.split("\t")[1].startswith(type_ + " ")
        )

    for annotator in ("ana", "ben"):
        name = f"{POLNEAR_NAME}_{annotator}.ann"
        original, exported = POLNEAR / "attributions" / name, out / "attributions" / name
        for type_ in ("Content", "Source", "Cue", "Discard", "Attribution-no-source"):
            assert spans(exported, type_) == spans(original, type_)
    assert (out / "text" / f"{POLNEAR_NAME}.txt").read_bytes() == (
        POLNEAR / "text" / f"{POLNEAR_NAME}.txt"
    ).read_bytes()


def test_crlf_text_offsets_are_mapped_and_unknown_types_are_reported():
    options = ReadOptions(annotator="carla")
    (record,) = read_brat(FIXTURES / "flat", options)
    assert "\r" not in record.text
    first, orphan = record.quotes
    assert record.text[slice(*first.spans[0])] == "Taxes will rise,"
    assert first.spans == [(11, 27)]
    assert record.text[slice(*first.mention)] == "she"
    assert first.speaker is None  # a pronoun names no one in the registry
    assert first.stance == "opposes"
    assert first.note == "checked against the council minutes"
    assert first.annotator == "carla"
    # Content outside any attribution is still a quote, without a speaker.
    assert record.text[slice(*orphan.spans[0])] == "victory"
    assert options.unsupported == {}
    assert sorted(m.kind for m in record.extra) == ["entity", "file", "quote", "quote", "relation"]


def test_records_survive_write_and_read(tmp_path):
    records = sample_records()
    write_brat(records, tmp_path / "out", WriteOptions(stances=("supports", "opposes")))
    back = {r.external_id: r for r in read_brat(tmp_path / "out", ReadOptions())}
    assert set(back) == {"talks-2017", "empty one"}
    assert back["empty one"].quotes == []
    assert back["talks-2017"].text == TEXT
    assert sorted(map(quote_fields, back["talks-2017"].quotes)) == sorted(
        map(quote_fields, records[0].quotes)
    )


def test_project_round_trip_keeps_quotes_speakers_and_labels(tmp_path):
    assert_project_round_trip("brat", tmp_path / "brat-out")


def test_annotation_conf_declares_what_the_export_uses(tmp_path):
    write_brat(sample_records(), tmp_path / "out", WriteOptions(stances=("supports", "opposes")))
    conf = (tmp_path / "out/annotation.conf").read_text(encoding="utf-8")
    assert "[entities]\nSource\nCue\nContent\n" in conf
    assert "Attribution\tContent:Content, Cue?:Cue, Source?:Source" in conf
    # Scheme order first, then the other values used.
    assert "Stance\tArg:Attribution, Value:supports|opposes|neutral|unclear" in conf
    assert "Target\tArg:Attribution, Value:climate_policy|" in conf
    assert "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>" in conf


@pytest.mark.parametrize(
    "value", ["opposes", "climate policy", "tax_cuts & 🙂", "a|b, c: 100%", "tab\there"]
)
def test_attribute_values_are_single_tokens_that_decode_back(value):
    encoded = encode_value(value)
    assert not any(c.isspace() for c in encoded) and "|" not in encoded
    assert decode_value(encoded) == value


def test_a_brat_folder_is_detected_and_a_single_ann_file_reads_too():
    assert reader_for(POLNEAR).name == "brat"
    single = POLNEAR / "attributions" / f"{POLNEAR_NAME}_ben.ann"
    assert reader_for(single).name == "brat"
    (record,) = read_brat(single, ReadOptions())
    assert [q.annotator for q in record.quotes] == ["ben", "ben"]


def _broken(tmp_path: Path, ann: str, text: str = "He said it.\n") -> Path:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "a.ann").write_text(ann, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("ann", "line", "words"),
    [
        ("T1\tContent 0 2\tHe\nT2\tContent 3 99\tsaid\n", 2, "past the end"),
        ("T1\tContent 0 2\tHe\nT2\tContent 3 7\tshouted\n", 2, "differ at character 2"),
        ("T1\tContent zero two\tHe\n", 1, "not 'START END"),
        ("T1\tContent 0 2\tHe\nE1\tAttribution:T9 Content:T1\n", 2, "T9"),
        ("this is not brat\n", 1, "not a brat standoff line"),
    ],
)
def test_bad_ann_names_file_and_line_and_leaves_project_unchanged(tmp_path, ann, line, words):
    folder = _broken(tmp_path, ann)
    store = project(sample_records())
    before = dump(store)
    with pytest.raises(ImportFailed) as caught:
        list(read_brat(folder / "a.ann", ReadOptions()))
    assert f"a.ann, line {line}:" in str(caught.value)
    assert words in str(caught.value)
    # In a folder the text is refused with its files, by name.
    options = ReadOptions()
    assert list(read_brat(folder, options)) == []
    assert len(options.refused) == 1 and f"a.ann, line {line}:" in options.refused[0]
    report = importing.import_paths(store, [folder], format="brat")
    assert not report.ok and "a.ann" in report.failed[0].error
    assert dump(store) == before


def test_ann_without_its_txt_is_refused_by_name(tmp_path):
    folder = tmp_path / "lonely"
    folder.mkdir()
    shutil.copy(POLNEAR / "attributions" / f"{POLNEAR_NAME}_ana.ann", folder / "x_ana.ann")
    with pytest.raises(ImportFailed, match=r"x_ana\.ann: no text file for it"):
        list(read_brat(folder / "x_ana.ann", ReadOptions()))
    options = ReadOptions()
    assert list(read_brat(folder, options)) == []
    assert "x_ana.ann: no text file for it" in options.refused[0]
