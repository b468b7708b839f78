"""Import files or a folder: a chooser, a progress dialog with Cancel, then a summary.

A project file is imported on a worker thread with its own connection (a
SQLite connection never crosses threads), so the window keeps painting and
answering keys; the progress dialog does not block it. A project in memory
has no second connection and is imported on the window's thread.

The summary says what was imported, what was already present (skipped), which
files were refused and why, and what the sources held that the model cannot
keep. It is an :class:`ImportSummary` dialog, so the reasons can be read,
selected and copied.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from annotator.core import formats
from annotator.core.errors import AnnotatorError
from annotator.core.importing import FileOutcome, ImportReport, import_paths
from annotator.core.store import Store
from annotator.core.wording import plural
from annotator.gui.collector import PAUSE
from annotator.gui.dialogs import show_error
from annotator.gui.plain import plain_label
from annotator.gui.session import Session

log = logging.getLogger("annotator.gui.import")


def file_filters() -> list[str]:
    """Name filters for the file chooser: every readable extension first, then each format."""
    readable = {
        name: fmt for name, fmt in formats.readers().items() if fmt.extensions and not fmt.directory
    }
    every = sorted({f"*{ext}" for fmt in readable.values() for ext in fmt.extensions})
    filters = [f"Supported files ({' '.join(every)})"] if every else []
    for name, fmt in readable.items():
        patterns = " ".join(f"*{ext}" for ext in fmt.extensions)
        filters.append(f"{name} — {fmt.description} ({patterns})")
    filters.append("All files (*)")
    return filters


def choose_and_import(parent: QWidget, session: Session, folder: bool) -> ImportReport | None:
    """Ask for files (or a folder), import them; None when the chooser was cancelled."""
    options = QFileDialog.Option.DontUseNativeDialog
    start = str(Path.home())
    if folder:
        chosen = QFileDialog.getExistingDirectory(
            parent, "Import a folder", start, options | QFileDialog.Option.ShowDirsOnly
        )
        paths = [Path(chosen)] if chosen else []
    else:
        filters = file_filters()
        names, _ = QFileDialog.getOpenFileNames(
            parent, "Import files", start, ";;".join(filters), filters[0], options
        )
        paths = [Path(name) for name in names]
    if not paths:
        return None
    return import_with_progress(parent, session, paths)


class ImportProgress(QProgressDialog):
    """The progress of an import; Cancel stops it after the current file.

    On the window's thread (a project in memory) it is the progress callback
    itself and lets events through; for a worker it only shows what the
    worker reports.
    """

    def __init__(self, parent: QWidget | None, modal: bool = True) -> None:
        super().__init__("Reading files…", "Cancel", 0, 0, parent)
        # File names are text, not markup.
        self.setLabel(plain_label(QLabel("Reading files…", self)))
        self.setWindowTitle("Importing")
        # On the window's thread the import lets events through for Cancel:
        # modal, so no edit can slip in half-way through. A worker needs not.
        self.setWindowModality(
            Qt.WindowModality.ApplicationModal if modal else Qt.WindowModality.NonModal
        )
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)

    def show_progress(self, done: int, total: int, name: str) -> None:
        self.setMaximum(max(total, 1))
        self.setValue(min(done, max(total, 1)))
        self.setLabelText(f"{name}\n{done} of {plural(total, 'file')}")

    def __call__(self, done: int, total: int, path: Path) -> bool:
        self.show_progress(done, total, path.name)
        # The import runs on this thread: let Qt paint and deliver the Cancel click.
        QApplication.processEvents()
        return not self.wasCanceled()


class ImportWorker(QThread):
    """Imports into the project file at ``path`` through its own store, off the window's thread."""

    progressed = Signal(int, int, str)

    def __init__(self, path: Path, paths: list[Path], format: str | None) -> None:
        super().__init__()
        self._project = path
        self._paths = paths
        self._format = format
        self._cancelled = threading.Event()
        self.report: ImportReport | None = None
        self.error: AnnotatorError | None = None

    def cancel(self) -> None:
        self._cancelled.set()

    def run(self) -> None:  # the worker thread
        try:
            store = Store.open(self._project)
        except AnnotatorError as error:
            self.error = error
            return
        try:
            self.report = import_paths(
                store, self._paths, format=self._format, progress=self._progress
            )
        except AnnotatorError as error:
            self.error = error
        finally:
            store.close()

    def _progress(self, done: int, total: int, path: Path) -> bool:
        self.progressed.emit(done, total, path.name)
        return not self._cancelled.is_set()


def import_with_progress(
    parent: QWidget | None, session: Session, paths: list[Path], format: str | None = None
) -> ImportReport:
    """Import ``paths`` with a progress dialog, show the summary, tell the window."""
    if session.store.path is None:
        report = _import_here(parent, session, paths, format)
    else:
        report = _import_in_worker(parent, session, session.store.path, paths, format)
    if report is None:
        return ImportReport(files=[], unsupported=Counter(), cancelled=False)
    if report.added:
        # The import may have added labels, speakers and documents: the window's
        # own connection sees them at once, its caches do not.
        session.store.forget_labels()
        session.corpus_changed.emit()
    ImportSummary(report, parent).exec()
    return report


