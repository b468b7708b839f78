import json

from PySide6.QtCore import Qt

from annotator.core import importing
from annotator.core.model import DocumentRecord, QuoteRecord
from annotator.core.store import Store
from annotator.gui.dialogs.export_dialog import ExportDialog
from annotator.gui.session import Session
from tests.gui.dialogs.test_export_dialog import choose

LEFT = Qt.MouseButton.LeftButton


def test_collection_filter_reaches_the_export_and_the_card(qtbot, tmp_path):
    store = Store.memory()
    importing.import_records(
        store,
        [
            DocumentRecord(
                "a", "A", "Ana said yes.", collection="train", quotes=[QuoteRecord([(9, 12)])]
            ),
            DocumentRecord("b", "B", "Ben said no.", collection="dev"),
        ],
        "test",
    )
    dialog = ExportDialog(Session(store))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.collection.isVisible()
    output = tmp_path / "dev.jsonl"
    choose(qtbot, dialog.format, "jsonl")
    qtbot.keyClicks(dialog.output, str(output))
    choose(qtbot, dialog.collection, "dev")
    qtbot.mouseClick(dialog.export_button, LEFT)
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [line["document_id"] for line in lines] == ["b"]
    assert "collection = dev" in (tmp_path / "dev.card.md").read_text(encoding="utf-8")


def test_no_collection_choice_without_collections(qtbot):
    store = Store.memory()
    importing.import_records(store, [DocumentRecord("a", "A", "Ana said yes.")], "test")
    dialog = ExportDialog(Session(store))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.collection.isVisible()
