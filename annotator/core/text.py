"""Text helpers: decoding input bytes, hashing, checking spans, and the span rule.

All offsets are Python string indices (code points), half-open.
"""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
from pathlib import Path

from annotator.core.codebook import SpanRule
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


# Quotation marks. Straight marks and the single curly ones double as
# apostrophes, so they count as marks only where no word touches both sides.
OPENING_MARKS = "“‘«‹„‚「『"
CLOSING_MARKS = "”’»›」』"
STRAIGHT_MARKS = "\"'"
QUOTE_MARKS = OPENING_MARKS + CLOSING_MARKS + STRAIGHT_MARKS
_PAIRS = {"“": "”", "‘": "’", "«": "»", "‹": "›", "„": "“”", "‚": "‘’", "「": "」", "『": "』"}


def is_word_char(char: str) -> bool:
    """Letters, numbers, combining marks (they belong to the letter before them) and symbols."""
    category = unicodedata.category(char)
    return category[0] in "LNMS" or char in "_"


def is_punctuation(char: str) -> bool:
    """Punctuation other than quotation marks: commas, full stops, dashes, brackets, …"""
    return unicodedata.category(char)[0] == "P" and char not in QUOTE_MARKS


def _word_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and is_word_char(text[index])


def _is_apostrophe(text: str, index: int) -> bool:
    """A ’ or ' between two word characters (we’ve, O'Brien) is not a quotation mark."""
    return text[index] in "’'" and _word_at(text, index - 1) and _word_at(text, index + 1)


def _joins_word(text: str, index: int) -> bool:
    """An apostrophe or hyphen inside a word (we’ve, finger-pointing) belongs to it."""
    return (
        0 <= index < len(text)
        and text[index] in "’'-\u2010"
        and _word_at(text, index - 1)
        and _word_at(text, index + 1)
    )


