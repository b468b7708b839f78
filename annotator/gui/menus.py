"""The window's menus and toolbar: which actions go where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from annotator.gui import shortcuts
from annotator.gui.dialogs.export_dialog import ExportDialog
from annotator.gui.dialogs.labels_dialog import LabelsDialog
from annotator.gui.dialogs.speakers_dialog import SpeakersDialog
from annotator.gui.window.actions import ShortcutActions

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

# The Quote menu's fixed part, above the label scheme's stance and type keys.
QUOTE_MENU = (
    shortcuts.SELECT_QUOTATION,
    shortcuts.MAKE_QUOTE,
    shortcuts.SET_MENTION,
    shortcuts.SET_CUE,
    shortcuts.ADD_PIECE,
    shortcuts.CLEAR_MENTION,
    shortcuts.CLEAR_CUE,
    shortcuts.SPEAKER_FIELD,
    shortcuts.NEXT_QUOTE,
    shortcuts.PREVIOUS_QUOTE,
    shortcuts.DELETE_QUOTE,
)

# Keys that move the current piece's start and end.
PIECE_ENDS_MENU = (
    shortcuts.START_EARLIER,
    shortcuts.START_LATER,
    shortcuts.END_EARLIER,
    shortcuts.END_LATER,
    shortcuts.START_CHARACTER_EARLIER,
    shortcuts.START_CHARACTER_LATER,
    shortcuts.END_CHARACTER_EARLIER,
    shortcuts.END_CHARACTER_LATER,
)


@dataclass(frozen=True)
class Menus:
    """The menus the window fills again later: recent projects, and the Quote menu."""

    recent: QMenu
    quote: QMenu
    toolbar: QToolBar


def build(window: MainWindow) -> Menus:
    """The menu bar and the toolbar, over the window's actions and slots."""
    actions = window.shortcut_actions
    bar = window.menuBar()
    project = bar.addMenu("&Project")
    project.addAction("&New project…", window.projects.choose_new)
    open_project = project.addAction("&Open project…", window.projects.choose_existing)
    recent = project.addMenu("&Recent projects")
    recent.aboutToShow.connect(lambda: window.projects.fill_recent(recent))
    project.addSeparator()
    import_files = project.addAction("&Import files…", lambda: window.import_files(folder=False))
    project.addAction("Import &folder…", lambda: window.import_files(folder=True))
    export = project.addAction("&Export…", lambda: window.open_dialog(ExportDialog))
    project.addSeparator()
    project.addAction("&Quit", QKeySequence.StandardKey.Quit, window.close)
    edit = bar.addMenu("&Edit")
    for shortcut in (shortcuts.UNDO, shortcuts.REDO):
        edit.addAction(actions[shortcut])
    edit.addSeparator()
    labels = edit.addAction("Edit &labels…", lambda: window.open_dialog(LabelsDialog))
    speakers = edit.addAction("&Speakers…", lambda: window.open_dialog(SpeakersDialog))
    edit.addAction("Se&ttings…", window.edit_settings)
    quote = bar.addMenu("&Quote")
    fill_quote_menu(quote, actions)
    document = bar.addMenu("&Document")
    for shortcut in (
        shortcuts.NEXT_DOCUMENT,
        shortcuts.PREVIOUS_DOCUMENT,
        shortcuts.MARK_DONE,
        shortcuts.SEARCH,
        shortcuts.NEXT_HIT,
        shortcuts.PREVIOUS_HIT,
    ):
        document.addAction(actions[shortcut])
    suggestions = bar.addMenu("S&uggestions")
    for shortcut in shortcuts.SUGGESTION_SHORTCUTS:
        suggestions.addAction(actions[shortcut])
    view = bar.addMenu("&View")
    for shortcut in (shortcuts.COLOR_MODE, shortcuts.ZOOM_IN, shortcuts.ZOOM_OUT):
        view.addAction(actions[shortcut])
    view.addSeparator()
    view.addAction(window.statistics.action)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction("&Keyboard shortcuts", window.show_shortcuts)
    # The toolbar repeats the menu actions a researcher reaches for most.
    toolbar = window.addToolBar("Toolbar")
    toolbar.setObjectName("toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for action in (
        open_project,
        import_files,
        export,
        None,
        actions[shortcuts.SEARCH],
        speakers,
        labels,
        actions[shortcuts.COLOR_MODE],
        window.statistics.action,
    ):
        if action is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(action)
    return Menus(recent=recent, quote=quote, toolbar=toolbar)


def fill_quote_menu(menu: QMenu, actions: ShortcutActions) -> None:
    """The Quote menu: the quote commands, then the label scheme's stance and type keys."""
    menu.clear()
    for shortcut in QUOTE_MENU:
        menu.addAction(actions[shortcut])
    ends = menu.addMenu("Move piece &ends")
    for shortcut in PIECE_ENDS_MENU:
        ends.addAction(actions[shortcut])
    menu.addSeparator()
    for action in actions.labels:
        menu.addAction(action)
