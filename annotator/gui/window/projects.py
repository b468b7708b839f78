"""Opening projects: the file choosers, the recent list, and where the window last was.

Opening another project opens a new window on it and closes this one; the
window itself decides how (see ``MainWindow`` ``opened`` callback).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from annotator.core.errors import AnnotatorError, StoreError
from annotator.core.store import Store
from annotator.gui import plain
from annotator.gui.settings import Settings

log = logging.getLogger("annotator.gui.projects")

FILTER = "Quote Annotator projects (*.db)"
# How long after the last move the window's position in a project is written.
POSITION_DELAY_MS = 250


def open_project(path: Path, settings: Settings) -> Store:
    """Open (or create) a project; a new, empty one gets the bundled sample articles."""
    store = Store.open(path)
    if store.document_count() == 0:
        from annotator.core.importing import import_seeds

        try:
            import_seeds(store)
        except AnnotatorError as error:
            log.warning("could not import the sample articles: %s", error)
    settings.add_recent(path)
    return store


class Projects:
    """New, Open and Recent projects for one window over ``store``.

    ``opened`` receives the store of the project the user chose; it is not
    called when that project cannot be opened (the user is told why).
    """

    def __init__(
        self,
        parent: QWidget,
        store: Store,
        settings: Settings,
        opened: Callable[[Store], None],
    ) -> None:
        self._parent = parent
        self._store = store
        self._settings = settings
        self._opened = opened
        # Where the window is, written once the keys pause: writing the settings
        # file on every J, Tab or Q would cost each key press a millisecond.
        self._position: dict[str, int | None] | None = None
        self._write_position = QTimer(parent, singleShot=True, interval=POSITION_DELAY_MS)
        self._write_position.timeout.connect(self.save_position)

    def name(self) -> str:
        return self._store.path.name if self._store.path else "unsaved project"

    def saved_state(self) -> dict[str, object]:
        """Where the window was in this project when it last closed."""
        return self._settings.project_state(self._store.path) if self._store.path else {}

    def remember_position(
        self, document_id: int | None, top_offset: int, quote_id: int | None = None
    ) -> None:
        """Keep the document, place and current quote; written to the settings file
        :data:`POSITION_DELAY_MS` after the last move (or when the window closes)."""
        if self._store.path is not None and document_id is not None:
            self._position = {"document": document_id, "scroll": top_offset, "quote": quote_id}
            self._write_position.start()

    def save_position(self) -> None:
        """Write the remembered position now."""
        self._write_position.stop()
        if self._position is not None and self._store.path is not None:
            self._settings.set_project_state(self._store.path, **self._position)
        self._position = None

    def choose_new(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self._parent, "New project", str(Path.home()), FILTER)
        if path:
            self.switch_to(Path(path))

    def choose_existing(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._parent, "Open project", str(Path.home()), f"{FILTER};;All files (*)"
        )
        if path:
            self.switch_to(Path(path))

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        for name in self._settings.get("recent_projects"):
            menu.addAction(name, partial(self.switch_to, Path(name)))

    def switch_to(self, path: Path) -> None:
        try:
            store = open_project(path, self._settings)
        except StoreError as error:
            plain.warning(
                self._parent, "Quote Annotator", f"{error}\n\nThe current project stays open."
            )
            return
        self._opened(store)
