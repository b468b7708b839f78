"""The window beside other programs writing to its project: real processes, a real window.

A command-line import holding the write lock must not freeze the window: an
edit made meanwhile waits in a queue and is saved when the lock is free, and
the documents the other program added appear. Edits another program makes to
the open document show up, and a second window on the file is noticed.
"""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from tests.gui.conftest import rows
from tests.gui.dialogs import when_modal

HOLD_THE_LOCK = """
import sys
from annotator.core import importing
from annotator.core.model import DocumentRecord
from annotator.core.store import Store

store = Store.open(sys.argv[1])
with store.transaction():
    importing.import_records(
        store,
        [DocumentRecord(f"cli-{n}", f"From the command line {n}", f"Text {n} said yes.")
         for n in range(3)],
        "cli",
    )
    print("holding", flush=True)
    sys.stdin.readline()
store.close()
"""

ADD_A_QUOTE = """
import sys
from annotator.core import quotes
from annotator.core.store import Store

with Store.open(sys.argv[1]) as store:
    quotes.add_quote(store, int(sys.argv[2]), [(0, 10)], note="from the other program")
"""

BE_THERE = """
import sys
from pathlib import Path
from annotator.core.presence import Presence

presence = Presence(Path(sys.argv[1]))
print("here", flush=True)
sys.stdin.readline()
presence.close()
"""


def _child(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_an_edit_while_another_program_holds_the_lock_is_queued_then_saved(window, project, qtbot):
    boxes: list[str] = []
    when_modal(lambda box: (boxes.append(box.text()), box.close()), QMessageBox)
    documents_before = window.documents.model.rowCount()
    document_id = window.document_id
    child = _child(HOLD_THE_LOCK, str(project))
    try:
        assert child.stdout.readline().strip() == "holding"
        QTest.keyClick(window.article, Qt.Key.Key_D)  # mark the document done
        # The key press came back while the other program still holds the lock.
        assert child.poll() is None
        assert rows(project, "SELECT status FROM documents WHERE id = ?", document_id) == [("new",)]
        assert "Another program is writing" in window.status.currentMessage()
    finally:
        child.communicate("\n", timeout=60)
    assert child.returncode == 0
    qtbot.waitUntil(
        lambda: (
            rows(project, "SELECT status FROM documents WHERE id = ?", document_id) == [("done",)]
        ),
        timeout=10_000,
    )
    qtbot.waitUntil(
        lambda: window.documents.model.rowCount() == documents_before + 3, timeout=10_000
    )
    assert window.status.currentMessage() == ""
    assert boxes == []  # no "busy" failure was shown
    window.session.undo_stack.undo()  # the queued edit is on the undo stack like any other
    assert rows(project, "SELECT status FROM documents WHERE id = ?", document_id) == [("new",)]


def _add_a_quote_elsewhere(project, document_id: int) -> None:
    """Another program adds a quote to the document (and has ended when this returns)."""
    result = subprocess.run(
        [sys.executable, "-c", ADD_A_QUOTE, str(project), str(document_id)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_another_programs_quote_in_the_open_document_appears(window, project, qtbot):
    shown = window.panel.model.rowCount()
    _add_a_quote_elsewhere(project, window.document_id)
    qtbot.waitUntil(lambda: window.panel.model.rowCount() == shown + 1, timeout=10_000)


def test_a_second_window_on_the_file_is_shown_in_the_status_bar(window, project, qtbot):
    assert not window.status.elsewhere_label.isVisible()
    other = _child(BE_THERE, str(project))
    try:
        assert other.stdout.readline().strip() == "here"
        qtbot.waitUntil(window.status.elsewhere_label.isVisible, timeout=10_000)
    finally:
        other.communicate("\n", timeout=60)
    qtbot.waitUntil(lambda: not window.status.elsewhere_label.isVisible(), timeout=10_000)


def test_a_read_only_project_can_be_browsed_and_searched_and_says_so(
    project, open_window, qtbot, monkeypatch
):
    from annotator.core.store import Store

    opened = Store.open
    monkeypatch.setattr(Store, "open", lambda path, **_: opened(path, read_only=True))
    window = open_window(project)
    assert window.store.read_only
    assert window.status.read_only_label.isVisible()
    assert window.documents.model.rowCount() >= 1
    window.documents.search.setText("Tillerson")
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 1)
    boxes: list[str] = []
    when_modal(lambda box: (boxes.append(box.text()), box.close()), QMessageBox)
    QTest.keyClick(window.article, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: bool(boxes))
    assert "read-only" in boxes[0]
    assert rows(project, "SELECT status FROM documents") == [("new",)]


def test_reopening_the_open_project_then_a_command_line_import_keeps_the_file_whole(
    window, project, tmp_path, monkeypatch, qtbot
):
    from PySide6.QtWidgets import QApplication, QFileDialog

    from annotator.gui.main_window import MainWindow

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(project), ""))
    window.projects.choose_existing()  # Project → Open on the file already open
    reopened = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w.isVisible() and w is not window
    ]
    assert len(reopened) == 1
    assert reopened[0].store is window.store  # the open store, not a second one
    articles = tmp_path / "more.jsonl"
    articles.write_text('{"id": "cli-1", "text": "Ann said yes."}\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(project), "import", str(articles)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    reopened[0].close()
    assert rows(project, "PRAGMA integrity_check") == [("ok",)]
    assert rows(project, "SELECT count(*) FROM documents WHERE external_id = 'cli-1'") == [(1,)]


def test_an_undo_while_another_program_holds_the_lock_is_queued_then_done(window, project, qtbot):
    document_id = window.document_id
    QTest.keyClick(window.article, Qt.Key.Key_D)
    assert rows(project, "SELECT status FROM documents WHERE id = ?", document_id) == [("done",)]
    child = _child(HOLD_THE_LOCK, str(project))
    try:
        assert child.stdout.readline().strip() == "holding"
        window.session.undo_stack.undo()
        assert rows(project, "SELECT status FROM documents WHERE id = ?", document_id) == [
            ("done",)
        ]
        assert "Another program is writing" in window.status.currentMessage()
    finally:
        child.communicate("\n", timeout=60)
    qtbot.waitUntil(
        lambda: (
            rows(project, "SELECT status FROM documents WHERE id = ?", document_id) == [("new",)]
        ),
        timeout=10_000,
    )
    window.session.undo_stack.redo()  # the step kept its place on the stack
    assert rows(project, "SELECT status FROM documents WHERE id = ?", document_id) == [("done",)]


def test_own_and_another_programs_quotes_between_two_watches_are_both_shown(window, project, qtbot):
    # The watch is paused so that both commits fall between two of its looks: the
    # window cannot tell its own change from the other's and reads the document again.
    window.session._watch.stop()
    view = window.article
    start = view.text.index("the wall does not")
    view.select(start, start + len("the wall does not"))
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Q)
    mine = window.panel.quote.id
    shown = window.panel.model.rowCount()
    _add_a_quote_elsewhere(project, window.document_id)
    window.session.look_for_others()
    assert window.panel.model.rowCount() == shown + 1
    assert len(window.article.quotes) == shown + 1
    # What this coder was on stays current.
    assert window.panel.quote is not None and window.panel.quote.id == mine
