"""The main window: documents, article and quote panel side by side, menus and status bar.

Layout and wiring only; each concern is a part in :mod:`annotator.gui.window`.
Edits call core functions through :meth:`Session.apply`; views refresh from
the ``Change`` that comes back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QMainWindow, QSplitter, QWidget

from annotator.core import documents as document_ops
from annotator.core.store import Store
from annotator.gui import menus, palette, shortcuts
from annotator.gui.article_view import ArticleView
from annotator.gui.document_list import DocumentList
from annotator.gui.quote_panel import QuotePanel
from annotator.gui.screen_fit import fit_to_screen
from annotator.gui.session import Session
from annotator.gui.settings import Settings, font_size_within
from annotator.gui.window.actions import ShortcutActions
from annotator.gui.window.changes import ChangeRouter
from annotator.gui.window.coders import CoderLayers
from annotator.gui.window.colours import Colours
from annotator.gui.window.flow import Flow
from annotator.gui.window.projects import Projects
from annotator.gui.window.quote_commands import QuoteCommands
from annotator.gui.window.search import Search
from annotator.gui.window.statistics_dock import StatisticsDock
from annotator.gui.window.status_bar import StatusBar
from annotator.gui.window.suggestions import Suggestions

# Windows opened with New/Open project, kept alive until they close.
_open_windows: list[MainWindow] = []


class MainWindow(QMainWindow):
    """The annotation window over one open project."""

    def __init__(self, session: Session, settings: Settings) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.store = session.store
        palette.apply_theme(settings.get("theme"))
        self.document_id: int | None = None
        self._pending_scroll: int | None = None
        self.documents: DocumentList = DocumentList(self.store)
        self.article: ArticleView = ArticleView()
        self.panel: QuotePanel = QuotePanel(session)
        self.search: Search = Search(self)
        # The search results open under the document list.
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.addWidget(self.documents)
        self.left.addWidget(self.search.results)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget, stretch in ((self.left, 1), (self.article, 3), (self.panel, 1)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.indexOf(widget), stretch)
        self.setCentralWidget(self.splitter)
        self.status: StatusBar = StatusBar()
        self.setStatusBar(self.status)
        self.shortcut_actions: ShortcutActions = ShortcutActions(self, self.store.labels())
        self.colours: Colours = Colours(
            settings,
            self.store,
            self.article,
            self.panel,
            self.shortcut_actions[shortcuts.COLOR_MODE],
        )
        self.quote_commands: QuoteCommands = QuoteCommands(self)
        self.changes: ChangeRouter = ChangeRouter(self)
        self.suggestions: Suggestions = Suggestions(self)
        self.projects: Projects = Projects(self, self.store, settings, self._open_in_new_window)
        self.statistics: StatisticsDock = StatisticsDock(self)

        self.flow: Flow = Flow(self)
        self.menus: menus.Menus = menus.build(self)
        self.coders: CoderLayers = CoderLayers(self)
        self.update_status()
        self._connect()
        self.article.set_font_size(settings.get("font_size"))
        self.article.set_painters(self.colours.quote_color, self.colours.describe)
        self._restore()

    def _connect(self) -> None:
        self.session.changed.connect(self.changes.on_change)
        self.session.changed.connect(self.suggestions.on_change)
        self.session.corpus_changed.connect(self.changes.on_corpus_changed)
        self.session.failed.connect(self.changes.on_failure)
        self.session.changed_elsewhere.connect(self.changes.on_changed_elsewhere)
        self.session.settled.connect(self.changes.on_settled)
        self.session.waiting.connect(self.status.show_waiting)
        self.session.elsewhere.connect(self.status.show_elsewhere)
        self.status.show_elsewhere(bool(self.session.others_here))
        self.status.show_read_only(self.store.read_only)
        self.documents.document_activated.connect(self.open_document)
        self.article.quote_clicked.connect(self.quote_commands.select_quote)
        self.panel.quote_selected.connect(self.quote_commands.select_quote)
        self.panel.done_editing.connect(self.focus_article)

    def _restore(self) -> None:
        geometry = self.settings.get("window_geometry")
        if not geometry or not self.restoreGeometry(QByteArray.fromBase64(geometry.encode())):
            fit_to_screen(self, 1280, 800)
        state = self.settings.get("window_state")
        if not state or not self.splitter.restoreState(QByteArray.fromBase64(state.encode())):
            self.splitter.setSizes([320, 660, 320])
        project = self.projects.saved_state()
        document_id = project.get("document")
        ids = self.store.document_ids()
        if document_id not in ids:
            document_id = ids[0] if ids else None
        if isinstance(document_id, int):
            self.open_document(document_id)
            scroll = project.get("scroll")
            if isinstance(scroll, int):
                # Lines exist only once the article is laid out on screen.
                self._pending_scroll = scroll
            self.flow.restore_quote(project.get("quote"))
        self.setWindowTitle(f"Quote Annotator — {self.projects.name()}")

    # -- documents ---------------------------------------------------------------------------

    def open_document(self, document_id: int) -> None:
        if document_id == self.document_id:
            return
        self.flow.remember()
        document = self.store.document(document_id)
        # Marks, not Quote objects: the views build a Quote when one is shown.
        quotes = self.coders.marks(document_id)
        self.document_id = document_id
        self.article.set_document(document.text, quotes)
        self.search.document_opened(document.text)
        self.panel.set_document(document.text, quotes)
        self.colours.update_legend()
        self.documents.select(document_id)
        self.setWindowTitle(f"{document.title} — Quote Annotator — {self.projects.name()}")
        self.update_status()
        self.focus_article()
        self.flow.remember()
        self.suggestions.document_opened(document_id)

    def step_document(self, step: int) -> None:
        target = self.documents.neighbour(self.document_id, step)
        if target is not None:
            self.open_document(target)
            self.article.verticalScrollBar().setValue(0)
        else:
            self.status.say("No more documents that way")

    def mark_done(self) -> None:
        if self.document_id is not None:
            self.session.apply(document_ops.set_status, self.document_id, "done")

    def focus_search(self) -> None:
        self.documents.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.documents.search.selectAll()

    def focus_article(self) -> None:
        self.article.setFocus(Qt.FocusReason.OtherFocusReason)

    def zoom(self, step: int) -> None:
        size = font_size_within(self.settings.get("font_size") + step)
        self.settings.set("font_size", size)
        self.article.set_font_size(size)

    def update_status(self) -> None:
        row, total = self.documents.position(self.document_id)
        self.status.show_counts(row, total, self.panel.model.rowCount(), self.session.annotator)

    # -- dialogs and projects ------------------------------------------------------------------

    def open_dialog(self, dialog: Callable[[Session, QWidget], QDialog]) -> None:
        """Open one of the dialogs over the session (Export, Edit labels, Speakers)."""
        dialog(self.session, self).exec()

    def import_files(self, folder: bool) -> None:
        from annotator.gui.dialogs.import_dialog import choose_and_import

        choose_and_import(self, self.session, folder)

    def edit_settings(self) -> None:
        from annotator.gui.dialogs.settings_dialog import SettingsDialog

        if SettingsDialog(self.settings, self, self.store).exec():
            self.session.annotator = self.settings.annotator
            self.article.set_font_size(self.settings.get("font_size"))
            if self.settings.get("color_mode") != self.colours.mode:
                self.colours.toggle()
            self.update_status()

    def show_shortcuts(self) -> None:
        from annotator.gui.dialogs.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(shortcuts.table(self.store.labels()), self).exec()

    def _open_in_new_window(self, store: Store) -> None:
        window = MainWindow(Session(store, self.settings.annotator), self.settings)
        _open_windows.append(window)
        window.show()
        window.activateWindow()
        self.close()

    # -- showing and closing ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        scroll, self._pending_scroll = self._pending_scroll, None
        if scroll is not None:
            QTimer.singleShot(0, self, lambda: self.article.scroll_to_top(scroll))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        # Edits are committed as they happen; only the window's own layout is left to save.
        self.suggestions.stop()
        self.flow.remember()
        self.projects.save_position()
        self.settings.set("window_geometry", _base64(self.saveGeometry()))
        self.settings.set("window_state", _base64(self.splitter.saveState()))
        if self in _open_windows:
            _open_windows.remove(self)
        if self.store.path is not None:
            self.session.close()
            self.store.close()
        super().closeEvent(event)


def _base64(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")
