"""Label descriptions (the codebook) are edited in the labels dialog."""

import pytest
from PySide6.QtCore import Qt

from annotator.gui.dialogs.labels_dialog import LabelsDialog
from tests.gui.dialogs import cancel, type_answer, when_modal

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def dialog(qtbot, session):
    dialog = LabelsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def select(qtbot, label_list, name):
    view = label_list.list
    for row in range(view.count()):
        if view.item(row).text().split("    ")[0] == name:
            cell = view.visualItemRect(view.item(row)).center()
            qtbot.mouseClick(view.viewport(), LEFT, pos=cell)
            return
    raise AssertionError(f"{name} is not listed")


def test_describe_a_label_stores_it_shows_it_and_undoes(qtbot, dialog, session):
    select(qtbot, dialog.stances, "opposes")
    when_modal(type_answer(qtbot, "argues against the target"))
    qtbot.mouseClick(dialog.stances.describe_button, LEFT)
    assert session.store.find_label("stance", "opposes").description == "argues against the target"
    assert "argues against the target" in dialog.stances.list.currentItem().toolTip()
    session.undo_stack.undo()
    assert session.store.find_label("stance", "opposes").description == ""


def test_cancelled_description_changes_nothing(qtbot, dialog, session):
    select(qtbot, dialog.quote_types, "direct")
    when_modal(cancel(qtbot))
    qtbot.mouseClick(dialog.quote_types.describe_button, LEFT)
    assert session.undo_stack.count() == 0
