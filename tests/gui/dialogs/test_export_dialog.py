import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from annotator.core import documents
from annotator.core.importing import import_paths
from annotator.core.store import Store
from annotator.gui.dialogs.export_dialog import ExportDialog
from annotator.gui.session import Session

LEFT = Qt.MouseButton.LeftButton
TEXT = "“We will talk,” Ana said. “Not now,” Ben said."


@pytest.fixture
def session(qtbot, tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [
        {
            "id": "a",
            "title": "A",
            "text": TEXT,
            "quotes": [
                {"spans": [[1, 13]], "speaker": "Ana", "stance": "supports", "annotator": "ana"},
                {"spans": [[27, 34]], "speaker": "Ben", "stance": "opposes", "annotator": "ben"},
            ],
        },
        {
            "id": "b",
            "title": "B",
            "text": TEXT,
            "quotes": [
                {"spans": [[1, 13]], "speaker": "Ana", "annotator": "ana"},
            ],
        },
    ]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    store = Store.memory()
    assert import_paths(store, [source]).ok
    documents.set_status(store, store.document_by_external_id("a").id, "done")
    yield Session(store)
    store.close()


@pytest.fixture
def dialog(qtbot, session):
    dialog = ExportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(qtbot, combo, text):
    """Pick an entry as a keyboard user does: focus the combo and step to it."""
    index = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert index >= 0, f"{text!r} is not offered"
    combo.setFocus()
    key = Qt.Key.Key_Down if index > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != index:
        qtbot.keyClick(combo, key)


def exported(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_offers_every_writer_and_the_filters(dialog, session):
    formats = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    assert {"jsonl", "csv", "brat"} <= set(formats)
    assert dialog.format.itemText(formats.index("jsonl")) == "jsonl"
    statuses = [dialog.status.itemText(i) for i in range(dialog.status.count())]
    assert statuses == ["Any status", "New", "In progress", "Done", "Skipped"]
    annotators = [dialog.annotator.itemText(i) for i in range(dialog.annotator.count())]
    assert annotators[0] == "Any annotator"
    assert {"ana", "ben"} <= set(annotators[1:])


def test_export_writes_the_file_and_says_what_it_wrote(qtbot, dialog, tmp_path):
    output = tmp_path / "out" / "all.jsonl"
    choose(qtbot, dialog.format, "jsonl")
    assert not dialog.export_button.isEnabled()
    qtbot.keyClicks(dialog.output, str(output))
    qtbot.mouseClick(dialog.export_button, LEFT)

    assert [line["document_id"] for line in exported(output)] == ["a", "b"]
    assert dialog.isVisible()
    assert dialog.message.text() == f"Wrote 2 documents and 3 quotes as jsonl to {output}"


def test_status_and_annotator_filters_reach_the_export(qtbot, dialog, tmp_path):
    output = tmp_path / "done.jsonl"
    choose(qtbot, dialog.format, "jsonl")
    qtbot.keyClicks(dialog.output, str(output))
    choose(qtbot, dialog.status, "Done")
    choose(qtbot, dialog.annotator, "ben")
    qtbot.mouseClick(dialog.export_button, LEFT)

    lines = exported(output)
    assert [line["document_id"] for line in lines] == ["a"]
    assert [quote["speaker"] for quote in lines[0]["quotes"]] == ["Ben"]
    assert dialog.message.text().startswith("Wrote 1 document and 1 quote as jsonl")


def test_changing_the_format_changes_the_extension_and_description(qtbot, dialog, tmp_path):
    choose(qtbot, dialog.format, "jsonl")
    assert dialog.description.text().startswith("JSON Lines")
    qtbot.keyClicks(dialog.output, str(tmp_path / "quotes.jsonl"))
    choose(qtbot, dialog.format, "csv")
    assert dialog.output.text() == str(tmp_path / "quotes.csv")
    assert dialog.description.text().startswith("CSV")


def test_a_folder_format_exports_to_a_folder(qtbot, dialog, tmp_path):
    output = tmp_path / "brat-export"
    choose(qtbot, dialog.format, "brat")
    qtbot.keyClicks(dialog.output, str(output))
    qtbot.mouseClick(dialog.export_button, LEFT)
    assert output.is_dir()
    assert {p.suffix for p in output.rglob("*") if p.is_file()} >= {".txt", ".ann"}
    assert dialog.message.text().startswith("Wrote 2 documents and 3 quotes as brat")


def test_an_unwritable_place_is_explained_and_the_dialog_stays(qtbot, dialog, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    choose(qtbot, dialog.format, "jsonl")
    qtbot.keyClicks(dialog.output, str(blocker / "out.jsonl"))
    qtbot.mouseClick(dialog.export_button, LEFT)

    assert dialog.isVisible()
    assert dialog.message.text().startswith("Nothing was exported: ")
    assert "out.jsonl" in dialog.message.text()
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_browse_asks_for_a_file_or_a_folder_as_the_format_needs(
    qtbot, dialog, tmp_path, monkeypatch
):
    asked = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *args: (asked.append("file") or str(tmp_path / "x.csv"), "")),
    )
    monkeypatch.setattr(
        QFileDialog,
        "getExistingDirectory",
        staticmethod(lambda *args: asked.append("folder") or str(tmp_path / "brat")),
    )

    choose(qtbot, dialog.format, "csv")
    qtbot.mouseClick(dialog.browse_button, LEFT)
    assert dialog.output.text() == str(tmp_path / "x.csv")
    choose(qtbot, dialog.format, "brat")
    qtbot.mouseClick(dialog.browse_button, LEFT)
    assert dialog.output.text() == str(tmp_path / "brat")
    assert asked == ["file", "folder"]
