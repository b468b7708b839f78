"""Helpers for driving the modal questions the dialogs ask (names, choices, colours)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QListView,
    QWidget,
)

_TRIES = 200


def when_modal(act: Callable[[QWidget], None], kind: type = QWidget) -> list[QWidget]:
    """Run ``act`` on the next modal dialog of ``kind`` once it is up; returns those seen.

    Modal dialogs run their own event loop inside ``exec()``, so the test
    answers them from a timer that fires inside that loop.
    """
    seen: list[QWidget] = []

    def attempt(tries: int) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible() or not isinstance(widget, kind):
            if tries:
                QTimer.singleShot(10, lambda: attempt(tries - 1))
            return
        seen.append(widget)
        try:
            act(widget)
        except BaseException:
            widget.close()  # never leave a test hanging in a modal loop
            raise

    QTimer.singleShot(0, lambda: attempt(_TRIES))
    return seen


def click(qtbot, dialog: QWidget, which: QDialogButtonBox.StandardButton) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(which), Qt.MouseButton.LeftButton)


def type_answer(qtbot, text: str) -> Callable[[QWidget], None]:
    """An ``act`` that replaces the dialog's text field with ``text`` and clicks OK.

    ``text`` must be ASCII: QTest aborts the process on other characters.
    """

    def act(dialog: QWidget) -> None:
        field = dialog.findChild(QLineEdit)
        field.selectAll()
        qtbot.keyClick(field, Qt.Key.Key_Delete)
        qtbot.keyClicks(field, text)
        click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    return act


def pick_answer(qtbot, text: str) -> Callable[[QWidget], None]:
    """An ``act`` that clicks ``text`` in the dialog's list and clicks OK."""

    def act(dialog: QWidget) -> None:
        view = dialog.findChild(QListView)
        model = view.model()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data() == text:
                qtbot.mouseClick(
                    view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
                )
                break
        else:
            raise AssertionError(f"{text!r} is not offered")
        click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    return act


def cancel(qtbot) -> Callable[[QWidget], None]:
    def act(dialog: QWidget) -> None:
        click(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)

    return act
