"""Agreement: how far the coders agree, per pair and per document, and where they differ.

The figures are :func:`annotator.core.agreement.agreement` over the documents
two or more coders annotated (the README defines each); "Each coder against
gold" compares every coder with a gold layer instead. The Documents tab also
shows each document's adjudication progress; a double-click on a
disagreement shows it in the window.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from annotator.core import adjudication, agreement
from annotator.core.agreement import Report
from annotator.core.agreement_report import summary
from annotator.core.errors import AnnotatorError
from annotator.core.matching import Counts
from annotator.core.wording import score
from annotator.gui.dialogs import MessageLine

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

log = logging.getLogger("annotator.gui.dialogs")

PAIR_COLUMNS = (
    "Coders",
    "Documents",
    "Exact F1",
    "Overlap P",
    "Overlap R",
    "Overlap F1",
    "Speaker",
    "Stance α",
    "Stance κ",
    "Type α",
    "Type κ",
)
DOCUMENT_COLUMNS = ("Document", "Coders", "Token α", "Overlap F1", "Disagreements", "Adjudicated")
DISAGREEMENT_COLUMNS = ("Document", "Where", "Coders", "Kind", "Text")


def _table(columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(list(columns))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column > 0 and value.replace(".", "").replace("/", "").strip().isdigit():
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)


class AgreementDialog(QDialog):
    """The agreement figures, recomputed when the comparison, collection or threshold change."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Agreement")
        self.setObjectName("agreement_dialog")
        self._window = window
        self._store = window.store
        self.report: Report | None = None
        self.compare = QComboBox()
        self.compare.addItem("Coders with each other", None)
        for gold in adjudication.gold_names(self._store):
            self.compare.addItem(f"Each coder against {gold}", gold)
        self.collection = QComboBox()
        self.collection.addItem("All documents", None)
        for (name,) in self._store.conn.execute(
            "SELECT DISTINCT collection FROM documents WHERE collection != '' ORDER BY 1"
        ):
            self.collection.addItem(name, name)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.05, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setValue(0.5)
        self.threshold.setToolTip("Token Jaccard two quotes need to match by overlap")
        options = QHBoxLayout()
        for label, widget in (
            ("Compare:", self.compare),
            ("Collection:", self.collection),
            ("Overlap threshold:", self.threshold),
        ):
            options.addWidget(QLabel(label))
            options.addWidget(widget)
        options.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("agreement_summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setWordWrap(True)
        self.pairs = _table(PAIR_COLUMNS)
        self.documents = _table(DOCUMENT_COLUMNS)
        self.disagreements = _table(DISAGREEMENT_COLUMNS)
        self.disagreements.cellDoubleClicked.connect(self.show_disagreement)
        self.disagreements.setToolTip("Double-click to show it in the window")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.pairs, "Coder pairs")
        self.tabs.addTab(self.documents, "Documents")
        self.tabs.addTab(self.disagreements, "Disagreements")
        self.message = MessageLine()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.compare.currentIndexChanged.connect(self.recompute)
        self.collection.currentIndexChanged.connect(self.recompute)
        self.threshold.valueChanged.connect(self.recompute)
        self.recompute()
        self.resize(1000, 640)

    def recompute(self) -> None:
        # A thousand documents by six coders take a few seconds.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._recompute()
        finally:
            QApplication.restoreOverrideCursor()

    def _recompute(self) -> None:
        against = self.compare.currentData()
        coders = agreement.coder_names(self._store)
        names = None if against is None else [against, *coders]
        try:
            codings = agreement.load_codings(
                self._store, annotators=names, collection=self.collection.currentData()
            )
            report = agreement.agreement(
                codings, threshold=round(self.threshold.value(), 2), reference=against
            )
        except AnnotatorError as error:
            self.message.show_error(str(error))
            return
        self.report = report
        self._codings = {coding.document_id: coding for coding in codings}
        lines = summary(report)
        self.summary.setText("\n".join(lines[: lines.index("")] if "" in lines else lines))
        _fill(self.pairs, [self._pair_row(pair) for pair in report.pairs])
        coders_now = [coder for coder in report.coders if coder != against]
        started = adjudication.documents_with_gold(self._store)
        rows = []
        for document in report.documents:
            # Grouping costs as much as the figures: only where adjudication began.
            adjudicated = "not started"
            if document.document_id in started:
                progress = adjudication.progress(self._store, document.document_id, coders_now)
                adjudicated = f"{progress.resolved}/{progress.groups}"
            rows.append(
                [
                    document.title or str(document.document_id),
                    str(len(document.coders)),
                    score(document.alpha),
                    score(document.pairs.overlap.f1),
                    str(document.disagreements),
                    adjudicated,
                ]
            )
        _fill(self.documents, rows)
        _fill(self.disagreements, [self._disagreement_row(d) for d in report.disagreements])
        self.message.clear()

    @staticmethod
    def _pair_row(pair: agreement.PairFigures) -> list[str]:
        overlap: Counts = pair.overlap
        return [
            " / ".join(pair.coders),
            str(pair.documents),
            score(pair.exact.f1),
            score(overlap.precision),
            score(overlap.recall),
            score(overlap.f1),
            score(pair.speaker_agreement),
            score(pair.stance.alpha),
            score(pair.stance.kappa),
            score(pair.quote_type.alpha),
            score(pair.quote_type.kappa),
        ]

    def _disagreement_row(self, found: agreement.Disagreement) -> list[str]:
        coding = self._codings[found.document_id]
        words = " ".join(coding.text[found.start : found.end].split())
        if len(words) > 80:
            words = words[:79] + "…"
        return [
            coding.title or str(found.document_id),
            str(found.start),
            " / ".join(found.coders),
            found.kind,
            words,
        ]

    def show_disagreement(self, row: int, _column: int = 0) -> None:
        """Show the disagreement's document in the window, at its first quote."""
        if self.report is None or not 0 <= row < len(self.report.disagreements):
            return
        found = self.report.disagreements[row]
        window = self._window
        window.coders.show_layer(None)
        window.open_document(found.document_id)
        quote = found.first or found.second
        if quote is not None:
            window.quote_commands.select_quote(quote.id)
        self.accept()
