"""Broken, hostile and odd inputs to import: each refused in one line naming the file.

The project is unchanged after every refusal (compared row by row).
"""

import json
import os
import subprocess
import sys
import tracemalloc

import pytest

from annotator.core import importing
from annotator.core.formats import ReadOptions, label_studio
from annotator.core.store import Store
from tests.core.test_importing import dump, refusal

DEEP = "[" * 1000 + "]" * 1000
TEXT = "Ann said yes."


def _task(**fields):
    return {"data": {"text": TEXT}, "annotations": [], **fields}


def _doccano(**fields):
    return {"text": TEXT, "entities": [], "relations": [], **fields}


BAD_INPUTS = {
    "deep.jsonl": json.dumps({"text": TEXT})[:-1] + f', "x": {DEEP}}}',
    "deep.json": f'{{"text": "{TEXT}", "x": {DEEP}}}',
    "deep-ls.json": json.dumps([_task()])[:-2] + f', "x": {DEEP}}}]',
    "deep-doccano.jsonl": json.dumps(_doccano())[:-1] + f', "x": {DEEP}}}',
    "bigint.jsonl": f'{{"text": "{TEXT}", "n": {"9" * 5000}}}',
    "annotations.json": json.dumps([_task(annotations=5)]),
    "result.json": json.dumps([_task(annotations=[{"result": 7}])]),
    "predictions.json": json.dumps([_task(predictions={"a": 1})]),
    "labels.json": json.dumps(
        [
            _task(
                annotations=[
                    {
                        "result": [
                            {
                                "id": "r1",
                                "type": "labels",
                                "value": {"start": 0, "end": 3, "labels": "Quote"},
                            }
                        ]
                    }
                ]
            )
        ]
    ),
    "relations.jsonl": json.dumps(_doccano(relations=3)),
    "entity-id.jsonl": json.dumps(
        _doccano(entities=[{"id": [1], "label": "QUOTE", "start_offset": 0, "end_offset": 3}])
    ),
    "quotes.jsonl": json.dumps({"text": TEXT, "quotes": {"spans": [[0, 3]]}}),
    "surrogate-title.jsonl": '{"text": "Ann said yes.", "title": "a\\ud800b"}',
    "surrogate-metadata.jsonl": '{"text": "Ann said yes.", "source": {"x": "\\ud800"}}',
    "surrogate-note.jsonl": (
        '{"text": "Ann said yes.", "quotes": [{"spans": [[0, 3]], "note": "\\ud800"}]}'
    ),
    "surrogate-target.jsonl": (
        '{"text": "Ann said yes.", "quotes": [{"spans": [[0, 3]], "target": "\\udfff"}]}'
    ),
    "doccano-minus.jsonl": json.dumps({"text": TEXT, "label": [[-1, 3, "QUOTE"]]}),
    "copies.jsonl": json.dumps({"text": TEXT, "quotes": [{"spans": [[0, 3]], "text": ["A", "B"]}]}),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_a_malformed_record_is_refused_in_one_line_naming_the_file(store, tmp_path, name):
    path = tmp_path / name
    path.write_text(BAD_INPUTS[name], encoding="utf-8", errors="surrogatepass")
    message = refusal(store, path)
    assert message.startswith(str(path))
    assert "\n" not in message
    assert "Error" not in message  # a sentence, not an exception's name


def test_a_refusal_is_printed_once(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": 5}\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(tmp_path / "p.db"), "import", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"refused: {bad}, line 1: 'text' must be a string, found a number"
    ]


def test_a_symlink_loop_imports_each_file_once(store, tmp_path):
    folder = tmp_path / "loop"
    folder.mkdir()
    (folder / "a.txt").write_text("Ann said yes.", encoding="utf-8")
    (folder / "self").symlink_to(".", target_is_directory=True)
    report = importing.import_paths(store, [folder])
    assert (len(report.files), report.added) == (1, 1)


def test_a_named_pipe_is_skipped_with_the_reason_not_read(tmp_path):
    pipe = tmp_path / "p.txt"
    os.mkfifo(pipe)
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(tmp_path / "p.db"), "import", str(pipe)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"refused: {pipe}: a named pipe, not a file; skipped"]


