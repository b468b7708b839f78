"""Coders in the window: the layer selector, other coders' quotes, and the Coders menu.

- The selector in the status bar shows all coders' quotes, one coder's, or a
  gold layer's; the quote list and the tooltips name each quote's coder.
- Changing another coder's quote outside adjudication is allowed after the
  window says whose it is: the first edit of one of ana's quotes asks
  "This quote is ana's ..."; once confirmed, ana's quotes can be edited
  until the window closes, each change recorded as the window's annotator's.
  Gold layers are the adjudicator's and never ask.
- The Coders menu: compare coders (adjudication), agreement, and merging
  coders' copies of the project.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QMenu, QMessageBox

from annotator.core import adjudication, merge
from annotator.core.errors import AnnotatorError, NotFound
from annotator.core.marks import QuoteMarks, quote_marks
from annotator.core.model import Change, Quote
from annotator.core.wording import plural
from annotator.gui.dialogs import confirm, sentence, show_error
from annotator.gui.elide import fixed_width_combo

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

log = logging.getLogger("annotator.gui.coders")

ALL = "All coders"


class CoderLayers:
    """Which annotator's quotes the window shows, and who may change whose."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._store = window.store
        self.layer: int | None = None
        # Coders whose quotes the window's annotator chose to edit anyway.
        self._allowed: set[int] = set()
        self.selector = QComboBox()
        self.selector.setObjectName("coder_selector")
        fixed_width_combo(self.selector)
        self.selector.setToolTip("Show the quotes of all coders, of one coder, or of a gold layer")
        self.selector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.fill()
        self.selector.currentIndexChanged.connect(self._chosen)
        window.session.guard = self.guard
        window.session.changed.connect(self._learn_names)
        # In the status bar, beside the annotator's name: the toolbar holds menu actions only.
        window.status.addPermanentWidget(QLabel("Show:"))
        window.status.addPermanentWidget(self.selector)
        self.menu = self._build_menu()

    def _build_menu(self) -> QMenu:
        bar = self._window.menuBar()
        menu = QMenu("&Coders", bar)
        menu.addAction("&Compare coders…", self.compare)
        menu.addAction("&Agreement…", self.show_agreement)
        menu.addSeparator()
        menu.addAction("&Merge coders' files…", self.merge_files)
        help_menu = bar.actions()[-1]
        bar.insertMenu(help_menu, menu)
        return menu

    # -- the layer shown -------------------------------------------------------------------

    def fill(self) -> None:
        """List the project's coders and gold layers, keeping the current choice."""
        names = self._store.annotators()
        kinds = self._store.annotator_kinds()
        self._window.panel.model.annotators = names
        current = self.layer
        self.selector.blockSignals(True)
        try:
            self.selector.clear()
            self.selector.addItem(ALL, None)
            for kind in ("coder", "gold"):
                for annotator_id, name in names.items():
                    if kinds.get(annotator_id) == kind:
                        label = name if kind == "coder" else f"{name} (gold)"
                        self.selector.addItem(label, annotator_id)
            index = self.selector.findData(current) if current is not None else 0
            self.selector.setCurrentIndex(max(0, index))
            self.layer = self.selector.currentData()
        finally:
            self.selector.blockSignals(False)

    def _learn_names(self, change: Change) -> None:
        """An edit may bring a new annotator (the first change by the window's annotator)."""
        known = self._window.panel.model.annotators
        ids = {q.annotator_id for q in change.after} | {q.changed_by for q in change.after}
        if any(i is not None and i not in known for i in ids):
            self.fill()
            for quote in change.after:
                self._window.panel.model.update_quotes((), [quote])

    def show_layer(self, name: str | None) -> None:
        """Show one annotator's quotes (by name), or everyone's with None."""
        if name is None:
            self.selector.setCurrentIndex(0)
            return
        ids = {n: i for i, n in self._store.annotators().items()}
        self.fill()
        self.selector.setCurrentIndex(max(0, self.selector.findData(ids.get(name))))

    def shows(self, quote: Quote) -> bool:
        return self.layer is None or quote.annotator_id == self.layer

    def marks(self, document_id: int) -> QuoteMarks:
        if self.layer is None:
            return quote_marks(self._store, document_id)
        return QuoteMarks.from_quotes(
            quote for quote in self._store.quotes(document_id) if self.shows(quote)
        )

    def _chosen(self, _index: int) -> None:
        self.layer = self.selector.currentData()
        window = self._window
        document_id = window.document_id
        if document_id is not None:
            window.document_id = None
            window.open_document(document_id)
        window.quote_commands.select_quote(None)

    # -- other coders' quotes ----------------------------------------------------------------

    def guard(self, operation: Callable[..., Change], args: tuple[Any, ...]) -> bool:
        """Ask once per coder before the window's annotator changes that coder's quotes."""
        if getattr(operation, "__module__", "") != "annotator.core.quotes":
            return True
        if operation.__name__ in ("add_quote",) or not args or not isinstance(args[0], int):
            return True
        try:
            quote = self._store.quote(args[0])
        except NotFound:
            return True
        owner = quote.annotator_id
        if owner is None or owner in self._allowed:
            return True
        names = self._store.annotators()
        if self._store.annotator_kinds().get(owner) == "gold":
            return True
        me = self._store.acting_id()
        if owner == me:
            return True
        name = names.get(owner, "another coder")
        if confirm(
            self._window,
            "Another coder's quote",
            f"This quote is {name}'s. Changes you make to {name}'s quotes are recorded "
            f"as made by {names.get(me, 'you')}.\n\nChange {name}'s quotes?",
            f"Change {name}'s quotes",
        ):
            self._allowed.add(owner)
            return True
        return False

    # -- the Coders menu -------------------------------------------------------------------

    def compare(self) -> None:
        from annotator.gui.compare_view import CompareView

        window = self._window
        coders = adjudication.coder_names(self._store)
        if len(coders) < 2:
            show_error(
                window,
                "Compare coders",
                "This project has fewer than two coders. Merge the coders' copies first.",
            )
            return
        CompareView(window, window.document_id, coders).exec()

    def show_agreement(self) -> None:
        from annotator.gui.dialogs.agreement_dialog import AgreementDialog

        AgreementDialog(self._window).exec()

    def merge_files(self) -> None:
        window = self._window
        names, _ = QFileDialog.getOpenFileNames(
            window,
            "Merge coders' files",
            str(Path.home()),
            "Quote Annotator projects (*.db);;All files (*)",
            "",
            QFileDialog.Option.DontUseNativeDialog,
        )
        if not names:
            return
        try:
            report = merge.merge(self._store, [Path(name) for name in names])
        except AnnotatorError as error:
            show_error(window, "Merge coders' files", f"{sentence(str(error))}")
            return
        # Merged quotes may replace ones an undo step remembers.
        window.session.undo_stack.clear()
        window.session.corpus_changed.emit()
        self.fill()
        document_id = window.document_id
        if document_id is not None:
            window.document_id = None
            window.open_document(document_id)
        lines = [
            f"Merged {plural(report.files, 'file')}: {plural(report.quotes_added, 'quote')} "
            f"added, {report.quotes_updated} updated, {report.quotes_present} already present.",
            f"{plural(report.documents_added, 'document')} and "
            f"{plural(report.speakers_added, 'speaker')} added.",
        ]
        if report.conflicts:
            lines += ["", "Speaker conflicts:", *report.conflicts]
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Merge coders' files",
            "\n".join(lines),
            QMessageBox.StandardButton.Ok,
            window,
        )
        box.exec()
