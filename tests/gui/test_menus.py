"""Every menu item of the window does what it says.

Each test triggers a menu's own ``QAction`` (what a click on the item does)
and checks what a user would see: a dialog with the right content, another
project in the window, a new document in the list, a different font size.
File choosers cannot be driven offscreen, so they are patched to answer with a
path; modal dialogs are answered from a timer while they are up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)

from annotator.core.store import Store
from annotator.gui.dialogs.export_dialog import ExportDialog
from annotator.gui.dialogs.import_dialog import ImportSummary
from annotator.gui.dialogs.labels_dialog import LabelsDialog
from annotator.gui.dialogs.settings_dialog import SettingsDialog
from annotator.gui.dialogs.shortcuts_dialog import ShortcutsDialog
from annotator.gui.dialogs.speakers_dialog import SpeakersDialog
from annotator.gui.main_window import MainWindow
from tests.gui.conftest import drag_select, find, rows
from tests.gui.dialogs import click, type_answer, when_modal
from tests.projects import add_document

CLOSE = QDialogButtonBox.StandardButton.Close
OK = QDialogButtonBox.StandardButton.Ok
SENTENCE = "the wall does not define our relationship"

# What the menu bar offers, item by item; a new item fails this file until it has a test.
MENUS = {
    "Project": [
        "New project…",
        "Open project…",
        "Recent projects",
        "Import files…",
        "Import folder…",
        "Export…",
        "Quit",
    ],
    "Edit": ["Undo", "Redo", "Edit labels…", "Speakers…", "Settings…"],
    "Quote": [
        "Select quotation",
        "Make quote",
        "Clear speaker mention",
        "Clear cue",
        "Move piece ends",
        "Speaker mention",
        "Cue",
        "Add piece",
        "Edit speaker",
        "Next quote",
        "Previous quote",
        "Delete quote",
        "Stance: supports",
        "Stance: opposes",
        "Stance: neutral",
        "Stance: unclear",
        "Type: direct",
        "Type: indirect",
        "Type: mixed",
    ],
    "Document": [
        "Next document",
        "Previous document",
        "Mark document done",
        "Search",
        "Next search hit",
        "Previous search hit",
    ],
    "View": ["Colour by stance", "Zoom in", "Zoom out", "Statistics"],
    # Tested in tests/gui/window/test_coders.py.
    "Coders": ["Compare coders…", "Agreement…", "Merge coders' files…"],
    # Driven by their keys in tests/gui/window/test_suggestions.py.
    "Suggestions": [
        "Next suggestion",
        "Accept suggestion",
        "Accept and edit",
        "Reject suggestion",
        "Accept all",
    ],
    "Help": ["Keyboard shortcuts"],
}


def selected(window) -> tuple[int, int] | None:
    span = window.article.selection()
    return (span.start, span.end) if span is not None else None


def plain(text: str) -> str:
    return text.replace("&", "")


def menu_action(window: MainWindow, menu: str, item: str):
    """The QAction behind ``menu`` → ``item`` in the window's menu bar."""
    for top in window.menuBar().actions():
        if plain(top.text()) == menu:
            for action in top.menu().actions():
                if plain(action.text()) == item:
                    return action
    raise AssertionError(f"no menu item {menu} → {item}")


def shown_window(other_than: MainWindow | None = None) -> MainWindow:
    """The one visible main window (after New/Open, the old one has closed)."""
    windows = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w.isVisible() and w is not other_than
    ]
    assert len(windows) == 1, windows
    return windows[0]


def titles(window: MainWindow) -> list[str]:
    model = window.documents.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def quote_by_keyboard(window: MainWindow, needle: str, speaker: str = "") -> None:
    view = window.article
    drag_select(view, *find(view.text, needle))
    QTest.keyClick(view, Qt.Key.Key_Q)
    if speaker:
        QTest.keyClicks(QApplication.focusWidget(), speaker)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def other_project(path: Path, title: str) -> Path:
    with Store.open(path) as store:
        add_document(store, f"{title}\n\nHe said “yes”.", title.lower().replace(" ", "-"), title)
    return path


