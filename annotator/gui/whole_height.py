"""A part of a pane shown at the height its wrapped contents need, scrolling only past a cap.

The layouts that size a window (its docks, its splitter) ask a widget for a
minimum height that ignores wrapping: a word-wrapped label counts as one
line, a row of buttons that wraps counts as one row. Given only that, a
narrow or short pane overlaps its rows and cuts its buttons. This area asks
for what its contents need at its width, so the article or a dock gives way
instead; past half the window's height it scrolls rather than making the
window taller.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# The most of the window's height the contents may ask for before they scroll: the
# rest (menus, the list below, a dock) needs less than the other half of a 1280x720 window.
WINDOW_SHARE = 0.5


class WholeHeight(QScrollArea):
    """Holds ``contents`` at their whole height for the width they get, up to a cap."""

    def __init__(self, contents: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(contents)
        self._contents = contents
        self._window: QWidget | None = None
        self._asked = (-1, -1)
        # A child of the contents changed its size hint (a label its text, a row its buttons).
        contents.installEventFilter(self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._window is not self.window():
            # The cap follows the window's height.
            self._window = self.window()
            self._window.installEventFilter(self)
            self._follow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if (kind == QEvent.Type.LayoutRequest and watched is self._contents) or (
            kind == QEvent.Type.Resize and watched is self._window
        ):
            self._follow()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._follow()

    def _follow(self) -> None:
        """Ask the enclosing layout again when the height the contents need has changed."""
        asked = (self._whole_height(), self._cap())
        if asked != self._asked:
            self._asked = asked
            self.updateGeometry()

    def _whole_height(self) -> int:
        contents = self._contents
        # Never narrower than the contents' minimum (the enclosing layout gives at least
        # that), which an area not laid out yet would be.
        width = max(self.viewport().width(), contents.minimumSizeHint().width())
        if contents.hasHeightForWidth():
            return max(contents.heightForWidth(width), contents.minimumSizeHint().height())
        return contents.minimumSizeHint().height()

    def _cap(self) -> int:
        return int(self.window().height() * WINDOW_SHARE)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # As wide as the contents' minimum (they never scroll sideways) plus room for a
        # scroll bar when the height needs one.
        needed = self._whole_height()
        height = min(needed, self._cap())
        width = self._contents.minimumSizeHint().width()
        if height < needed:
            width += self.verticalScrollBar().sizeHint().width()
        return QSize(width, height)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = self.minimumSizeHint()
        return QSize(max(hint.width(), self._contents.sizeHint().width()), self._whole_height())
