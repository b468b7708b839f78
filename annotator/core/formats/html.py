"""HTML pages: the article body as plain text, paragraphs kept.

Read by a linear tokeniser (:mod:`~annotator.core.formats.html_tokens`):
no script runs and nothing (images, styles, frames) is fetched, and a page
of unfinished tags takes as long as its size, not its square. Scripts,
styles, navigation, headers, footers and asides are left out; when the page
has ``<article>`` (or else ``<main>``) elements only their text is kept.
Paragraphs become blank-line-separated text, ``<br>`` a line break. The
title is the page's ``<title>``, else its first ``<h1>``, else the file name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import ImportFailed
from annotator.core.formats import Format, ReadOptions, register
from annotator.core.formats.html_tokens import tokens
from annotator.core.model import DocumentRecord
from annotator.core.text import read_text

_SKIP = frozenset(
    "script style nav header footer aside noscript template svg math form iframe "
    "object canvas button select textarea".split()
)
_BLOCKS = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre figure "
    "figcaption table thead tbody tr td th hr address details summary body caption".split()
)
# HTML white space only: U+00A0 (&nbsp;) is part of the text and stays.
_SPACE = re.compile(r"[ \t\n\r\f]+")


class _Article:
    def __init__(self) -> None:
        self.skipping: list[str] = []
        self.in_head = False
        self.in_title = False
        self.in_h1 = False
        self.pre = 0
        self.article = 0
        self.main = 0
        self.title: list[str] = []
        self.h1: list[str] = []
        self.h1_done = False
        self.buffer: list[str] = []
        # (text, inside <article>, inside <main>)
        self.paragraphs: list[tuple[str, bool, bool]] = []

    def feed(self, markup: str) -> None:
        for token in tokens(markup):
            if token.kind == "text":
                self.handle_data(token.value)
            elif token.kind == "end":
                self.handle_endtag(token.value)
            elif token.closed:
                self.handle_startendtag(token.value)
            else:
                self.handle_starttag(token.value)

    def handle_starttag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = True
        elif tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        if self.skipping or tag in _SKIP:
            if tag in _SKIP:
                self.skipping.append(tag)
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "br":
            self.buffer.append("\n")
        elif tag == "pre":
            self.pre += 1
        elif tag == "article":
            self.article += 1
        elif tag == "main":
            self.main += 1
        elif tag == "h1" and not self.h1_done:
            self.in_h1 = True

    def handle_startendtag(self, tag: str) -> None:
        if tag == "br" and not self.skipping:
            self.buffer.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag == "head":
            self.in_head = False
        if tag in _SKIP:
            if tag in self.skipping:
                while self.skipping.pop() != tag:
                    pass
            return
        if self.skipping:
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        elif tag == "article":
            self.article = max(0, self.article - 1)
        elif tag == "main":
            self.main = max(0, self.main - 1)
        elif tag == "h1" and self.in_h1:
            self.in_h1 = False
            self.h1_done = bool("".join(self.h1).strip())

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skipping or self.in_head:
            return
        if self.in_h1:
            self.h1.append(data)
        self.buffer.append(data if self.pre else _SPACE.sub(" ", data))

    def _flush(self) -> None:
        raw = "".join(self.buffer)
        self.buffer = []
        if self.pre:
            text = raw.strip("\n")
        else:
            # Spaces that ended one piece of text and began the next become one.
            raw = re.sub(" {2,}", " ", raw)
            text = "\n".join(line.strip(" ") for line in raw.split("\n")).strip("\n ")
        if text.strip():
            self.paragraphs.append((text, self.article > 0, self.main > 0))

    def result(self) -> tuple[str, str]:
        self._flush()
        chosen = [p for p, in_article, _ in self.paragraphs if in_article]
        if not chosen:
            chosen = [p for p, _, in_main in self.paragraphs if in_main]
        if not chosen:
            chosen = [p for p, _, _ in self.paragraphs]
        title = " ".join("".join(self.title).split()) or " ".join("".join(self.h1).split())
        return "\n\n".join(chosen), title


def extract(markup: str) -> tuple[str, str]:
    """(article text, title) of an HTML page; the title may be empty."""
    parser = _Article()
    parser.feed(markup)
    return parser.result()


def read(path: Path, options: ReadOptions) -> Iterator[DocumentRecord]:
    markup = read_text(path)
    if not markup.strip():
        raise ImportFailed(path, "empty file")
    text, title = extract(markup)
    if not text.strip():
        raise ImportFailed(path, "no article text found in the page")
    yield DocumentRecord(external_id=path.name, title=title or path.stem, text=text)


register(
    Format(
        name="html",
        description="HTML pages: the article text, paragraphs kept; nothing is fetched or run",
        extensions=(".html", ".htm"),
        read=read,
    )
)
