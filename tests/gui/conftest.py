"""Fixtures for driving the real window offscreen: a project file with the sample article."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from annotator.core.importing import import_seeds
from annotator.core.store import Store
from annotator.gui.article_view import ArticleView
from annotator.gui.main_window import MainWindow
from annotator.gui.session import Session
from annotator.gui.settings import Settings


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project file holding the bundled sample article."""
    path = tmp_path / "project.db"
    with Store.open(path) as store:
        import_seeds(store)
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.json")


@pytest.fixture
def open_window(qtbot, settings: Settings) -> Callable[[Path], MainWindow]:
    """Open a shown, active main window on a project file."""

    def opener(path: Path) -> MainWindow:
        window = MainWindow(Session(Store.open(path), "tester"), settings)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.isActiveWindow())
        return window

    return opener


@pytest.fixture
def window(project: Path, open_window) -> MainWindow:
    return open_window(project)


def rows(path: Path, sql: str, *params: object) -> list[tuple]:
    """Read the project file through a separate connection, as another program would."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def drag_select(view: ArticleView, start: int, end: int) -> None:
    """Select code points [start, end) with a real mouse drag on the viewport."""
    view.scroll_to(start)
    begin = view.point_at(start)
    finish = view.point_at(end)
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, begin)
    QTest.mouseMove(viewport, (begin + finish) / 2)
    QTest.mouseMove(viewport, finish)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, finish)


def click_at(view: ArticleView, offset: int) -> None:
    view.scroll_to(offset)
    point: QPoint = view.point_at(offset) + QPoint(2, 0)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
    )


def find(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


REPOSITORY = Path(__file__).resolve().parents[2]

_KILLED_WINDOW = """\
import os, signal, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, {repository!r})
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from annotator.core.store import Store
from annotator.gui.main_window import MainWindow
from annotator.gui.session import Session
from annotator.gui.settings import Settings

app = QApplication([])
window = MainWindow(Session(Store.open({project!r}), "killed"), Settings(Path({settings!r})))
window.show()
window.activateWindow()
QTest.qWaitForWindowActive(window)
view = window.article
"""


def run_and_kill(project: Path, settings: Path, steps: str) -> subprocess.CompletedProcess[str]:
    """Open the real window on ``project`` in another process as coder "killed", run
    ``steps`` (Python with ``window``, ``view``, ``Qt`` and ``QTest`` at hand), then end
    the process with SIGKILL; its output, which the steps may print to."""
    script = settings.parent / "killed_window.py"
    prologue = _KILLED_WINDOW.format(
        repository=str(REPOSITORY), project=str(project), settings=str(settings)
    )
    script.write_text(
        prologue + textwrap.dedent(steps) + "os.kill(os.getpid(), signal.SIGKILL)\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    return result
