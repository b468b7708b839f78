"""Windows fit the screen they open on: nothing is left below its bottom edge."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolBar, QWidget

from annotator.gui.compare_view import CompareView
from annotator.gui.main_window import MainWindow
from tests.gui.coded_project import make_coded_project


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


def test_the_compare_view_fits_the_screen(tmp_path: Path, open_window, qtbot) -> None:
    path = tmp_path / "coded.db"
    make_coded_project(path)
    window = open_window(path)
    compare = CompareView(window, 1, ["ana", "ben"])
    qtbot.addWidget(compare)
    compare.show()
    qtbot.waitExposed(compare)
    assert within_screen(compare)


def test_a_long_title_does_not_widen_the_compare_view(tmp_path: Path, open_window, qtbot) -> None:
    path = tmp_path / "coded.db"
    make_coded_project(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE documents SET title = ?", ("A very long title " * 20,))
    conn.close()
    window = open_window(path)
    compare = CompareView(window, 1, ["ana", "ben"])
    qtbot.addWidget(compare)
    compare.show()
    qtbot.waitExposed(compare)
    assert compare.minimumSizeHint().width() < 900
    assert within_screen(compare)
