import json
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QWidget,
)

from annotator.core.importing import FileOutcome, ImportReport
from annotator.gui.dialogs.import_dialog import (
    ImportProgress,
    ImportSummary,
    choose_and_import,
    file_filters,
    import_with_progress,
)
from tests.gui.dialogs import click, when_modal

OK = QDialogButtonBox.StandardButton.Ok


@pytest.fixture
def window(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    return window


def articles(tmp_path: Path, count: int) -> list[Path]:
    paths = []
    for number in range(count):
        path = tmp_path / f"article-{number}.txt"
        path.write_text(
            f"Talks {number}\n\n“We will talk,” the minister said on day {number}.",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def read_summary(qtbot, seen: list[str]):
    def act(dialog):
        assert isinstance(dialog, ImportSummary)
        seen.append(dialog.text())
        click(qtbot, dialog, OK)

    return act


def test_imports_and_summarises_refused_files_with_reasons(qtbot, tmp_path, session, window):
    good = articles(tmp_path, 2)
    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps({"id": "a", "text": "Fine."}) + "\n{not json\n", encoding="utf-8")
    seen: list[str] = []
    when_modal(read_summary(qtbot, seen), ImportSummary)
    with qtbot.wait_signal(session.corpus_changed, timeout=0, raising=False) as corpus:
        report = import_with_progress(window, session, [*good, broken])

    assert corpus.signal_triggered
    assert session.store.document_count() == 2
    assert len(report.failed) == 1
    summary = seen[0]
    assert "Imported 2 documents with 0 quotes." in summary
    assert "1 file refused; nothing of it was stored" in summary
    assert "• broken.jsonl, line 2:" in summary
    assert str(tmp_path) not in summary  # the file name is enough
    assert (
        window.findChild(ImportProgress) is None or not window.findChild(ImportProgress).isVisible()
    )


def test_a_second_import_reports_documents_already_present(qtbot, tmp_path, session, window):
    paths = articles(tmp_path, 3)
    when_modal(read_summary(qtbot, []), ImportSummary)
    import_with_progress(window, session, paths)

    seen: list[str] = []
    when_modal(read_summary(qtbot, seen), ImportSummary)
    with qtbot.assert_not_emitted(session.corpus_changed):
        report = import_with_progress(window, session, paths)
    assert report.skipped == 3
    assert session.store.document_count() == 3
    assert "Imported 0 documents" in seen[0]
    assert "3 documents already in the project were skipped." in seen[0]


def test_cancel_keeps_the_files_already_imported(qtbot, tmp_path, session, window):
    paths = articles(tmp_path, 4)
    seen: list[str] = []

    def cancel_after_first_file(tries=1000):
        # Runs inside the import (progress events) and then inside the summary's loop.
        widget = QApplication.activeModalWidget()
        if isinstance(widget, ImportProgress) and widget.value() >= 1:
            qtbot.mouseClick(_cancel_button(widget), Qt.MouseButton.LeftButton)
        elif isinstance(widget, ImportSummary):
            read_summary(qtbot, seen)(widget)
            return
        if tries:
            QTimer.singleShot(0, lambda: cancel_after_first_file(tries - 1))

    QTimer.singleShot(0, cancel_after_first_file)
    report = import_with_progress(window, session, paths)

    assert report.cancelled
    assert session.store.document_count() == 1
    assert seen[0].startswith("The import was cancelled")
    assert "Imported 1 document with 0 quotes." in seen[0]


def _cancel_button(progress):
    from PySide6.QtWidgets import QPushButton

    return next(b for b in progress.findChildren(QPushButton) if b.text() == "Cancel")


def test_a_path_that_vanished_is_explained_and_nothing_is_imported(
    qtbot, tmp_path, session, window
):
    paths = [*articles(tmp_path, 1), tmp_path / "gone.txt"]
    boxes: list[str] = []

    def read_box(box):
        assert isinstance(box, QMessageBox)
        boxes.append(box.text())
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    when_modal(read_box, QMessageBox)
    report = import_with_progress(window, session, paths)
    assert report.added == 0
    assert session.store.document_count() == 0
    assert "Nothing was imported." in boxes[0]
    assert "gone.txt: no such file or folder" in boxes[0]


def test_summary_names_what_the_sources_held_that_was_left_out(qtbot, tmp_path):
    report = ImportReport(
        files=[FileOutcome(tmp_path / "a", 2, 0, 5, None)],
        unsupported=Counter({"brat relation type Coref": 3, "brat normalization": 1}),
    )
    summary = ImportSummary(report)
    qtbot.addWidget(summary)
    assert summary.text().splitlines() == [
        "Imported 2 documents with 5 quotes.",
        "• brat relation type Coref × 3",
        "• brat normalization × 1",
    ]
    assert summary.windowTitle() == "Import finished"


def test_file_chooser_filters_offer_every_readable_extension():
    filters = file_filters()
    assert filters[0].startswith("Supported files (")
    for pattern in ("*.jsonl", "*.csv", "*.txt", "*.html"):
        assert pattern in filters[0]
    assert any(
        f.startswith("jsonl — ") and f.endswith("(*.jsonl *.json *.ndjson)") for f in filters
    )
    assert filters[-1] == "All files (*)"


def test_choose_files_imports_what_was_chosen(qtbot, tmp_path, session, window, monkeypatch):
    chosen = articles(tmp_path, 2)
    asked = {}

    def get_open_file_names(parent, caption, directory, filters, selected, options):
        asked.update(caption=caption, filters=filters, options=options)
        return [str(path) for path in chosen], selected

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(get_open_file_names))
    when_modal(read_summary(qtbot, []), ImportSummary)
    report = choose_and_import(window, session, folder=False)

    assert report is not None and report.added == 2
    assert asked["filters"].split(";;") == file_filters()
    assert asked["options"] & QFileDialog.Option.DontUseNativeDialog


def test_choose_a_folder_imports_the_files_inside(qtbot, tmp_path, session, window, monkeypatch):
    folder = tmp_path / "corpus"
    folder.mkdir()
    articles(folder, 3)
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *args: str(folder))
    )
    when_modal(read_summary(qtbot, []), ImportSummary)
    report = choose_and_import(window, session, folder=True)
    assert report is not None and report.added == 3
    assert session.store.document_count() == 3


def test_cancelled_chooser_imports_nothing(qtbot, session, window, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *args: ([], "")))
    assert choose_and_import(window, session, folder=False) is None
    assert session.store.document_count() == 0
