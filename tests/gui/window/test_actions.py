"""The window's keyboard actions follow the shortcut table and the label scheme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core import labels
from annotator.gui import shortcuts
from tests.gui.conftest import drag_select, find, rows

SENTENCE = "the wall does not define our relationship"


def test_every_shortcut_has_its_action_and_no_two_share_a_key(window):
    for shortcut in shortcuts.SHORTCUTS:
        action = window.shortcut_actions[shortcut]
        assert action.shortcut() == QKeySequence(shortcut.key), shortcut.id
        assert action.text() == shortcut.title
    keys = [shortcut.key for shortcut in shortcuts.table(window.store.labels())]
    assert len(keys) == len(set(keys))


def test_a_stance_key_added_to_the_scheme_works_at_once_and_a_deleted_one_stops(window, project):
    change = window.session.apply(labels.add_label, "stance", "sceptical", shortcut="5")
    assert change is not None
    quote_menu = [action.text() for action in window.menus.quote.actions()]
    assert "Stance: sceptical" in quote_menu

    view = window.article
    drag_select(view, *find(view.text, SENTENCE))
    QTest.keyClick(view, Qt.Key.Key_Q)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QTest.keyClick(view, Qt.Key.Key_5)
    assert rows(project, "SELECT stance FROM quote_rows") == [("sceptical",)]

    QTest.keyClick(view, Qt.Key.Key_1)
    assert rows(project, "SELECT stance FROM quote_rows") == [("supports",)]
    sceptical = window.store.find_label("stance", "sceptical").id
    assert window.session.apply(labels.delete_label, sceptical) is not None
    assert "Stance: sceptical" not in [a.text() for a in window.menus.quote.actions()]
    QTest.keyClick(view, Qt.Key.Key_5)
    assert rows(project, "SELECT stance FROM quote_rows") == [("supports",)]
