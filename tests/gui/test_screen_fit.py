"""Windows fit the screen they open on: nothing is left below its bottom edge."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolBar, QWidget

from annotator.gui.main_window import MainWindow


def within_screen(widget: QWidget) -> bool:
    screen = widget.screen()
    assert screen is not None
    available = screen.availableGeometry()
    return widget.width() <= available.width() and widget.height() <= available.height()


def test_the_first_window_fits_the_screen(window: MainWindow) -> None:
    assert within_screen(window)


def test_showing_the_statistics_does_not_grow_the_window_past_the_screen(
    window: MainWindow, qtbot
) -> None:
    (toolbar,) = window.findChildren(QToolBar)
    button = toolbar.widgetForAction(window.statistics.action)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    dock = window.statistics.dock
    assert dock is not None
    qtbot.waitExposed(dock)
    assert dock.isVisible()
    assert within_screen(window)