@pytest.fixture
def windows():
    """Close the windows a test opened through New, Open or Recent."""
    yield
    for window in QApplication.topLevelWidgets():
        if isinstance(window, MainWindow) and window.isVisible():
            window.close()


def test_the_menu_bar_offers_what_these_tests_cover(window):
    found = {
        plain(top.text()): [plain(a.text()) for a in top.menu().actions() if not a.isSeparator()]
        for top in window.menuBar().actions()
    }
    # Compared as sets: this is about coverage, not the order of the items.
    assert {menu: sorted(items) for menu, items in found.items()} == {
        menu: sorted(items) for menu, items in MENUS.items()
    }
    for menu, items in MENUS.items():
        for item in items:
            assert menu_action(window, menu, item).isEnabled(), (menu, item)


def test_the_toolbar_offers_menu_items_only(window):
    from PySide6.QtWidgets import QToolBar

    (toolbar,) = window.findChildren(QToolBar)
    menu_items = {action for top in window.menuBar().actions() for action in top.menu().actions()}
    buttons = [action for action in toolbar.actions() if not action.isSeparator()]
    # Tested through the menus above: the toolbar holds the same actions, not copies.
    assert [plain(action.text()) for action in buttons] == [
        "Open project…",
        "Import files…",
        "Export…",
        "Search",
        "Speakers…",
        "Edit labels…",
        "Colour by stance",
        "Statistics",
    ]
    assert set(buttons) <= menu_items


# -- Project -------------------------------------------------------------------------------


def test_new_project_opens_a_window_on_the_new_file_with_the_sample(
    window, tmp_path, monkeypatch, windows
):
    path = tmp_path / "fresh.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    menu_action(window, "Project", "New project…").trigger()

    new = shown_window()
    assert new is not window and not window.isVisible()
    assert "fresh.db" in new.windowTitle()
    assert new.store.path == path and path.exists()
    assert len(titles(new)) == 1 and "Tillerson" in titles(new)[0]  # the sample, first run
    assert "Tillerson" in new.article.text


def test_open_project_switches_to_that_file_and_recent_lists_it(
    window, tmp_path, monkeypatch, qtbot, windows
):
    other = other_project(tmp_path / "other.db", "City hall talks")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    menu_action(window, "Project", "Open project…").trigger()

    new = shown_window()
    assert "other.db" in new.windowTitle()
    # Offscreen there is no window manager to hand the new window the keyboard.
    new.activateWindow()
    qtbot.waitUntil(new.isActiveWindow)
    assert titles(new) == ["City hall talks"]
    assert new.article.text.startswith("City hall talks")
    # Edits in the new window land in the new file.
    quote_by_keyboard(new, "yes", "Jane Doe")
    assert rows(other, "SELECT speaker, text FROM quote_rows") == [("Jane Doe", "yes")]

    new.menus.recent.popup(new.mapToGlobal(QPoint(20, 20)))
    qtbot.waitUntil(new.menus.recent.isVisible)
    listed = [action.text() for action in new.menus.recent.actions()]
    new.menus.recent.hide()
    assert listed == [str(other.resolve())]


def test_recent_project_reopens_it(window, tmp_path, monkeypatch, qtbot, windows):
    first = other_project(tmp_path / "first.db", "First talks")
    second = other_project(tmp_path / "second.db", "Second talks")
    for path in (first, second):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, p=path, **k: (str(p), ""))
        menu_action(shown_window(), "Project", "Open project…").trigger()
        QApplication.processEvents()  # as between two clicks: the new window paints
    current = shown_window()
    assert titles(current) == ["Second talks"]

    recent = current.menus.recent
    recent.popup(current.mapToGlobal(QPoint(20, 20)))
    qtbot.waitUntil(recent.isVisible)
    assert [action.text() for action in recent.actions()] == [
        str(second.resolve()),
        str(first.resolve()),
    ]
    recent.actions()[1].trigger()
    recent.hide()

    again = shown_window(other_than=current)
    assert "first.db" in again.windowTitle()
    assert titles(again) == ["First talks"]


