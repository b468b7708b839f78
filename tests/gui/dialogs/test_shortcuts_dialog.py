from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from annotator.gui.dialogs.shortcuts_dialog import ShortcutsDialog


@dataclass
class Shortcut:
    key: str
    title: str
    description: str


SHORTCUTS = [
    Shortcut("Q", "Mark quote", "Mark the selected text as a quote"),
    Shortcut("Ctrl+Shift+Z", "Redo", "Do again what was undone"),
    Shortcut("N", "Next document", "Open the next document in the list"),
]


def _dialog(qtbot):
    dialog = ShortcutsDialog(SHORTCUTS)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_lists_every_shortcut_with_its_native_key(qtbot):
    dialog = _dialog(qtbot)
    rows = dialog.visible_rows()
    native = QKeySequence("Ctrl+Shift+Z").toString(QKeySequence.SequenceFormat.NativeText)
    assert rows == [
        ("Q", "Mark quote", "Mark the selected text as a quote"),
        (native, "Redo", "Do again what was undone"),
        ("N", "Next document", "Open the next document in the list"),
    ]


def test_filter_matches_action_description_and_key(qtbot):
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.filter, "document")
    assert [row[1] for row in dialog.visible_rows()] == ["Next document"]

    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, "ctrl")  # portable text, whatever the platform shows
    assert [row[1] for row in dialog.visible_rows()] == ["Redo"]

    dialog.filter.clear()
    assert len(dialog.visible_rows()) == 3


def test_the_table_cannot_be_edited(qtbot):
    dialog = _dialog(qtbot)
    table = dialog.table
    cell = table.visualItemRect(table.item(0, 1)).center()
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.keyClicks(table, "xyz")
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert table.item(0, 1).text() == "Mark quote"