def grow_to_words(text: str, start: int, end: int) -> Span:
    """Widen ``[start, end)`` so it does not cut a word (apostrophes inside words included)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))

    def inside(index: int) -> bool:
        return _word_at(text, index) or _joins_word(text, index)

    if inside(start - 1) and inside(start):
        while inside(start - 1):
            start -= 1
    if inside(end - 1) and inside(end):
        while inside(end):
            end += 1
    return Span(start, end)


def word_around(text: str, offset: int) -> Span | None:
    """The word at ``offset`` (what a double click selects), without marks or punctuation."""
    if not _word_at(text, offset):
        if _word_at(text, offset - 1):
            offset -= 1
        else:
            return None
    return grow_to_words(text, offset, offset + 1)


def next_word_edge(text: str, offset: int, step: int) -> int:
    """The next place, forward (``step`` > 0) or back, where a word or a run of punctuation ends.

    Moving a quote's edge by a word stops at both sides of punctuation, so a
    trailing comma or full stop is taken or left with one step of its own.
    """

    def word(index: int) -> bool:
        return _word_at(text, index) or _joins_word(text, index)

    def mark(index: int) -> bool:
        return 0 <= index < len(text) and not word(index) and not text[index].isspace()

    index = max(0, min(offset, len(text)))
    if step > 0:
        while index < len(text) and text[index].isspace():
            index += 1
        kind = word if word(index) else mark
        while index < len(text) and kind(index):
            index += 1
        return index
    while index > 0 and text[index - 1].isspace():
        index -= 1
    kind = word if word(index - 1) else mark
    while index > 0 and kind(index - 1):
        index -= 1
    return index


def _trim_space(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while start < end and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens(text: str, index: int) -> bool:
    char = text[index]
    if char in OPENING_MARKS:
        return not (char == "‚" and _word_at(text, index - 1))
    return char in STRAIGHT_MARKS and not _word_at(text, index - 1)


def _closes(text: str, index: int) -> bool:
    char = text[index]
    if char in "’'":
        return not _word_at(text, index + 1) and not _is_apostrophe(text, index)
    return char in CLOSING_MARKS or char == '"'


def _pair(opening: str, closing: str) -> bool:
    return closing in _PAIRS.get(opening, opening)


def _strip(text: str, start: int, end: int, marks: bool, punctuation: bool) -> tuple[int, int]:
    """Drop space, and quotation marks and/or punctuation, from both edges until none is left."""

    def loose(index: int, at_start: bool) -> bool:
        char = text[index]
        if char.isspace() or (punctuation and is_punctuation(char)):
            return True
        if not marks or char not in QUOTE_MARKS or _is_apostrophe(text, index):
            return False
        if at_start:
            return _opens(text, index) or char in CLOSING_MARKS
        return not (char in "’'" and _word_at(text, index - 1))

    while start < end and loose(start, True):
        start += 1
    while start < end and loose(end - 1, False):
        end -= 1
    return start, end


def apply_rule(text: str, start: int, end: int, rule: SpanRule) -> Span | None:
    """Turn a selection into the span stored for it, by the project's span rule.

    Partial words grow to whole words and space is trimmed. A quotation mark
    at one edge without its partner at the other is dropped (never a lone
    mark). Under the default rule (``as_selected`` for both) nothing else
    changes: a selection from mark to mark, or from word to word, is stored
    exactly, commas and full stops alike. The other settings normalise every
    selection the same way:

    - ``quotation_marks="exclude"`` drops the marks at the edges,
      ``"include"`` takes the pair of marks right around the selection;
    - ``punctuation="drop"`` drops punctuation at the edges (after the marks
      are dropped), ``"keep"`` takes the punctuation between the selection
      and a closing mark right after it. Marks included keep what is inside them.

    Returns ``None`` when nothing but space, marks and punctuation was selected.
    """
    span = _apply_once(text, start, end, rule)
    # Dropping one thing can bare another (punctuation, then a lone mark, as often as
    # there are marks in a row): repeat until stable. Spans lie within the text, so a
    # span seen before ends it even if the rules ever went round in a circle.
    seen: set[Span] = set()
    while span is not None and span not in seen:
        seen.add(span)
        again = _apply_once(text, span.start, span.end, rule)
        if again == span:
            return span
        span = again
    return span


def _apply_once(text: str, start: int, end: int, rule: SpanRule) -> Span | None:
    grown = grow_to_words(text, start, end)
    start, end = _trim_space(text, grown.start, grown.end)
    if start >= end:
        return None
    opens = _opens(text, start) and text[start] in QUOTE_MARKS
    closes = end - start > 1 and text[end - 1] in QUOTE_MARKS and _closes(text, end - 1)
    paired = opens and closes and _pair(text[start], text[end - 1])
    if not paired:
        if opens:
            start += 1
        # A ’ or ' right after a word and with no partner is a possessive (Americans’).
        if closes and not (text[end - 1] in "’'" and _word_at(text, end - 2)):
            end -= 1
        start, end = _trim_space(text, start, end)
    exclude = rule.quotation_marks == "exclude"
    drop = rule.punctuation == "drop"
    if exclude or drop:
        start, end = _strip(text, start, end, marks=exclude, punctuation=drop)
    if rule.quotation_marks == "include":
        core_start, core_end = _strip(text, start, end, marks=True, punctuation=True)
        before = core_start - 1
        while before >= 0 and is_punctuation(text[before]):
            before -= 1
        after = core_end
        while after < len(text) and is_punctuation(text[after]):
            after += 1
        if (
            core_start < core_end
            and before >= 0
            and after < len(text)
            and text[before] in QUOTE_MARKS
            and _opens(text, before)
            and _closes(text, after)
            and _pair(text[before], text[after])
        ):
            start, end = before, after + 1
    elif rule.punctuation == "keep":
        after = end
        while after < len(text) and is_punctuation(text[after]):
            after += 1
        if after < len(text) and text[after] in QUOTE_MARKS and _closes(text, after):
            end = after
    if start >= end or not any(is_word_char(char) for char in text[start:end]):
        return None
    return Span(start, end)


def quotations(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(opening mark, closing mark) indices of the quotations in ``text[start:end]``.

    Marks pair up within a paragraph; an opening mark left open at the end of
    its paragraph (a quotation that runs on into the next one, as news style
    writes it) is closed by the paragraph end, given as the index of that end.
    Apostrophes (we’ve, O'Brien) and possessives after a word are not marks.
    """
    end = len(text) if end is None else end
    found: list[tuple[int, int]] = []
    stack: list[int] = []
    for index in range(start, end):
        char = text[index]
        if char == "\n":
            found.extend((opening, index) for opening in stack)
            stack.clear()
            continue
        if char not in QUOTE_MARKS or _is_apostrophe(text, index):
            continue
        top = text[stack[-1]] if stack else None
        if top is not None and _closes(text, index) and _pair(top, char):
            found.append((stack.pop(), index))
        elif char in OPENING_MARKS or (char in STRAIGHT_MARKS and _opens(text, index)):
            if char in "‘'‚" and _word_at(text, index - 1):
                continue
            stack.append(index)
    found.extend((opening, end) for opening in stack)
    return sorted(found)


