"""The agreement dialog: figures per pair and per document, against gold, disagreements."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core import adjudication
from annotator.core.store import Store
from annotator.gui.dialogs.agreement_dialog import AgreementDialog
from tests.gui.coded_project import ROOM, make_coded_project


@pytest.fixture
def coded(tmp_path: Path) -> Path:
    path = tmp_path / "coded.db"
    make_coded_project(path)
    return path


def cells(table, row: int) -> list[str]:
    return [table.item(row, column).text() for column in range(table.columnCount())]


def test_pairs_documents_and_disagreements(coded, open_window, qtbot):
    window = open_window(coded)
    dialog = AgreementDialog(window)
    qtbot.addWidget(dialog)
    lines = dialog.summary.text().splitlines()
    assert lines[0] == "1 document annotated by two or more of 2 coders (ana, ben)"
    # ana 3 quotes, ben 2: exact F1 = 2 * 1/2 * 1/3 / (1/2 + 1/3) = 0.4; by overlap the
    # two MARKET quotes match too (token Jaccard 8/13).
    pair = cells(dialog.pairs, 0)
    assert pair[:3] == ["ana / ben", "1", "0.400"]
    assert cells(dialog.documents, 0)[-1] == "not started"
    kinds = [cells(dialog.disagreements, row)[3] for row in range(dialog.disagreements.rowCount())]
    assert "missing" in kinds
    dialog.threshold.setValue(0.95)
    assert cells(dialog.pairs, 0)[5] == "0.400"  # overlap F1: only the exact match is left
    dialog.threshold.setValue(0.5)
    assert cells(dialog.pairs, 0)[5] == "0.800"


def test_each_coder_against_gold_and_progress(coded, open_window, qtbot):
    with Store.open(coded) as store:
        wall = [q for q in store.quotes(1) if q.stance_id is not None]
        adjudication.take(store, wall[0].id, [wall[1].uid])
    window = open_window(coded)
    dialog = AgreementDialog(window)
    qtbot.addWidget(dialog)
    assert cells(dialog.documents, 0)[-1] == "1/3"
    dialog.compare.setCurrentIndex(dialog.compare.findText("Each coder against gold"))
    assert [cells(dialog.pairs, row)[0] for row in range(2)] == ["gold / ana", "gold / ben"]
    assert cells(dialog.pairs, 0)[4] == "1.000"  # recall of gold's one quote


def test_a_double_click_shows_the_disagreement_in_the_window(coded, open_window, qtbot):
    window = open_window(coded)
    dialog = AgreementDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    row = next(
        r
        for r in range(dialog.disagreements.rowCount())
        if cells(dialog.disagreements, r)[4] == ROOM
    )
    bar = dialog.tabs.tabBar()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    table = dialog.disagreements
    assert table.isVisible()
    table.scrollToItem(table.item(row, 4))
    point = table.visualItemRect(table.item(row, 4)).center()
    # A double-click is a click and then a double-click event on the same cell.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert not dialog.isVisible()
    quote = window.panel.quote
    assert quote is not None and window.article.text[quote.start : quote.end] == ROOM
