"""Coders in the window: the layer selector, whose quote it is, editing another's, the menu."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QPushButton, QWidget

from annotator.core import quotes
from annotator.core.store import Store
from annotator.gui.compare_view import CompareView
from annotator.gui.dialogs.agreement_dialog import AgreementDialog
from tests.gui.coded_project import MARKET, ROOM, WALL, make_coded_project
from tests.gui.conftest import click_at, rows
from tests.gui.dialogs import when_modal
from tests.gui.test_menus import menu_action


@pytest.fixture
def coded(tmp_path: Path) -> Path:
    path = tmp_path / "coded.db"
    make_coded_project(path)
    return path


def listed(window) -> list[str]:
    model = window.panel.model
    return [model.data(model.index(row)) for row in range(model.rowCount())]


def choose_layer(qtbot, window, label: str) -> None:
    """Pick a layer in the status bar's selector with the keyboard."""
    selector = window.coders.selector
    selector.setFocus()
    qtbot.keyClick(selector, Qt.Key.Key_Home)
    for _ in range(selector.count()):
        if selector.currentText() == label:
            return
        qtbot.keyClick(selector, Qt.Key.Key_Down)
    raise AssertionError(f"no layer {label}")


def test_the_selector_shows_one_coders_quotes(coded, open_window, qtbot):
    window = open_window(coded)
    assert window.panel.model.rowCount() == 5
    assert [window.coders.selector.itemText(i) for i in range(3)] == ["All coders", "ana", "ben"]
    choose_layer(qtbot, window, "ben")
    assert window.panel.model.rowCount() == 2
    assert all("by ben" in row for row in listed(window))
    text = window.article.text
    assert window.article.quotes_at(text.index(ROOM) + 3) == []
    assert len(window.article.quotes_at(text.index(WALL) + 3)) == 1
    choose_layer(qtbot, window, "All coders")
    assert window.panel.model.rowCount() == 5


def test_the_quote_list_and_tooltip_name_the_coder(coded, open_window):
    window = open_window(coded)
    rows_shown = listed(window)
    assert rows_shown[0].startswith("no speaker · supports · by ")
    quote = window.panel.model.quote_at(0)
    assert window.colours.describe(quote).endswith(f"· {window.panel.model.coder_of(quote)}")
    tooltip = window.panel.model.data(window.panel.model.index(0), Qt.ItemDataRole.ToolTipRole)
    tooltip = QTextDocumentFragment.fromHtml(tooltip).toPlainText()  # as the tooltip shows it
    assert tooltip.startswith(WALL) and tooltip.endswith(("by ana", "by ben"))


def _answer(qtbot, button_text: str):
    def act(box: QWidget) -> None:
        assert "This quote is ben's." in box.text()
        for button in box.findChildren(QPushButton):
            if button.text().replace("&", "") == button_text:
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
                return
        raise AssertionError(button_text)

    return act


