"""The window's keyboard actions: one ``QAction`` per entry of the shortcut table.

Looked up by the entry itself (``actions[shortcuts.UNDO]``), so a misspelt
name is an error mypy finds rather than a ``KeyError`` at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from annotator.core.model import Label
from annotator.gui import shortcuts
from annotator.gui.shortcuts import Shortcut

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class ShortcutActions:
    """The fixed shortcuts' actions, and the label scheme's stance and type keys."""

    def __init__(self, window: MainWindow, labels: Iterable[Label]) -> None:
        self._window = window
        self._actions = {shortcut: self._action(shortcut) for shortcut in shortcuts.SHORTCUTS}
        self.labels: list[QAction] = []
        self.set_labels(labels)

    def __getitem__(self, shortcut: Shortcut) -> QAction:
        return self._actions[shortcut]

    def set_labels(self, labels: Iterable[Label]) -> None:
        """Replace the stance and quote-type actions by those of the current scheme."""
        for action in self.labels:
            self._window.article.removeAction(action)
            self._window.panel.list.removeAction(action)
            action.deleteLater()
        self.labels = [self._action(shortcut) for shortcut in shortcuts.label_shortcuts(labels)]

    def _action(self, shortcut: Shortcut) -> QAction:
        window = self._window
        action = QAction(shortcut.title, window)
        action.setShortcut(QKeySequence(shortcut.key))
        action.setStatusTip(shortcut.description)
        action.triggered.connect(lambda _=False: shortcut.run(window))
        if shortcut.scope == "article":
            # Only while the text or the quote list has focus: typing a name
            # in a field must not fire single-letter keys.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            window.article.addAction(action)
            window.panel.list.addAction(action)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)
        return action
