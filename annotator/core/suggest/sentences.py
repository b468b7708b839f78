"""Sentence boundaries inside a paragraph, good enough for attribution rules.

A sentence ends at ``.``, ``?`` or ``!`` (with any closing marks after it)
followed by space and a capital letter or an opening mark, unless the word
before the full stop is a known abbreviation or an initial ("Sen.", "J.").
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr sen rep gov gen lt col sgt st jr sr prof rev vs etc inc co corp ltd
    no jan feb mar apr aug sep sept oct nov dec u.s a.m p.m d.c u.k u.n e.g i.e ft mt""".split()
)
_END = re.compile(r"[.?!…]+[”\"’']*(?=\s+[A-Z“\"‘(])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text[start:end]``, terminal punctuation included."""
    found = []
    sentence_start = start
    for match in _END.finditer(text, start, end):
        if match.group()[0] == ".":
            word = _WORD_BEFORE.search(text, max(start, match.start() - 12), match.start())
            if word is not None:
                token = word.group(1).casefold()
                if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                    continue
        found.append((sentence_start, match.end()))
        sentence_start = match.end()
        while sentence_start < end and text[sentence_start].isspace():
            sentence_start += 1
    if sentence_start < end:
        found.append((sentence_start, end))
    return found
