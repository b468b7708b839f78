"""Text helpers: decoding input bytes, hashing, checking and snapping spans.

All offsets are Python string indices (code points), half-open.
"""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
from pathlib import Path

from annotator.core.errors import ImportFailed, InvalidSpan
from annotator.core.model import Span


def decode(data: bytes, path: Path | str) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse anything else.

    CRLF and lone CR become LF. Never guesses: Latin-1 or binary input is
    refused with the reason rather than turned into mojibake.
    """
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        if b"\x00" in data[:4096]:
            reason = "binary file, not text"
        else:
            reason = (
                f"not valid {encoding.upper()} (byte 0x{body[error.start]:02x} at offset "
                f"{error.start}); save the file as UTF-8 and import it again"
            )
        raise ImportFailed(path, reason) from None
    if "\x00" in text:
        raise ImportFailed(path, "binary file, not text")
    return normalise_newlines(text)


def read_text(path: Path) -> str:
    """Read and :func:`decode` a file, with errors naming it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFailed(path, error.strerror or str(error)) from None
    return decode(data, path)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_span(text: str, start: int, end: int, what: str = "span") -> Span:
    """A :class:`Span` for ``[start, end)`` or :class:`InvalidSpan` saying why not."""
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        raise InvalidSpan(f"{what} offsets must be whole numbers, got [{start!r}, {end!r}]")
    if start < 0 or end > len(text):
        raise InvalidSpan(
            f"{what} [{start}, {end}] lies outside the text, which has {len(text)} characters"
        )
    if start >= end:
        raise InvalidSpan(f"{what} [{start}, {end}] is empty or reversed")
    return Span(start, end)


# Quotation marks and punctuation that a snapped selection drops at its edges.
_QUOTE_MARKS = "\"'“”‘’«»‹›„‚「」『』"
_EDGE_PUNCTUATION = ",;:—–-…()[]"


def _is_word_char(char: str) -> bool:
    category = unicodedata.category(char)
    # Letters, numbers, combining marks (they belong to the letter before them)
    # and symbols such as emoji count as word characters.
    return category[0] in "LNMS" or char in "'’-_"


def snap_to_words(text: str, start: int, end: int) -> Span | None:
    """Grow a selection to whole words, then drop surrounding space and punctuation.

    Quotation marks stay outside the span unless the selection began or ended
    exactly on one (the user picked them deliberately). Returns ``None`` when
    nothing but space and punctuation was selected.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    keep_open_mark = start < end and text[start] in _QUOTE_MARKS
    keep_close_mark = start < end and text[end - 1] in _QUOTE_MARKS
    # Grow to word boundaries when the selection cuts through a word.
    if 0 < start < len(text) and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        while start > 0 and _is_word_char(text[start - 1]):
            start -= 1
    if 0 < end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end]):
        while end < len(text) and _is_word_char(text[end]):
            end += 1
    # Trim space and punctuation at the edges.
    strip = set(_EDGE_PUNCTUATION) | set(_QUOTE_MARKS)
    while start < end and (text[start].isspace() or text[start] in strip):
        if keep_open_mark and text[start] in _QUOTE_MARKS:
            break
        start += 1
    while start < end and (text[end - 1].isspace() or text[end - 1] in strip):
        if keep_close_mark and text[end - 1] in _QUOTE_MARKS:
            break
        end -= 1
    if start >= end:
        return None
    return Span(start, end)
