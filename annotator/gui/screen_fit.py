"""Sizes asked for a top-level window, cut to the screen it opens on.

A first-run window of 1280x800 on a 1280x720 screen would put its bottom
(status bar, buttons) off screen; a window manager does not always move it back.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to width x height, no larger than the available part of the widget's screen."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width())
        height = min(height, available.height())
    log.debug("window size %dx%d", width, height)
    widget.resize(width, height)
