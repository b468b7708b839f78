"""The document list at 1280x720 on real-looking data: the title column stays readable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core import importing
from annotator.core.model import DocumentRecord, QuoteRecord
from annotator.core.store import Store

CODERS = ["annotator_one", "annotator_two", "gold_standard", "ana.lopez", "ben.okafor", "cy"]


def crowded_project(path: Path) -> None:
    records = [
        DocumentRecord(
            f"doc{number}",
            f"Stealth Obamacare repeal bill number {number} passes the <b>Senate</b> at night",
            "Roe said yes. Doe said no.",
            collection=f"polnear-train-section-{number:02d}",
            quotes=[QuoteRecord([(9, 12)], annotator=coder) for coder in CODERS],
        )
        for number in range(30)
    ]
    with Store.open(path) as store:
        importing.import_records(store, records, "test")


def test_the_title_column_keeps_the_room_at_1280_by_720(tmp_path, open_window, qtbot) -> None:
    path = tmp_path / "crowded.db"
    crowded_project(path)
    window = open_window(path)
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    view = window.documents.view
    qtbot.waitUntil(lambda: view.columnWidth(0) >= 180)
    shown = [column for column in range(1, 5) if not view.isColumnHidden(column)]
    assert shown == [1, 2, 3, 4]  # collection and annotators are still there, narrower
    assert all(view.columnWidth(column) >= 30 for column in shown)
    assert sum(view.columnWidth(c) for c in range(5)) <= view.viewport().width() + 1
    model = window.documents.model
    # Whatever is cut is whole, as plain text, in the tooltip.
    tooltip = model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert all(coder in tooltip for coder in CODERS)
    assert "&lt;b&gt;Senate" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "polnear-train-section-00" in model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