def test_open_project_on_a_file_that_is_not_one_keeps_the_current_project(
    window, tmp_path, monkeypatch
):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"not a database" * 20)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    said: list[str] = []

    def read_and_close(box: QWidget) -> None:
        said.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    when_modal(read_and_close, QMessageBox)
    menu_action(window, "Project", "Open project…").trigger()

    assert said and "current project stays open" in said[0]
    assert window.isVisible() and shown_window() is window
    assert "Tillerson" in window.article.text


def test_cancelled_choosers_change_nothing(window, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    before = titles(window)
    for item in ("New project…", "Open project…", "Import files…", "Import folder…"):
        menu_action(window, "Project", item).trigger()
    assert shown_window() is window
    assert titles(window) == before


def _summary_closer(qtbot, seen: list[str]):
    def act(dialog: QWidget) -> None:
        seen.append(dialog.text())
        click(qtbot, dialog, OK)

    return act


def test_import_files_adds_the_article_to_the_list(window, tmp_path, monkeypatch, qtbot):
    article = tmp_path / "mayor.txt"
    article.write_text(
        "Mayor backs the bridge\n\n“We will build it,” the mayor said.", encoding="utf-8"
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(article)], ""))
    seen: list[str] = []
    when_modal(_summary_closer(qtbot, seen), ImportSummary)
    menu_action(window, "Project", "Import files…").trigger()

    assert seen and "Imported 1 document" in seen[0]
    assert "Mayor backs the bridge" in titles(window)
    assert window.status.position_label.text() == "Document 1 of 2"


def test_import_folder_adds_every_article_in_it(window, tmp_path, monkeypatch, qtbot):
    folder = tmp_path / "articles"
    (folder / "june").mkdir(parents=True)
    (folder / "one.txt").write_text("Port reopens\n\nIt reopened.", encoding="utf-8")
    (folder / "june" / "two.txt").write_text("Rail strike ends\n\nIt ended.", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    seen: list[str] = []
    when_modal(_summary_closer(qtbot, seen), ImportSummary)
    menu_action(window, "Project", "Import folder…").trigger()

    assert seen and "Imported 2 documents" in seen[0]
    assert {"Port reopens", "Rail strike ends"} <= set(titles(window))


def test_export_writes_the_chosen_file(window, project, tmp_path, qtbot):
    quote_by_keyboard(window, SENTENCE, "Rex Tillerson")
    output = tmp_path / "out" / "corpus.jsonl"
    said: list[str] = []

    def export(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))
        qtbot.keyClicks(dialog.output, str(output))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        said.append(dialog.message.text())
        click(qtbot, dialog, CLOSE)

    when_modal(export, ExportDialog)
    menu_action(window, "Project", "Export…").trigger()

    assert said and said[0].startswith("Wrote 1 document and 1 quote as jsonl")
    assert SENTENCE in output.read_text(encoding="utf-8")


def test_quit_closes_the_window_and_keeps_the_work(window, project):
    quote_by_keyboard(window, SENTENCE, "Rex Tillerson")
    menu_action(window, "Project", "Quit").trigger()
    assert not window.isVisible()
    assert rows(project, "SELECT speaker, text FROM quote_rows") == [("Rex Tillerson", SENTENCE)]


# -- Edit -----------------------------------------------------------------------------------


def test_undo_and_redo_from_the_edit_menu(window, project):
    quote_by_keyboard(window, SENTENCE)
    menu_action(window, "Edit", "Undo").trigger()
    assert rows(project, "SELECT count(*) FROM quotes") == [(0,)]
    assert window.status.count_label.text() == "0 quotes"
    menu_action(window, "Edit", "Redo").trigger()
    assert rows(project, "SELECT text FROM quote_rows") == [(SENTENCE,)]
    assert window.status.count_label.text() == "1 quote"


