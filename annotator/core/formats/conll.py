"""CoNLL / BIO (export only): one token a line, ``TOKEN<TAB>TAG``, for sequence taggers.

Tags are ``B-``/``I-`` of ``QUOTE``, ``SPEAKER`` (the mention) and ``CUE``,
or ``O``. A blank line ends a sentence; each document starts with
``-DOCSTART-<TAB>ID`` and a blank line. A token carries one tag: where
annotations overlap, CUE wins over SPEAKER, and SPEAKER over QUOTE; nested
quotes belong to the outermost quote. A token partly inside a span is tagged
with it. Export one annotator (``--annotator``) to avoid mixing annotators.

Tokenisation: a token is a run of word characters (letters, digits, ``_``,
with their combining marks), which may hold an inner apostrophe or hyphen
("won't", "well-known"); or any other single non-space character with its
combining marks and emoji modifiers (an emoji ZWJ sequence is one token).
A sentence ends at a line break, or after ``.``, ``!``, ``?`` or ``…``
(and any closing quotation marks or brackets after it) when a space follows.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.formats import Format, WriteOptions, register
from annotator.core.model import DocumentRecord

# Combining marks, variation selectors, emoji skin tones and tag characters.
_MARKS = (
    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"
    "\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
)
_WORD = rf"(?:\w[{_MARKS}]*)+"
TOKEN = re.compile(rf"{_WORD}(?:['’\-]{_WORD})*|[^\w\s][{_MARKS}]*(?:\u200d\S[{_MARKS}]*)*")
_FINAL = {".", "!", "?", "…"}
_CLOSING = set('”’"»›)]}')
# Higher wins where spans overlap.
_PRIORITY = {"QUOTE": 1, "SPEAKER": 2, "CUE": 3}


def sentences(text: str) -> Iterator[list[tuple[int, int]]]:
    """Token spans of ``text``, sentence by sentence."""
    sentence: list[tuple[int, int]] = []
    ending = False
    for match in TOKEN.finditer(text):
        start, end = match.span()
        if sentence:
            gap = text[sentence[-1][1] : start]
            token = match.group()
            if "\n" in gap or (ending and gap and token not in _CLOSING):
                yield sentence
                sentence, ending = [], False
            elif ending and token in _CLOSING and not gap:
                pass  # a closing mark right after the full stop keeps the sentence open
            else:
                ending = False
        sentence.append((start, end))
        if match.group() in _FINAL:
            ending = True
    if sentence:
        yield sentence


def tags(record: DocumentRecord, tokens: list[tuple[int, int]]) -> list[str]:
    """One BIO tag per token."""
    starts = [s for s, _ in tokens]
    ends = [e for _, e in tokens]
    chosen: list[tuple[int, tuple[str, int, int]] | None] = [None] * len(tokens)
    spans: list[tuple[str, tuple[int, int]]] = []
    for quote in record.quotes:
        spans += [("QUOTE", span) for span in quote.spans]
        if quote.mention is not None:
            spans.append(("SPEAKER", quote.mention))
        if quote.cue is not None:
            spans.append(("CUE", quote.cue))
    # Outermost first: an earlier start, then a longer span, claims a token first.
    spans.sort(key=lambda item: (item[1][0], -item[1][1]))
    for kind, (start, end) in spans:
        priority = _PRIORITY[kind]
        first = bisect.bisect_right(ends, start)
        last = bisect.bisect_left(starts, end)
        for index in range(first, last):
            current = chosen[index]
            if current is None or current[0] < priority:
                chosen[index] = (priority, (kind, start, end))
    out = []
    previous = None
    for current in chosen:
        if current is None:
            out.append("O")
        else:
            identity = current[1]
            out.append(("I-" if identity == previous else "B-") + identity[0])
        previous = current[1] if current is not None else None
    return out


def write_conll(records: Iterable[DocumentRecord], target: Path, options: WriteOptions) -> None:
    with target.open("w", encoding="utf-8") as out:
        for record in records:
            name = " ".join(record.external_id.split())
            out.write(f"-DOCSTART-\t{name}\n\n")
            groups = list(sentences(record.text))
            flat = [token for group in groups for token in group]
            labels = iter(tags(record, flat))
            for group in groups:
                out.write("".join(f"{record.text[s:e]}\t{next(labels)}\n" for s, e in group) + "\n")


register(
    Format(
        "conll",
        "CoNLL/BIO tokens with B-/I-QUOTE, SPEAKER and CUE tags (export only)",
        extensions=(".conll",),
        write=write_conll,
    )
)