def test_odd_file_names_are_shown_escaped_on_one_line(store, tmp_path):
    folder = os.fsencode(tmp_path)
    odd = os.fsdecode(folder + b"/caf\xff\nname.jsonl")
    with open(odd, "w", encoding="utf-8") as handle:
        handle.write('{"text": 5}\n')
    message = refusal(store, odd)
    assert (
        message
        == f"{tmp_path}/caf\\xff\\nname.jsonl, line 1: 'text' must be a string, found a number"
    )


def test_an_odd_file_name_that_imports_is_kept_as_readable_source(store, tmp_path):
    odd = os.fsdecode(os.fsencode(tmp_path) + b"/caf\xff.txt")
    with open(odd, "w", encoding="utf-8") as handle:
        handle.write("Ann said yes.")
    report = importing.import_paths(store, [odd])
    assert report.ok, report.failed
    # The file name relative to what was imported, never the absolute path (issue 15).
    assert store.document(1).source == "caf\\xff.txt"


def test_label_studio_is_read_a_task_at_a_time(tmp_path, monkeypatch):
    from annotator.core.formats import json_input

    monkeypatch.setattr(json_input, "_CHUNK", 64 * 1024)
    path = tmp_path / "tasks.json"
    tasks = [_task(id=n, data={"text": f"Task {n}: " + "words " * 500}) for n in range(2000)]
    path.write_text(json.dumps(tasks), encoding="utf-8")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for _ in label_studio.read_label_studio(path, ReadOptions()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 2000
    assert peak < size / 2


def test_a_record_over_the_limit_is_refused_before_it_is_read_whole(store, tmp_path, monkeypatch):
    monkeypatch.setattr(label_studio, "MAX_RECORD", 1024 * 1024)
    path = tmp_path / "huge.json"
    path.write_text(json.dumps([_task(data={"text": "x" * 5_000_000})]), encoding="utf-8")
    message = refusal(store, path)
    assert "huge.json, line 1: a record is longer than 1 MB" in message


def test_a_jsonl_line_over_the_limit_is_refused(store, tmp_path, monkeypatch):
    from annotator.core.formats import jsonl

    monkeypatch.setattr(jsonl, "MAX_RECORD", 1024 * 1024)
    path = tmp_path / "huge.jsonl"
    path.write_text(json.dumps({"text": TEXT}) + "\n" + json.dumps({"text": "x" * 5_000_000}))
    assert "huge.jsonl, line 2: the line is longer than 1 MB, the most" in refusal(store, path)


def test_a_page_of_unfinished_tags_imports_in_linear_time(tmp_path):
    # html.parser took minutes on this; a hang guard, not a timing.
    page = tmp_path / "page.html"
    page.write_text("<p>Ann said yes.</p>" + "<a href='" * 100_000 + "<a x=1 " * 100_000)
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(tmp_path / "p.db"), "import", str(page)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    with Store.open(tmp_path / "p.db") as store:
        assert store.document(1).text.startswith("Ann said yes.")


def test_nul_and_lone_surrogates_in_a_search_find_nothing_instead_of_failing(store):
    before = dump(store)
    for search in ("a\x00b", "\x00", "a\ud800", "  "):
        assert store.document_ids(search=search) == []
    assert dump(store) == before


def test_a_csv_cell_over_the_limit_is_refused_before_it_is_read_whole(store, tmp_path, monkeypatch):
    from annotator.core.formats import csv_format

    monkeypatch.setattr(csv_format, "MAX_RECORD", 1024 * 1024)
    path = tmp_path / "huge.csv"
    path.write_text('id,text\na,"Ann said yes."\nb,"' + "x" * 3_000_000 + '"\n', encoding="utf-8")
    assert "huge.csv, line 3: the line is longer than 1 MB" in refusal(store, path)


def test_a_read_only_project_refuses_an_import_naming_the_file_and_the_reason(tmp_path):
    path = tmp_path / "p.db"
    Store.open(path).close()
    article = tmp_path / "a.txt"
    article.write_text("Ann said yes.", encoding="utf-8")
    with Store.open(path, read_only=True) as store:
        before = list(store.conn.iterdump())
        report = importing.import_paths(store, [article])
        assert [outcome.error for outcome in report.failed] == [
            f"{article}: the project file is read-only; nothing was changed. "
            "Copy it somewhere writable"
        ]
        assert list(store.conn.iterdump()) == before
