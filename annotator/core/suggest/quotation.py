"""Find quotations by their marks: pair opening and closing double quotation marks.

Typographic marks (“ ” „ « ») say which way they face; an ASCII ``"`` (or
``''``, two apostrophes, as some wire copy writes it) is an
opening mark when it follows a space or the start of a paragraph, and a
closing one otherwise. Single marks (‘ ’ ') are left alone: at the top level
they are apostrophes or headline scare quotes, and inside a quotation they
are part of its content.

A quotation that runs over several paragraphs repeats the opening mark at
the start of each and closes only in the last: it comes out as one
:class:`Quotation` with one piece per paragraph. An opening mark that is
never closed (an odd number of marks) gives a quotation to the end of its
paragraph, flagged ``closed=False``, instead of throwing the article away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“„«"
CLOSING = "”»"
ASCII = '"'
DOUBLE_MARKS = OPENING + CLOSING + ASCII
# What may stand before an opening ASCII mark.
_BEFORE_OPENING = " \t\n([{—–-/:"

_PARAGRAPH = re.compile(r"[^\n]+")
# Two apostrophes stand for a double mark in some wire copy ('' … '').
TWO_APOSTROPHES = "''"
_MARK = re.compile(f"{TWO_APOSTROPHES}|[{re.escape(DOUBLE_MARKS)}]")


@dataclass(frozen=True)
class Quotation:
    """Text between quotation marks, marks included: one ``(start, end)`` piece per paragraph."""

    pieces: tuple[tuple[int, int], ...]
    closed: bool = True

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank line, trailing space excluded."""
    found = []
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            found.append((start, end))
    return found


def _faces_open(text: str, index: int, paragraph_start: int) -> bool:
    char = text[index]
    if char in OPENING:
        return True
    if char in CLOSING and char != ASCII:
        # A closing mark used as an opening one: only at a paragraph start.
        return index == paragraph_start
    width = 2 if text.startswith(TWO_APOSTROPHES, index) else 1
    before = text[index - 1] if index > paragraph_start else " "
    after = text[index + width] if index + width < len(text) else " "
    return before in _BEFORE_OPENING and not after.isspace()


def _opens_paragraph(text: str, paragraph: tuple[int, int]) -> bool:
    return text[paragraph[0]] in OPENING + ASCII or text.startswith(TWO_APOSTROPHES, paragraph[0])


def _closes_later(text: str, marks: list[int]) -> bool:
    """Whether the marks after an opening one close it and the one it sits in."""
    closing = opening = 0
    for index in marks:
        if text[index] in CLOSING:
            closing += 1
        elif text[index] in OPENING:
            opening += 1
    return closing >= opening + 2


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation in the text, in order; nested double marks are not split out."""
    found: list[Quotation] = []
    paras = paragraphs(text)
    carried: list[tuple[int, int]] = []  # pieces of a quotation still open at a paragraph end
    for number, (para_start, para_end) in enumerate(paras):
        open_at: int | None = None
        found_marks = list(_MARK.finditer(text, para_start, para_end))
        marks = [m.start() for m in found_marks]
        ends = {m.start(): m.end() for m in found_marks}
        if carried and not (
            marks and marks[0] == para_start and _opens_paragraph(text, paras[number])
        ):
            # The previous paragraph's quotation never closed and this one does not go on with it.
            found.append(Quotation(tuple(carried), closed=False))
            carried = []
        nested = 0
        for position, index in enumerate(marks):
            if open_at is None:
                if carried and index == para_start:
                    open_at = index
                elif _faces_open(text, index, para_start):
                    open_at = index
                # else: a stray closing mark with nothing open; ignore it.
                continue
            ascii_mark = text[index] in ASCII + "'"
            opens = _faces_open(text, index, para_start) and not ascii_mark
            if opens and _closes_later(text, marks[position + 1 :]):
                nested += 1  # “He told me, “never again,” and …”: a quotation inside
                continue
            if not opens and nested:
                nested -= 1
                continue
            if opens and index > open_at + 1:
                # A second opening mark before any closing one: the first was a stray.
                if carried:
                    found.append(Quotation(tuple(carried), closed=False))
                    carried = []
                open_at = index
                continue
            if ascii_mark and index <= ends[open_at]:
                open_at = None  # "" is no quotation
                continue
            found.append(Quotation((*carried, (open_at, ends[index]))))
            carried = []
            open_at = None
        if open_at is not None:
            carried.append((open_at, para_end))
            following = paras[number + 1] if number + 1 < len(paras) else None
            if following is None or not _opens_paragraph(text, following):
                found.append(Quotation(tuple(carried), closed=False))
                carried = []
    if carried:
        found.append(Quotation(tuple(carried), closed=False))
    return found
