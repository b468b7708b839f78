"""The window's menus and toolbar: which actions go where."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


def build(window: MainWindow) -> None:
    """The menu bar and the toolbar, over the window's actions and slots."""
    bar = window.menuBar()
    project = bar.addMenu("&Project")
    project.addAction("&New project…", window.new_project)
    open_project = project.addAction("&Open project…", window.open_project)
    window.recent_menu = project.addMenu("&Recent projects")
    window.recent_menu.aboutToShow.connect(window.fill_recent)
    project.addSeparator()
    import_files = project.addAction("&Import files…", lambda: window.import_files(folder=False))
    project.addAction("Import &folder…", lambda: window.import_files(folder=True))
    export = project.addAction(
        "&Export…", lambda: window.open_dialog("export_dialog", "ExportDialog")
    )
    project.addSeparator()
    project.addAction("&Quit", QKeySequence.StandardKey.Quit, window.close)
    edit = bar.addMenu("&Edit")
    for name in ("undo", "redo"):
        edit.addAction(window.actions_by_id[name])
    edit.addSeparator()
    labels = edit.addAction(
        "Edit &labels…", lambda: window.open_dialog("labels_dialog", "LabelsDialog")
    )
    speakers = edit.addAction(
        "&Speakers…", lambda: window.open_dialog("speakers_dialog", "SpeakersDialog")
    )
    edit.addAction("Se&ttings…", window.edit_settings)
    window.quote_menu = bar.addMenu("&Quote")
    window.fill_label_menu()
    document = bar.addMenu("&Document")
    for name in ("next_document", "previous_document", "mark_done", "search"):
        document.addAction(window.actions_by_id[name])
    view = bar.addMenu("&View")
    for name in ("color_mode", "zoom_in", "zoom_out"):
        view.addAction(window.actions_by_id[name])
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
        window.actions_by_id["search"],
        speakers,
        labels,
        window.actions_by_id["color_mode"],
    ):
        if action is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(action)
