"""Positions in the stored text (code points) against UTF-16 positions (Qt's, older Label Studio's).

Qt and UTF-16 count a character outside the Basic Multilingual Plane (an
emoji, say) as two units; Python counts it as one. Every other character,
U+00A0 and line separators included, is one unit in both, and
``QPlainTextEdit.setPlainText`` keeps one position per unit (a newline becomes
a block boundary of one), so the only difference is the astral characters
before a position.
"""

from __future__ import annotations

from bisect import bisect_left

# A high surrogate's second byte in UTF-16-LE: 0xD8 to 0xDB, at an odd offset.
_HIGH_SURROGATE_BYTES = range(0xD8, 0xDC)


def astral_offsets(text: str) -> list[int]:
    """Code-point offsets of the characters outside the Basic Multilingual Plane, in order.

    Read off the UTF-16 encoding with ``bytes.find``: several times faster than a
    regular expression over a long text, and most texts have none.
    """
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) == 2 * len(text):
        return []
    starts: list[int] = []  # where each pair starts, in UTF-16 units
    for high in _HIGH_SURROGATE_BYTES:
        at = units.find(high, 1)
        while at >= 0:
            if at % 2:
                starts.append(at // 2)
            at = units.find(high, at + 1)
    starts.sort()
    return [unit - before for before, unit in enumerate(starts)]


class OffsetMap:
    """Converts between code-point offsets into ``text`` and UTF-16 positions (Qt's)."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # Code-point offsets of astral characters, and where each starts in UTF-16.
        self._astral = astral_offsets(text)
        self._astral_utf16 = [offset + n for n, offset in enumerate(self._astral)]
        self.utf16_length = self.length + len(self._astral)

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 position of code-point ``offset`` (0 ≤ offset ≤ len(text))."""
        offset = max(0, min(offset, self.length))
        return offset + bisect_left(self._astral, offset)

    def from_utf16(self, position: int) -> int:
        """The code-point offset of UTF-16 ``position`` (inside a surrogate pair, the pair's)."""
        position = max(0, min(position, self.utf16_length))
        before = bisect_left(self._astral_utf16, position)
        return position - before
