"""A linear-time HTML tokeniser: start tags, end tags and text, nothing else.

The standard library's :mod:`html.parser` rescans the rest of the page for
every tag it cannot finish (``"<a" * N``, an unclosed attribute quote), so a
hostile 200 KB page took minutes. This one looks at each character a bounded
number of times: every search for a closing ``>``, quote or ``-->`` is
remembered, so a construct that never ends is found out once. It reads what
an article extractor needs (tag names and text, character references decoded)
and ignores attributes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

# Elements whose content is raw text up to their own end tag.
_RAW = frozenset(("script", "style", "textarea", "title", "xmp", "iframe", "noembed"))
_NAME = re.compile(r"[a-zA-Z][^\t\n\f\r /><]*")


@dataclass(frozen=True)
class Token:
    kind: str  # "start", "end" or "text"
    value: str  # the tag name (lower case) or the decoded text
    closed: bool = False  # a start tag written <br/>


class _Finder:
    """``str.find`` that remembers its last answer, so repeated searches stay linear."""

    def __init__(self, text: str, needle: str) -> None:
        self.text = text
        self.needle = needle
        self.found = -2  # not searched yet

    def __call__(self, start: int) -> int:
        if self.found == -1 or self.found >= start:
            return self.found
        self.found = self.text.find(self.needle, start)
        return self.found


def tokens(markup: str) -> Iterator[Token]:
    """The tokens of ``markup`` in order; malformed markup becomes text, as browsers do."""
    lower = markup.lower()
    close = _Finder(markup, ">")
    comment_end = _Finder(markup, "-->")
    quotes = {'"': _Finder(markup, '"'), "'": _Finder(markup, "'")}
    length = len(markup)
    position = 0
    text_start = 0
    while position < length:
        lt = markup.find("<", position)
        if lt == -1:
            break
        position = lt + 1
        after = markup[lt + 1 : lt + 2]
        if markup.startswith("<!--", lt):
            end = comment_end(lt + 4)
            if lt > text_start:
                yield Token("text", html.unescape(markup[text_start:lt]))
            position = text_start = length if end == -1 else end + 3
            continue
        if after in ("!", "?"):
            end = close(lt + 2)
            if lt > text_start:
                yield Token("text", html.unescape(markup[text_start:lt]))
            position = text_start = length if end == -1 else end + 1
            continue
        is_end = after == "/"
        name = _NAME.match(markup, lt + (2 if is_end else 1))
        if name is None:
            continue  # a "<" that starts no tag is text
        end = _tag_end(markup, name.end(), close, quotes)
        if end == -1:
            continue
        if lt > text_start:
            yield Token("text", html.unescape(markup[text_start:lt]))
        tag = name.group().lower()
        position = text_start = end + 1
        if is_end:
            yield Token("end", tag)
            continue
        closed = markup[end - 1] == "/"
        yield Token("start", tag, closed)
        if tag in _RAW and not closed:
            stop = lower.find(f"</{tag}", position)
            stop = length if stop == -1 else stop
            if stop > position:
                raw = markup[position:stop]
                yield Token("text", raw if tag in ("script", "style") else html.unescape(raw))
            position = text_start = stop
    if text_start < length:
        yield Token("text", html.unescape(markup[text_start:]))


def _tag_end(markup: str, start: int, close: _Finder, quotes: dict[str, _Finder]) -> int:
    """The index of the ``>`` that ends a tag whose name ends at ``start``, or -1.

    A ``>`` inside a quoted attribute value does not end the tag; a quote that
    never closes makes the ``<`` plain text.
    """
    position = start
    while True:
        end = close(position)
        if end == -1:
            return -1
        # The first quote before that ">" opens a value that may hide it.
        first = min(
            (found for found in (finder(position) for finder in quotes.values()) if found != -1),
            default=-1,
        )
        if first == -1 or first > end:
            return end
        closing = quotes[markup[first]](first + 1)
        if closing == -1:
            return -1
        position = closing + 1
