"""The main window: documents, article and quote panel side by side, menus and status bar.

Layout and wiring only. Edits call core functions through
:meth:`Session.apply`; views refresh from the ``Change`` that comes back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTime, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
)

from annotator.core import documents as document_ops
from annotator.core import quotes as quote_ops
from annotator.core.errors import StoreError
from annotator.core.marks import quote_marks
from annotator.core.model import Change, Quote
from annotator.core.text import snap_to_words
from annotator.gui import menus, palette, shortcuts
from annotator.gui.article_view import ArticleView
from annotator.gui.dialogs import sentence
from annotator.gui.document_list import DocumentList
from annotator.gui.quote_panel import QuotePanel
from annotator.gui.session import Session
from annotator.gui.settings import Settings

log = logging.getLogger("annotator.gui.window")

# Windows opened with New/Open project, kept alive until they close.
_open_windows: list[MainWindow] = []


class MainWindow(QMainWindow):
    """The annotation window over one open project."""

    def __init__(self, session: Session, settings: Settings) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.store = session.store
        self.document_id: int | None = None
        self.color_mode = settings.get("color_mode")
        self._following_undo = False
        self._pending_scroll: int | None = None
        self.documents = DocumentList(self.store)
        self.article = ArticleView()
        self.panel = QuotePanel(session)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget, stretch in ((self.documents, 1), (self.article, 3), (self.panel, 1)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.indexOf(widget), stretch)
        self.setCentralWidget(self.splitter)
        self.actions_by_id: dict[str, QAction] = {}
        self._label_actions: list[QAction] = []
        self._build_actions()
        menus.build(self)
        self._build_status_bar()
        self._connect()
        self.article.set_font_size(settings.get("font_size"))
        self.article.set_painters(self._quote_color, self._describe)
        self._restore()

    # -- building ------------------------------------------------------------------------

    def _build_actions(self) -> None:
        handlers: dict[str, Callable[[], object]] = {
            "make_quote": self.make_quote,
            "set_mention": self.set_mention,
            "set_cue": self.set_cue,
            "add_piece": self.add_piece,
            "next_quote": lambda: self.step_quote(1),
            "previous_quote": lambda: self.step_quote(-1),
            "delete_quote": self.delete_quote,
            "next_document": lambda: self.step_document(1),
            "previous_document": lambda: self.step_document(-1),
            "mark_done": self.mark_done,
            "undo": lambda: self._undo(True),
            "redo": lambda: self._undo(False),
            "search": self.focus_search,
            "zoom_in": lambda: self.zoom(1),
            "zoom_out": lambda: self.zoom(-1),
            "speaker_field": self.panel.focus_speaker,
            "color_mode": self.toggle_color_mode,
        }
        for shortcut in shortcuts.SHORTCUTS:
            self.actions_by_id[shortcut.id] = self._action(shortcut, handlers[shortcut.id])
        self.actions_by_id["color_mode"].setCheckable(True)
        self.actions_by_id["color_mode"].setChecked(self.color_mode == "stance")
        self._build_label_actions()

    def _action(self, shortcut: shortcuts.Shortcut, handler: Callable[[], object]) -> QAction:
        action = QAction(shortcut.title, self)
        action.setShortcut(QKeySequence(shortcut.key))
        action.setStatusTip(shortcut.description)
        action.triggered.connect(lambda _=False: handler())
        if shortcut.scope == "article":
            # Only while the text or the quote list has focus: typing a name
            # in a field must not fire single-letter keys.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.article.addAction(action)
            self.panel.list.addAction(action)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        return action

    def _build_label_actions(self) -> None:
        for action in self._label_actions:
            self.article.removeAction(action)
            self.panel.list.removeAction(action)
            action.deleteLater()
        self._label_actions = []
        labels = {label.id: label for label in self.store.labels()}
        for shortcut in shortcuts.label_shortcuts(labels.values()):
            label = labels[int(shortcut.id.removeprefix("label_"))]
            setter = self.panel.set_stance if label.kind == "stance" else self.panel.set_quote_type
            self._label_actions.append(self._action(shortcut, lambda s=setter, i=label.id: s(i)))
        if hasattr(self, "quote_menu"):
            self.fill_label_menu()

    def fill_label_menu(self) -> None:
        self.quote_menu.clear()
        for name in (
            "make_quote",
            "set_mention",
            "set_cue",
            "add_piece",
            "speaker_field",
            "next_quote",
            "previous_quote",
            "delete_quote",
        ):
            self.quote_menu.addAction(self.actions_by_id[name])
        self.quote_menu.addSeparator()
        for action in self._label_actions:
            self.quote_menu.addAction(action)

    def _build_status_bar(self) -> None:
        self.saved_label = QLabel("Saved ✓")
        self.position_label = QLabel()
        self.count_label = QLabel()
        self.annotator_label = QLabel()
        for label in (
            self.saved_label,
            self.position_label,
            self.count_label,
            self.annotator_label,
        ):
            self.statusBar().addPermanentWidget(label)
        self._update_status()

    def _connect(self) -> None:
        self.session.changed.connect(self._on_change)
        self.session.corpus_changed.connect(self._on_corpus_changed)
        self.session.failed.connect(self._on_failure)
        self.documents.document_activated.connect(self.open_document)
        self.article.quote_clicked.connect(self.select_quote)
        self.panel.quote_selected.connect(self.select_quote)
        self.panel.done_editing.connect(self.focus_article)

    def _restore(self) -> None:
        geometry = self.settings.get("window_geometry")
        if not geometry or not self.restoreGeometry(QByteArray.fromBase64(geometry.encode())):
            self.resize(1280, 800)
        state = self.settings.get("window_state")
        if not state or not self.splitter.restoreState(QByteArray.fromBase64(state.encode())):
            self.splitter.setSizes([320, 660, 320])
        project = self._project_state()
        document_id = project.get("document")
        ids = self.store.document_ids()
        if document_id not in ids:
            document_id = ids[0] if ids else None
        if document_id is not None:
            self.open_document(document_id)
            scroll = project.get("scroll")
            if isinstance(scroll, int):
                # Lines exist only once the article is laid out on screen.
                self._pending_scroll = scroll
        self.setWindowTitle(f"Quote Annotator — {self._project_name()}")

    # -- documents ---------------------------------------------------------------------------

    def open_document(self, document_id: int) -> None:
        if document_id == self.document_id:
            return
        self._remember_position()
        document = self.store.document(document_id)
        # Marks, not Quote objects: the views build a Quote when one is shown.
        quotes = quote_marks(self.store, document_id)
        self.document_id = document_id
        self.article.set_document(document.text, quotes)
        self.panel.set_document(document.text, quotes)
        self._update_legend()
        self.documents.select(document_id)
        self.setWindowTitle(f"{document.title} — Quote Annotator — {self._project_name()}")
        self._update_status()
        self.focus_article()

    def step_document(self, step: int) -> None:
        target = self.documents.neighbour(self.document_id, step)
        if target is not None:
            self.open_document(target)
            self.article.verticalScrollBar().setValue(0)
        else:
            self.statusBar().showMessage("No more documents that way", 3000)

    def mark_done(self) -> None:
        if self.document_id is not None:
            self.session.apply(document_ops.set_status, self.document_id, "done")

    def focus_search(self) -> None:
        self.documents.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.documents.search.selectAll()

    # -- quotes ---------------------------------------------------------------------------------

    def _snapped(self) -> tuple[int, int] | None:
        selection = self.article.selection()
        if selection is None:
            self.statusBar().showMessage("Select some text first", 3000)
            return None
        span = snap_to_words(self.article.text, selection.start, selection.end)
        if span is None:
            self.statusBar().showMessage("The selection holds no words", 3000)
            return None
        return span.start, span.end

    def _current_quote(self) -> Quote | None:
        quote = self.panel.quote
        if quote is None:
            self.statusBar().showMessage("No current quote: select text and press Q first", 3000)
        return quote

    def make_quote(self) -> None:
        span = self._snapped()
        if span is None or self.document_id is None:
            return
        change = self.session.apply(
            quote_ops.add_quote, self.document_id, [span], annotator=self.session.annotator
        )
        if change is not None and change.after:
            self.article.clear_selection()
            self.select_quote(change.after[0].id, scroll=False)
            self.panel.focus_speaker()

    def _edit_current(self, operation: Callable[..., Change], span_needed: bool = True) -> None:
        quote = self._current_quote()
        span = self._snapped() if quote is not None and span_needed else None
        if quote is not None and span is not None:
            if self.session.apply(operation, quote.id, span) is not None:
                self.article.clear_selection()

    def set_mention(self) -> None:
        self._edit_current(quote_ops.set_mention)

    def set_cue(self) -> None:
        self._edit_current(quote_ops.set_cue)

    def add_piece(self) -> None:
        self._edit_current(quote_ops.add_span)

    def delete_quote(self) -> None:
        quote = self._current_quote()
        if quote is not None:
            following = self._neighbour_quote(quote, 1) or self._neighbour_quote(quote, -1)
            if self.session.apply(quote_ops.delete_quote, quote.id) is not None:
                self.select_quote(following.id if following else None)

    def _neighbour_quote(self, quote: Quote | None, step: int) -> Quote | None:
        model = self.panel.model
        if not model.rowCount():
            return None
        if quote is None or quote.id not in model.quotes:
            row = 0 if step > 0 else model.rowCount() - 1
        else:
            row = model.row_of(quote.id) + step
        return model.quote_at(row) if 0 <= row < model.rowCount() else None

    def step_quote(self, step: int) -> None:
        target = self._neighbour_quote(self.panel.quote, step)
        if target is not None:
            self.select_quote(target.id)

    def select_quote(self, quote_id: int | None, scroll: bool = True) -> None:
        quote = self.panel.model.quotes.get(quote_id) if quote_id is not None else None
        self.panel.show_quote(quote)
        self.article.set_current(quote.id if quote else None, scroll=scroll)
        self._update_status()

    # -- changes from the session ------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        self._mark_saved()
        if change.labels:
            self.panel.refresh_labels()
            self._build_label_actions()
        if change.speakers or change.speakers_after or change.speakers_before:
            self.panel.refresh_speakers()
        if {q.target for q in change.before} != {q.target for q in change.after}:
            self.panel.refresh_targets()
        touched = set(change.documents) | {q.document_id for q in (*change.before, *change.after)}
        if self._following_undo and self.document_id not in touched and len(touched) == 1:
            # Undo reaches back into another document: show it there.
            self.open_document(next(iter(touched)))
        elif change.before or change.after:
            after = [q for q in change.after if q.document_id == self.document_id]
            kept = {q.id for q in after}
            removed = [
                q.id
                for q in change.before
                if q.document_id == self.document_id and q.id not in kept
            ]
            self.article.update_quotes(removed, after)
            self.panel.update_quotes(removed, after)
            if self._following_undo and after:
                self.select_quote(after[0].id)
            elif self.panel.quote is not None and self.panel.quote.id in removed:
                self.select_quote(None)
        if change.labels or change.speakers or change.before or change.after:
            self._update_legend()
        if change.labels or change.speakers:
            # Colours may have changed anywhere; quote edits repaint their own lines.
            self.article.viewport().update()
        self.documents.refresh(touched, statuses=bool(change.statuses_after))
        self._update_status()

    def _on_corpus_changed(self) -> None:
        # An import may bring speakers, stance targets and labels with its quotes.
        self.panel.refresh_labels()
        self._build_label_actions()
        self.panel.refresh_speakers()
        self.panel.refresh_targets()
        self.documents.reload()
        if self.document_id is None:
            ids = self.store.document_ids()
            if ids:
                self.open_document(ids[0])
        self._update_status()

    def _on_failure(self, message: str) -> None:
        self.saved_label.setText("Not saved")
        if QApplication.activeModalWidget() is not None:
            # The open dialog shows the message in its own message line.
            return
        QMessageBox.warning(
            self,
            "Quote Annotator",
            f"{sentence(message)}\n\nNothing was changed; the window keeps working.",
        )

    def _undo(self, undo: bool) -> None:
        stack = self.session.undo_stack
        self._following_undo = True
        try:
            if undo and stack.canUndo():
                stack.undo()
            elif not undo and stack.canRedo():
                stack.redo()
        finally:
            self._following_undo = False

    # -- appearance -------------------------------------------------------------------------

    def _quote_color(self, quote: palette.QuoteLook) -> str:
        return palette.quote_color(quote, self.color_mode, self.panel.model.labels)

    def _describe(self, quote: Quote) -> str:
        speaker = self.panel.model.speakers.get(quote.speaker_id) if quote.speaker_id else None
        labels = self.panel.model.labels
        stance = labels.get(quote.stance_id) if quote.stance_id else None
        kind = labels.get(quote.quote_type_id) if quote.quote_type_id else None
        return (
            f"{speaker.name if speaker else 'no speaker'} · "
            f"{stance.name if stance else 'no stance'} · {kind.name if kind else 'no type'}"
        )

    def _update_legend(self) -> None:
        stances = {label.id: label for label in self.store.labels("stance")}
        model = self.panel.model
        entries = palette.legend(
            model.speaker_counts,
            model.stance_counts[None] > 0,
            self.color_mode,
            model.speakers,
            stances,
        )
        self.panel.set_legend(entries, self.color_mode)

    def toggle_color_mode(self) -> None:
        self.color_mode = "stance" if self.color_mode == "speaker" else "speaker"
        self.actions_by_id["color_mode"].setChecked(self.color_mode == "stance")
        self.settings.set("color_mode", self.color_mode)
        self._update_legend()
        self.article.viewport().update()

    def zoom(self, step: int) -> None:
        size = max(6, min(48, self.settings.get("font_size") + step))
        self.settings.set("font_size", size)
        self.article.set_font_size(size)

    def focus_article(self) -> None:
        self.article.setFocus(Qt.FocusReason.OtherFocusReason)

    def _mark_saved(self) -> None:
        self.saved_label.setText(f"Saved ✓ {QTime.currentTime().toString('HH:mm:ss')}")

    def _update_status(self) -> None:
        row, total = self.documents.position(self.document_id)
        self.position_label.setText(f"Document {row} of {total}")
        count = self.panel.model.rowCount()
        self.count_label.setText(f"{count} quote{'s' if count != 1 else ''}")
        self.annotator_label.setText(f"Annotator: {self.session.annotator or '—'}")

    # -- dialogs and projects ------------------------------------------------------------------

    def open_dialog(self, module: str, name: str) -> None:
        # Imported when used: the dialogs are optional to the window's own work.
        imported = __import__(f"annotator.gui.dialogs.{module}", fromlist=[name])
        getattr(imported, name)(self.session, self).exec()

    def import_files(self, folder: bool) -> None:
        from annotator.gui.dialogs.import_dialog import choose_and_import

        choose_and_import(self, self.session, folder)

    def edit_settings(self) -> None:
        from annotator.gui.dialogs.settings_dialog import SettingsDialog

        if SettingsDialog(self.settings, self).exec():
            self.session.annotator = self.settings.annotator
            self.article.set_font_size(self.settings.get("font_size"))
            if self.settings.get("color_mode") != self.color_mode:
                self.toggle_color_mode()
            self._update_status()

    def show_shortcuts(self) -> None:
        from annotator.gui.dialogs.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(shortcuts.table(self.store.labels()), self).exec()

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "New project", str(Path.home()), "Quote Annotator projects (*.db)"
        )
        if path:
            self.switch_project(Path(path))

    def open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open project", str(Path.home()), "Quote Annotator projects (*.db);;All files (*)"
        )
        if path:
            self.switch_project(Path(path))

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        for name in self.settings.get("recent_projects"):
            self.recent_menu.addAction(name, lambda p=name: self.switch_project(Path(p)))

    def switch_project(self, path: Path) -> None:
        from annotator.gui.app import open_project

        try:
            store = open_project(path, self.settings)
        except StoreError as error:
            QMessageBox.warning(
                self, "Quote Annotator", f"{error}\n\nThe current project stays open."
            )
            return
        window = MainWindow(Session(store, self.settings.annotator), self.settings)
        _open_windows.append(window)
        window.show()
        window.activateWindow()
        self.close()

    # -- closing ------------------------------------------------------------------------------

    def _project_name(self) -> str:
        return self.store.path.name if self.store.path else "unsaved project"

    def _project_state(self) -> dict[str, object]:
        return self.settings.project_state(self.store.path) if self.store.path else {}

    def _remember_position(self) -> None:
        if self.store.path is not None and self.document_id is not None:
            self.settings.set_project_state(
                self.store.path, document=self.document_id, scroll=self.article.top_offset()
            )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        scroll, self._pending_scroll = self._pending_scroll, None
        if scroll is not None:
            QTimer.singleShot(0, self, lambda: self.article.scroll_to_top(scroll))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        # Edits are committed as they happen; only the window's own layout is left to save.
        self._remember_position()
        self.settings.set("window_geometry", bytes(self.saveGeometry().toBase64()).decode())
        self.settings.set("window_state", bytes(self.splitter.saveState().toBase64()).decode())
        if self in _open_windows:
            _open_windows.remove(self)
        if self.store.path is not None:
            self.store.close()
        super().closeEvent(event)
