"""Keeping what a user or an import put in the project from sizing the window.

Names, titles, labels and notes can be any length (a real corpus had a
218-character speaker name). Widgets that would grow to fit them show them
shortened with "…" and give the whole text in a tooltip, as plain text.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QSizePolicy, QWidget

# How many characters a combo box asks room for, whatever its items.
COMBO_CHARACTERS = 12
# A word longer than this many characters may break anywhere in a wrapped label.
LONG_WORD = 16
ZERO_WIDTH_SPACE = "\u200b"


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it as written: Qt reads a tooltip as markup otherwise.

    Wrapped in ``<qt>`` so the escaped text is rendered (rich text) rather than
    shown with its entities, and so long text wraps instead of running off screen.
    """
    escaped = html.escape(text).replace("\n", "<br>")
    return f"<qt>{escaped}</qt>"


def elided(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` on one line, cut with "…" to fit ``width`` pixels."""
    one_line = " ".join(text.split())
    return metrics.elidedText(one_line, Qt.TextElideMode.ElideRight, max(width, 0))


def set_elided_text(widget: QLabel | QAbstractButton, text: str, width: int) -> None:
    """Show ``text`` cut to ``width`` pixels; the whole of it in the tooltip when cut."""
    shown = elided(text, widget.fontMetrics(), width)
    widget.setText(shown)
    widget.setToolTip(plain_tooltip(text) if shown != " ".join(text.split()) else "")


def breakable(text: str) -> str:
    """``text`` with its long words breakable anywhere, for a word-wrapped label.

    A label wraps only between words: a name or an address without spaces would
    run past its edge, or make the label (and the window) as wide as itself.
    """
    return " ".join(
        ZERO_WIDTH_SPACE.join(word) if len(word) > LONG_WORD else word for word in text.split(" ")
    )


def never_wider_than_asked(widget: QWidget) -> None:
    """Let the layout give ``widget`` less width than its text wants (a label, say)."""
    policy = widget.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    widget.setSizePolicy(policy)


def fixed_width_combo(combo: QComboBox, characters: int = COMBO_CHARACTERS) -> None:
    """A combo box whose size hint no longer follows its longest item."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    # The popup still shows whole items, up to a sensible width.
    combo.view().setTextElideMode(Qt.TextElideMode.ElideRight)


class FixedHeightLabel(QLabel):
    """A word-wrapped label ``lines`` high, as wide as its layout gives, whatever its text.

    Its size never follows its text, so it answers the layouts' size questions
    without laying the text out: a word-wrapped label lays its text out several
    times to answer them (about 0.6 ms each time its text changes, which for the
    quote heading is every new quote).
    """

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 4)
        never_wider_than_asked(self)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, self.minimumHeight())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, self.minimumHeight())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return False
