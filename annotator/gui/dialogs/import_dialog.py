"""Import files or a folder: a chooser, a progress dialog with Cancel, then a summary.

The summary says what was imported, what was already present (skipped), which
files were refused and why, and what the sources held that the model cannot
keep. It is an :class:`ImportSummary` dialog, so the reasons can be read,
selected and copied.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
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
from annotator.core.wording import plural
from annotator.gui.dialogs import show_error
from annotator.gui.session import Session


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
    """The progress callback :func:`import_paths` calls; Cancel stops after the current file."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__("Reading files…", "Cancel", 0, 0, parent)
        self.setWindowTitle("Importing")
        # The import runs on the window's thread and lets events through for
        # Cancel: modal, so no edit can slip in half-way through.
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)

    def __call__(self, done: int, total: int, path: Path) -> bool:
        self.setMaximum(max(total, 1))
        self.setValue(min(done, max(total, 1)))
        self.setLabelText(f"{path.name}\n{done} of {plural(total, 'file')}")
        # The import runs on this thread: let Qt paint and deliver the Cancel click.
        QApplication.processEvents()
        return not self.wasCanceled()


def import_with_progress(
    parent: QWidget | None, session: Session, paths: list[Path], format: str | None = None
) -> ImportReport:
    """Import ``paths`` with a progress dialog, show the summary, tell the window."""
    progress = ImportProgress(parent)
    progress.show()
    try:
        report = import_paths(session.store, paths, format=format, progress=progress)
    except AnnotatorError as error:
        # The run could not start (a path vanished, an unknown format): nothing
        # was stored, so a message replaces the summary.
        progress.close()
        show_error(parent, "Import", f"Nothing was imported.\n\n{error}")
        return ImportReport(files=[], unsupported=Counter(), cancelled=False)
    finally:
        progress.close()
        progress.deleteLater()
    if report.added:
        session.corpus_changed.emit()
    ImportSummary(report, parent).exec()
    return report


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