def _import_here(
    parent: QWidget | None, session: Session, paths: list[Path], format: str | None
) -> ImportReport | None:
    progress = ImportProgress(parent)
    progress.show()
    try:
        return import_paths(session.store, paths, format=format, progress=progress)
    except AnnotatorError as error:
        _not_started(parent, progress, error)
        return None
    finally:
        progress.close()
        progress.deleteLater()


def _import_in_worker(
    parent: QWidget | None,
    session: Session,
    project: Path,
    paths: list[Path],
    format: str | None,
) -> ImportReport | None:
    progress = ImportProgress(parent, modal=False)
    worker = ImportWorker(project, paths, format)
    loop = QEventLoop()
    worker.progressed.connect(progress.show_progress)
    progress.canceled.connect(worker.cancel)
    worker.finished.connect(loop.quit)
    progress.show()
    PAUSE.hold()  # the collector must not run on the worker (see gui/collector.py)
    try:
        worker.start()
        # The window goes on painting and answering keys while the worker runs.
        if worker.isRunning():
            loop.exec()
        worker.wait()
    finally:
        PAUSE.release()
    progress.close()
    progress.deleteLater()
    if worker.error is not None:
        _not_started(parent, None, worker.error)
        return None
    log.info("import in a worker finished")
    return worker.report


def _not_started(
    parent: QWidget | None, progress: ImportProgress | None, error: AnnotatorError
) -> None:
    # The run could not start (a path vanished, an unknown format): nothing
    # was stored, so a message replaces the summary.
    if progress is not None:
        progress.close()
    show_error(parent, "Import", f"Nothing was imported.\n\n{error}")


def refusal(outcome: FileOutcome) -> str:
    """``name: reason`` for a refused file, without repeating its full path."""
    reason = outcome.error or "refused"
    full = str(outcome.path)
    if reason.startswith(full):
        reason = reason[len(full) :].lstrip(":, ") or "refused"
        # Keep "line 3: ..." readable after the path is cut away.
        if reason.startswith("line "):
            return f"{outcome.path.name}, {reason}"
    return f"{outcome.path.name}: {reason}"


def summary_lines(report: ImportReport) -> list[str]:
    """The summary in sentences, most important first."""
    lines = []
    if report.cancelled:
        lines.append("The import was cancelled; the files read before that were kept.")
    lines.append(
        f"Imported {plural(report.added, 'document')} with {plural(report.quotes, 'quote')}."
    )
    if report.skipped:
        lines.append(
            f"{plural(report.skipped, 'document')} already in the project "
            f"{'was' if report.skipped == 1 else 'were'} skipped."
        )
    if report.extended:
        lines.append(
            f"{plural(report.extended, 'new quote')} (another annotator's) added to "
            "documents already in the project."
        )
    parts = [m for outcome in report.files if outcome.error is None for m in outcome.refused]
    if parts:
        lines.append(
            f"{plural(len(parts), 'text')} refused with {'its' if len(parts) == 1 else 'their'} "
            "annotation files; the rest of the folder was imported."
        )
    if report.failed:
        lines.append(
            f"{plural(len(report.failed), 'file')} refused; nothing of "
            f"{'it' if len(report.failed) == 1 else 'them'} was stored. Fix the file and "
            "import it again."
        )
    return lines


class ImportSummary(QDialog):
    """What an import did: counts, refused files with reasons, content left out."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("Import finished" if report.ok else "Import: some files refused")
        layout = QVBoxLayout(self)

        self.summary = QLabel("\n".join(summary_lines(report)))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.refused = self._details(
            layout,
            "Refused files:",
            [refusal(outcome) for outcome in report.failed]
            + [m for outcome in report.files if outcome.error is None for m in outcome.refused],
        )
        self.unsupported = self._details(
            layout,
            "Left out (the project has no place for it), with the number of times:",
            [f"{name} × {count}" for name, count in report.unsupported.most_common()],
        )

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _details(self, layout: QVBoxLayout, title: str, lines: list[str]) -> QPlainTextEdit | None:
        if not lines:
            return None
        heading = QLabel(title)
        heading.setWordWrap(True)
        box = QPlainTextEdit("\n".join(f"• {line}" for line in lines))
        box.setReadOnly(True)
        box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        box.setMaximumHeight(box.fontMetrics().lineSpacing() * min(len(lines) * 2 + 2, 14))
        layout.addWidget(heading)
        layout.addWidget(box)
        return box

    def text(self) -> str:
        """Everything the summary says, as the user reads it."""
        parts = [self.summary.text()]
        for box in (self.refused, self.unsupported):
            if box is not None:
                parts.append(box.toPlainText())
        return "\n".join(parts)