def test_edit_labels_opens_the_scheme_and_a_new_stance_gets_a_button(window, project, qtbot):
    listed: list[list[str]] = []

    def add_stance(dialog: QWidget) -> None:
        assert isinstance(dialog, LabelsDialog)
        listed.append(
            [dialog.stances.list.item(i).text() for i in range(dialog.stances.list.count())]
        )
        when_modal(type_answer(qtbot, "mocks"), QInputDialog)
        qtbot.mouseClick(dialog.stances.add_button, Qt.MouseButton.LeftButton)
        click(qtbot, dialog, CLOSE)

    when_modal(add_stance, LabelsDialog)
    menu_action(window, "Edit", "Edit labels…").trigger()

    assert [text.split()[0] for text in listed[0]] == ["supports", "opposes", "neutral", "unclear"]
    assert rows(project, "SELECT name FROM labels WHERE kind = 'stance' ORDER BY position")[-1] == (
        "mocks",
    )
    buttons = [b.text() for b in window.panel.findChildren(QPushButton)]
    assert any(text.endswith("mocks") for text in buttons)


def test_speakers_lists_the_registry_and_a_rename_shows_in_the_quote_list(window, project, qtbot):
    quote_by_keyboard(window, SENTENCE, "Rex Tillerson")
    listed: list[str] = []

    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, SpeakersDialog)
        listed.extend(dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount()))
        dialog.table.selectRow(0)
        when_modal(type_answer(qtbot, "R. W. Tillerson"), QInputDialog)
        qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
        click(qtbot, dialog, CLOSE)

    when_modal(rename, SpeakersDialog)
    menu_action(window, "Edit", "Speakers…").trigger()

    assert listed == ["Rex Tillerson"]
    assert rows(project, "SELECT speaker FROM quote_rows") == [("R. W. Tillerson",)]
    model = window.panel.model
    assert model.index(0).data().startswith("R. W. Tillerson")