def quotation_around(text: str, offset: int, rule: SpanRule) -> Span | None:
    """The innermost quotation holding ``offset`` (a caret), as the span rule stores it.

    A caret on either mark counts as inside. Under the default rule the span is
    everything between the marks; ``include`` takes the marks too, ``drop``
    leaves out the punctuation at its edges.
    """
    paragraph_start = text.rfind("\n", 0, offset) + 1
    paragraph_end = text.find("\n", offset)
    if paragraph_end < 0:
        paragraph_end = len(text)
    around = [
        (opening, closing)
        for opening, closing in quotations(text, paragraph_start, paragraph_end)
        if opening <= offset <= closing + 1
    ]
    if not around:
        return None
    opening, closing = min(around, key=lambda pair: pair[1] - pair[0])
    start, end = _trim_space(text, opening + 1, closing)
    if start >= end:
        return None
    if rule.quotation_marks == "include" and closing < len(text) and text[closing] != "\n":
        return Span(opening, closing + 1)
    if rule.punctuation == "drop" and rule.quotation_marks != "include":
        return apply_rule(text, start, end, rule)
    return Span(start, end)


def _lone_mark(text: str, span: Span) -> bool:
    start, end = span.start, span.end
    opens = text[start] in QUOTE_MARKS and _opens(text, start)
    closes = end - start > 1 and text[end - 1] in QUOTE_MARKS and _closes(text, end - 1)
    if opens and closes:
        return not _pair(text[start], text[end - 1])
    return opens or (closes and not (text[end - 1] in "’'" and _word_at(text, end - 2)))


def move_edge(text: str, span: Span, edge: str, step: int, by_word: bool, rule: SpanRule) -> Span:
    """``span`` with its ``edge`` ("start" or "end") moved one word or character forward or back.

    The result follows the span rule; a step the rule would undo (onto a lone
    quotation mark, say) goes one further, so every key press moves the edge.
    An edge never passes the other one: the span keeps at least one character.
    """
    start, end = span.start, span.end
    for _ in range(8):
        if edge == "start":
            start = next_word_edge(text, start, step) if by_word else start + step
            start = max(0, min(start, end - 1))
        else:
            end = next_word_edge(text, end, step) if by_word else end + step
            end = min(len(text), max(end, start + 1))
        if by_word:
            moved = apply_rule(text, start, end, rule)
            # The rule places the moving end; the other end stays where it was.
            if moved is not None:
                kept = (moved.start, span.end) if edge == "start" else (span.start, moved.end)
                moved = Span(*kept) if kept[0] < kept[1] else None
        else:
            # A character step is exact, but never leaves space or a lone mark at an edge.
            trimmed = _trim_space(text, start, end)
            moved = Span(*trimmed) if trimmed[0] < trimmed[1] else None
            if moved is not None and _lone_mark(text, moved):
                moved = None
        if moved is not None and moved != span:
            return moved
        if (edge == "start" and start in (0, end - 1)) or (
            edge == "end" and end in (len(text), start + 1)
        ):
            break
    return span
