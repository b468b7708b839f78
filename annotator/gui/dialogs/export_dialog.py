"""Export: write the corpus, or the part a status and annotator select, in any format.

The formats come from the core registry, so a new writer shows up here without
a change to this file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core import exporting, formats, listing
from annotator.core.errors import AnnotatorError
from annotator.core.formats import Format
from annotator.core.model import STATUSES, status_title
from annotator.core.wording import plural
from annotator.gui.dialogs import MessageLine
from annotator.gui.elide import fixed_width_combo
from annotator.gui.session import Session

log = logging.getLogger("annotator.gui.dialogs")

STATUS_CHOICES: tuple[tuple[str, str | None], ...] = (
    ("Any status", None),
    *((status_title(status).capitalize(), status) for status in STATUSES),
)
ANY_ANNOTATOR = "Any annotator"


class ExportDialog(QDialog):
    """Pick a format, an output path and filters; Export writes and says what it wrote.

    The dialog stays open after an export (to write another format) and after
    an error (to pick another path).
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Export")
        self._formats: dict[str, Format] = formats.writers()

        self.format = QComboBox()
        for name, fmt in self._formats.items():
            self.format.addItem(name, name)
            self.format.setItemData(
                self.format.count() - 1, fmt.description, Qt.ItemDataRole.ToolTipRole
            )
        self.format.currentIndexChanged.connect(self._format_changed)
        # Descriptions are sentences: shown under the combo, where they can wrap.
        self.description = QLabel()
        self.description.setWordWrap(True)

        self.output = QLineEdit()
        self.output.setPlaceholderText("Where to write the export")
        self.output.setClearButtonEnabled(True)
        self.output.textChanged.connect(self._update_buttons)
        self.browse_button = QPushButton("Browse…")
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        output_row = QHBoxLayout()
        output_row.addWidget(self.output, 1)
        output_row.addWidget(self.browse_button)

        self.status = QComboBox()
        for title, value in STATUS_CHOICES:
            self.status.addItem(title, value)
        self.annotator = QComboBox()
        fixed_width_combo(self.annotator, 24)
        self.annotator.addItem(ANY_ANNOTATOR, None)
        for name in session.store.annotators().values():
            self.annotator.addItem(name, name)
        self.collection = QComboBox()
        self.collection.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.collection.setMinimumContentsLength(12)
        self.collection.addItem("Every collection", None)
        for name in listing.collections(session.store):
            self.collection.addItem(name, name)

        output_label = QLabel("&Output:")
        output_label.setBuddy(self.output)
        form = QFormLayout()
        form.addRow("&Format:", self.format)
        form.addRow("", self.description)
        form.addRow(output_label, output_row)
        form.addRow("Documents &marked:", self.status)
        form.addRow("Quotes &by:", self.annotator)
        if self.collection.count() > 1:
            form.addRow("&Collection:", self.collection)

        self.message = MessageLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._format_changed()

    def selected_format(self) -> Format | None:
        name = self.format.currentData()
        return self._formats.get(name) if name is not None else None

    def _update_buttons(self) -> None:
        self.export_button.setEnabled(
            self.selected_format() is not None and bool(self.output.text().strip())
        )

    def _format_changed(self) -> None:
        """Keep a typed file name but give it the new format's extension."""
        fmt = self.selected_format()
        self.description.setText(
            fmt.description if fmt is not None else "No export format is available."
        )
        text = self.output.text().strip()
        if fmt is not None and text and not fmt.directory and fmt.extensions:
            path = Path(text)
            if path.suffix.lower() not in fmt.extensions:
                self.output.setText(str(path.with_suffix(fmt.extensions[0])))
        self.message.clear()
        self._update_buttons()

    def _default_name(self, fmt: Format) -> str:
        stem = self.session.store.path.stem if self.session.store.path else "quotes"
        if fmt.directory or not fmt.extensions:
            return f"{stem}-{fmt.name}"
        return f"{stem}{fmt.extensions[0]}"

    def browse(self) -> None:
        fmt = self.selected_format()
        if fmt is None:
            return
        current = self.output.text().strip()
        start = current or str(Path.home() / self._default_name(fmt))
        options = QFileDialog.Option.DontUseNativeDialog
        if fmt.directory:
            chosen = QFileDialog.getExistingDirectory(
                self,
                f"Folder for the {fmt.name} export",
                start,
                options | QFileDialog.Option.ShowDirsOnly,
            )
        else:
            patterns = " ".join(f"*{ext}" for ext in fmt.extensions) or "*"
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                f"Export as {fmt.name}",
                start,
                f"{fmt.name} ({patterns});;All files (*)",
                "",
                options,
            )
        if chosen:
            self.output.setText(chosen)

    def export(self) -> exporting.ExportReport | None:
        """Write the export; the message line says what was written or what went wrong."""
        fmt = self.selected_format()
        text = self.output.text().strip()
        if fmt is None or not text:
            self.message.show_error("Choose a format and where to write it.")
            return None
        output = Path(text).expanduser()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = exporting.export(
                self.session.store,
                fmt.name,
                output,
                status=self.status.currentData(),
                annotator=self.annotator.currentData(),
                collection=self.collection.currentData(),
            )
        except AnnotatorError as error:
            log.info("export refused: %s", error)
            self.message.show_error(f"Nothing was exported: {error}")
            return None
        finally:
            QApplication.restoreOverrideCursor()
        log.info("exported %d documents to %s", report.documents, report.path)
        self.message.show_info(
            f"Wrote {plural(report.documents, 'document')} and "
            f"{plural(report.quotes, 'quote')} as {report.format} to {report.path}"
        )
        return report
