"""Plain text and Markdown: one article per file.

The document id is the file name (the path relative to the folder when a
folder is imported). The title is the first line when a blank line follows
it (without Markdown's leading ``#``), else the file name without its
extension. The stored text is the whole file, title line included, so that
offsets count from the file's first character.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import ImportFailed
from annotator.core.formats import Format, ReadOptions, register
from annotator.core.model import DocumentRecord
from annotator.core.text import read_text


def title_of(text: str, path: Path) -> str:
    lines = text.split("\n", 2)
    first = lines[0].strip()
    if path.suffix.lower() in (".md", ".markdown"):
        first = first.lstrip("#").strip()
    if first and len(lines) > 1 and not lines[1].strip():
        return " ".join(first.split())
    return path.stem


def read(path: Path, options: ReadOptions) -> Iterator[DocumentRecord]:
    text = read_text(path)
    if not text.strip():
        raise ImportFailed(path, "empty file")
    yield DocumentRecord(external_id=path.name, title=title_of(text, path), text=text)


register(
    Format(
        name="text",
        description="Plain text or Markdown, one article per file",
        extensions=(".txt", ".md", ".markdown"),
        read=read,
    )
)