def test_settings_change_the_article_font_and_the_annotator(window, qtbot):
    def change(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        dialog.font_size.selectAll()
        qtbot.keyClicks(dialog.font_size, "21")
        dialog.annotator.selectAll()
        qtbot.keyClicks(dialog.annotator, "ana")
        click(qtbot, dialog, OK)

    when_modal(change, SettingsDialog)
    menu_action(window, "Edit", "Settings…").trigger()

    assert window.article.font().pointSize() == 21
    assert window.status.annotator_label.text() == "Annotator: ana"


def test_settings_cancel_leaves_the_font(window, qtbot):
    size = window.article.font().pointSize()

    def cancel(dialog: QWidget) -> None:
        dialog.font_size.selectAll()
        qtbot.keyClicks(dialog.font_size, "30")
        click(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)

    when_modal(cancel, SettingsDialog)
    menu_action(window, "Edit", "Settings…").trigger()
    assert window.article.font().pointSize() == size


# -- Quote and Document ------------------------------------------------------------------


def test_quote_menu_items_act_on_the_selection_and_the_current_quote(window, project):
    view = window.article
    drag_select(view, *find(view.text, SENTENCE))
    menu_action(window, "Quote", "Make quote").trigger()
    drag_select(view, *find(view.text, "Secretary of State Rex Tillerson"))
    menu_action(window, "Quote", "Speaker mention").trigger()
    drag_select(view, *find(view.text, "declared"))
    menu_action(window, "Quote", "Cue").trigger()
    menu_action(window, "Quote", "Stance: supports").trigger()
    menu_action(window, "Quote", "Type: direct").trigger()
    assert rows(project, "SELECT speaker, mention, cue, stance, type FROM quote_rows") == [
        (
            "Secretary of State Rex Tillerson",
            "Secretary of State Rex Tillerson",
            "declared",
            "supports",
            "direct",
        )
    ]
    menu_action(window, "Quote", "Delete quote").trigger()
    assert rows(project, "SELECT count(*) FROM quotes") == [(0,)]


def test_document_menu_moves_marks_done_and_searches(window, project):
    second = add_document(window.store, "The mayor said “we will build it” today.", "second")
    window.session.corpus_changed.emit()
    first = window.document_id
    menu_action(window, "Document", "Next document").trigger()
    assert window.article.text.startswith("The mayor")
    menu_action(window, "Document", "Mark document done").trigger()
    assert rows(project, "SELECT status FROM documents WHERE id = ?", second) == [("done",)]
    menu_action(window, "Document", "Previous document").trigger()
    assert window.document_id == first
    menu_action(window, "Document", "Search").trigger()
    assert QApplication.focusWidget() is window.documents.search
    QTest.keyClicks(window.documents.search, "mayor")
    QTest.keyClick(window.documents.search, Qt.Key.Key_Return)
    window.open_document(second)
    menu_action(window, "Document", "Next search hit").trigger()
    assert selected(window) == find(window.article.text, "mayor")
    menu_action(window, "Document", "Previous search hit").trigger()
    assert selected(window) == find(window.article.text, "mayor")


# -- View and Help --------------------------------------------------------------------------


def test_colour_mode_switches_the_legend_and_is_remembered(window, settings):
    action = menu_action(window, "View", "Colour by stance")
    quote_by_keyboard(window, SENTENCE, "Rex Tillerson")
    assert "Colour by speaker" in window.panel.legend.text()
    action.trigger()
    assert action.isChecked()
    assert "Colour by stance" in window.panel.legend.text()
    assert settings.get("color_mode") == "stance"
    action.trigger()
    assert not action.isChecked()
    assert "Colour by speaker" in window.panel.legend.text()


def test_zoom_in_and_out_change_the_article_font(window, settings):
    size = window.article.font().pointSize()
    menu_action(window, "View", "Zoom in").trigger()
    menu_action(window, "View", "Zoom in").trigger()
    assert window.article.font().pointSize() == size + 2
    menu_action(window, "View", "Zoom out").trigger()
    assert window.article.font().pointSize() == size + 1
    assert settings.get("font_size") == size + 1


def test_statistics_shows_the_charts_in_a_dock_and_hides_them(window, qtbot):
    from annotator.gui.statistics_view import StatisticsView

    action = menu_action(window, "View", "Statistics")
    action.trigger()
    dock = window.statistics.dock
    assert dock is not None and dock.isVisible() and action.isChecked()
    view = window.statistics.view
    assert isinstance(view, StatisticsView)
    qtbot.waitExposed(view)
    assert view.summary.text() == "0 quotes in 1 document"
    action.trigger()
    assert not dock.isVisible() and not action.isChecked()


def test_keyboard_shortcuts_lists_the_keys_and_the_stances(window, qtbot):
    shown: list[list[tuple[str, str, str]]] = []
    heights: dict[str, int] = {}

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, ShortcutsDialog)
        shown.append(dialog.visible_rows())
        # One-line descriptions get one-line rows at the dialog's real width.
        keys = [cells[0] for cells in dialog.visible_rows()]
        heights.update({key: dialog.table.rowHeight(keys.index(key)) for key in ("Q", "A")})
        click(qtbot, dialog, CLOSE)

    when_modal(read, ShortcutsDialog)
    menu_action(window, "Help", "Keyboard shortcuts").trigger()

    keys = {(key, title) for key, title, _ in shown[0]}
    assert {
        ("Q", "Make quote"),
        ("S", "Speaker mention"),
        ("A", "Add piece"),
        ("1", "Stance: supports"),
        ("4", "Stance: unclear"),
    } <= keys
    assert heights["A"] == heights["Q"]
