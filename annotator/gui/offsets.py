"""Positions in the stored text (code points) against positions in Qt (UTF-16 units).

Qt counts a character outside the Basic Multilingual Plane (an emoji, say) as
two units; Python counts it as one. Every other character, U+00A0 and line
separators included, is one unit in both, and ``QPlainTextEdit.setPlainText``
keeps one position per unit (a newline becomes a block boundary of one), so
the only difference is the astral characters before a position.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Converts between code-point offsets into ``text`` and Qt document positions."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # Code-point offsets of astral characters, and where each starts in Qt.
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]
        self._astral_qt = [offset + n for n, offset in enumerate(self._astral)]
        self.qt_length = self.length + len(self._astral)

    def to_qt(self, offset: int) -> int:
        """The Qt position of code-point ``offset`` (0 ≤ offset ≤ len(text))."""
        offset = max(0, min(offset, self.length))
        return offset + bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        """The code-point offset of Qt ``position``; inside a surrogate pair, the pair's start."""
        position = max(0, min(position, self.qt_length))
        before = bisect_left(self._astral_qt, position)
        return position - before