def refocus(qtbot, window) -> None:
    """After a message box: the window active again, the text focused."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.article.setFocus()
    qtbot.waitUntil(window.article.hasFocus)


def test_changing_another_coders_quote_asks_once_and_records_who(coded, open_window, qtbot):
    window = open_window(coded)
    choose_layer(qtbot, window, "ben")
    text = window.article.text
    click_at(window.article, text.index(MARKET) + 3)
    quote_id = window.panel.quote.id
    window.article.setFocus()
    seen = when_modal(_answer(qtbot, "Cancel"), QMessageBox)
    qtbot.keyClick(window.article, Qt.Key.Key_2)
    assert seen
    assert rows(coded, "SELECT stance_id FROM quotes WHERE id = ?", quote_id) == [(None,)]
    refocus(qtbot, window)
    seen = when_modal(_answer(qtbot, "Change ben's quotes"), QMessageBox)
    qtbot.keyClick(window.article, Qt.Key.Key_2)
    assert seen
    ((stance, changed_by),) = rows(
        coded,
        "SELECT labels.name, annotators.name FROM quotes JOIN labels ON labels.id = stance_id "
        "JOIN annotators ON annotators.id = changed_by WHERE quotes.id = ?",
        quote_id,
    )
    assert (stance, changed_by) == ("opposes", "tester")
    # Once allowed, ben's quotes change without asking again.
    refocus(qtbot, window)
    qtbot.keyClick(window.article, Qt.Key.Key_3)
    assert rows(coded, "SELECT stance_id FROM quotes WHERE id = ?", quote_id) == [
        rows(coded, "SELECT id FROM labels WHERE name = 'neutral'")[0]
    ]
    assert "changed by tester" in listed(window)[-1]


def test_a_quote_of_ones_own_does_not_ask(coded, open_window, qtbot):
    window = open_window(coded)
    window.session.annotator = "ana"
    text = window.article.text
    click_at(window.article, text.index(ROOM) + 3)
    window.article.setFocus()
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    assert window.panel.quote.stance_id is not None


def copy_of(path: Path, target: Path, coder: str, phrase: str) -> Path:
    source = sqlite3.connect(path)
    copy = sqlite3.connect(target)
    source.backup(copy)
    source.close()
    copy.close()
    with Store.open(target) as store:
        store.acting = coder
        text = store.document_text(1)
        start = text.index(phrase)
        quotes.add_quote(store, 1, [(start, start + len(phrase))])
    return target


def test_merge_coders_files_from_the_menu(project, tmp_path, open_window, monkeypatch, qtbot):
    cy = copy_of(project, tmp_path / "cy.db", "cy", WALL)
    dee = copy_of(project, tmp_path / "dee.db", "dee", WALL)
    window = open_window(project)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(cy), str(dee)], ""))
    seen = when_modal(lambda box: box.accept(), QMessageBox)
    menu_action(window, "Coders", "Merge coders' files…").trigger()
    assert seen and seen[0].text().startswith("Merged 2 files: 2 quotes added")
    assert window.panel.model.rowCount() == 2
    assert [window.coders.selector.itemText(i) for i in range(3)] == ["All coders", "cy", "dee"]
    assert not window.session.undo_stack.canUndo()


def test_merge_refusal_is_shown_and_changes_nothing(project, tmp_path, open_window, monkeypatch):
    bad = tmp_path / "bad.db"
    bad.write_text("not a project")
    window = open_window(project)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(bad)], ""))
    seen = when_modal(lambda box: box.accept(), QMessageBox)
    menu_action(window, "Coders", "Merge coders' files…").trigger()
    assert seen and seen[0].text().endswith(
        "bad.db: not a SQLite database: the file is corrupt or of another kind"
    )
    assert window.panel.model.rowCount() == 0


def test_agreement_from_the_menu(coded, open_window, qtbot):
    window = open_window(coded)
    found: list[str] = []

    def read(dialog: QWidget) -> None:
        found.append(dialog.summary.text())
        found.append(dialog.pairs.item(0, 0).text())
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close),
            Qt.MouseButton.LeftButton,
        )

    when_modal(read, AgreementDialog)
    menu_action(window, "Coders", "Agreement…").trigger()
    assert found[0].startswith("1 document annotated by two or more of 2 coders (ana, ben)")
    assert found[1] == "ana / ben"


def test_compare_coders_from_the_menu_takes_a_version(coded, open_window, qtbot):
    window = open_window(coded)

    def take_first(view: QWidget) -> None:
        view.activateWindow()
        qtbot.waitUntil(view.isActiveWindow)
        view.group_list.setFocus()
        qtbot.keyClick(view.group_list, Qt.Key.Key_A)
        qtbot.keyClick(view.group_list, Qt.Key.Key_Escape)

    seen = when_modal(take_first, CompareView)
    menu_action(window, "Coders", "Compare coders…").trigger()
    assert seen
    assert rows(coded, "SELECT count(*) FROM quotes WHERE origin = 'adjudicated'") == [(1,)]
    assert window.session.undo_stack.canUndo()


def test_compare_coders_needs_two_coders(project, open_window):
    window = open_window(project)
    seen = when_modal(lambda box: box.accept(), QMessageBox)
    menu_action(window, "Coders", "Compare coders…").trigger()
    assert seen and "fewer than two coders" in seen[0].text()
