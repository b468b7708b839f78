"""Importing into a project file from the window: a worker thread, the window stays usable."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

from annotator.core import importing
from annotator.core.store import Store
from annotator.gui.dialogs.import_dialog import ImportProgress, ImportSummary
from tests.gui.dialogs import click
from tests.gui.dialogs.test_import_dialog import articles
from tests.projects import add_document


def _when(condition, act, tries=3000):
    """Run ``act`` from the event loop once ``condition()`` holds (polled every 10 ms)."""

    def attempt(left: int) -> None:
        if condition():
            act()
        elif left:
            QTimer.singleShot(10, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(tries))


def test_the_window_answers_keys_while_an_import_runs_and_shows_its_documents_after(
    project, open_window, tmp_path, monkeypatch, qtbot
):
    with Store.open(project) as store:
        add_document(store, "A second article, already here.", "second", "Second")
    window = open_window(project)
    first = window.document_id
    qtbot.waitUntil(gc.isenabled)  # the proposer of the opened document has finished
    paths = articles(tmp_path, 3)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in paths], "")
    )
    reached, gate = threading.Event(), threading.Event()
    real = importing._import_unit

    def held(*args, **kwargs):
        seen.setdefault("collector on the worker", gc.isenabled())
        reached.set()
        gate.wait(60)  # the worker waits here until the window has answered
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "_import_unit", held)
    seen: dict[str, object] = {}

    def meanwhile() -> None:
        progress = window.findChild(ImportProgress)
        seen["progress shown"] = progress is not None and progress.isVisible()
        seen["blocking"] = QApplication.activeModalWidget() is not None
        window.activateWindow()  # as a click on it would
        qtbot.waitUntil(window.isActiveWindow)
        QTest.keyClick(window.article, Qt.Key.Key_N)
        seen["document"] = window.document_id
        seen["worker still held"] = not gate.is_set()
        gate.set()

    def summary_up() -> bool:
        return isinstance(QApplication.activeModalWidget(), ImportSummary)

    def close_summary() -> None:
        summary = QApplication.activeModalWidget()
        seen["summary"] = summary.text()
        click(qtbot, summary, QDialogButtonBox.StandardButton.Ok)

    _when(reached.is_set, meanwhile)
    _when(lambda: gate.is_set() and summary_up(), close_summary)
    window.import_files(folder=False)

    assert seen["progress shown"] and not seen["blocking"]
    assert seen["worker still held"]
    assert seen["document"] != first  # N moved on while the worker was busy
    assert "Imported 3 documents" in str(seen["summary"])
    assert window.documents.model.rowCount() == 5
    assert seen["collector on the worker"] is False, seen
