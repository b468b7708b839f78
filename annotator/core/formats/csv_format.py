"""CSV: reads one article per row, writes one row per quote.

Reading: a header row names the columns; the id, title and text columns are
named by :class:`ReadOptions` and every other column is kept as metadata.
Commas, semicolons or tabs separate cells (whichever the header uses most).
A row without an id gets the same text-derived id as in JSON Lines.

Writing: one row per quote (the glossary's quote fields; lists and pairs as
JSON), and beside it one row per document (``NAME.documents.csv``), in UTF-8
with a byte-order mark so that spreadsheets show accents and curly quotes
correctly. A cell that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return) is prefixed with ``'``.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import ImportFailed
from annotator.core.formats import MAX_RECORD, Format, ReadOptions, WriteOptions, register
from annotator.core.formats.jsonl import derived_id, derived_title
from annotator.core.glossary import DOCUMENT_NAMES, QUOTE_NAMES, document_row, quote_row
from annotator.core.model import DocumentRecord

# The quote fields of the glossary, with the document's title after its id.
COLUMNS = ("quote_id", "document_id", "title", *QUOTE_NAMES[2:])
DOCUMENT_COLUMNS = tuple(name for name in DOCUMENT_NAMES if name != "text")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text rather than running as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _delimiter(header: str) -> str:
    return max(",;\t", key=header.count)


def _lines(path: Path) -> Iterator[str]:
    """The file's lines, decoded as they are read, ending in ``\n``.

    A line over :data:`MAX_RECORD` characters is refused before it is read
    whole, so a huge cell never fills the memory.
    """
    try:
        raw = path.open("rb")
    except OSError as error:
        raise ImportFailed(path, error.strerror or str(error)) from None
    with raw:
        head = raw.read(4096)
        raw.seek(0)
        utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        if not utf16 and b"\x00" in head:
            raise ImportFailed(path, "binary file, not text")
        text = io.TextIOWrapper(raw, encoding="utf-16" if utf16 else "utf-8-sig", newline="")
        number = 0
        while True:
            number += 1
            try:
                line = text.readline(MAX_RECORD + 1)
            except UnicodeDecodeError as error:
                raise ImportFailed(
                    path,
                    f"not valid {'UTF-16' if utf16 else 'UTF-8'} (byte "
                    f"0x{error.object[error.start]:02x}); save the file as UTF-8 and import "
                    "it again",
                    number,
                ) from None
            if not line:
                return
            if len(line) > MAX_RECORD:
                raise ImportFailed(
                    path,
                    f"the line is longer than {MAX_RECORD // (1024 * 1024)} MB of text, the "
                    "most one record may hold; split it",
                    number,
                )
            if "\x00" in line:
                raise ImportFailed(path, "binary file, not text", number)
            if line.endswith("\r\n"):
                line = line[:-2] + "\n"
            elif line.endswith("\r"):
                line = line[:-1] + "\n"
            yield line


def read(path: Path, options: ReadOptions) -> Iterator[DocumentRecord]:
    lines = _lines(path)
    first = next((line for line in lines if line.strip()), None)
    if first is None:
        raise ImportFailed(path, "empty file")
    if csv.field_size_limit() < MAX_RECORD:
        csv.field_size_limit(MAX_RECORD)
    rows = csv.reader(itertools.chain([first], lines), delimiter=_delimiter(first))
    try:
        header = [name.strip() for name in next(rows)]
    except csv.Error as error:
        raise ImportFailed(path, f"not valid CSV ({error})", rows.line_num) from None
    if options.text_field not in header:
        found = ", ".join(map(repr, header)) or "none"
        raise ImportFailed(
            path,
            f"no {options.text_field!r} column (columns found: {found}); "
            "name the column that holds the article text",
            1,
        )
    line = rows.line_num + 1
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportFailed(path, f"not valid CSV ({error})", line) from None
        if not any(cell.strip() for cell in cells):
            line = rows.line_num + 1
            continue
        if len(cells) != len(header):
            raise ImportFailed(
                path, f"{len(cells)} cells, but the header has {len(header)} columns", line
            )
        row = dict(zip(header, cells, strict=True))
        text = row[options.text_field]
        if not text.strip():
            raise ImportFailed(path, f"the {options.text_field!r} cell is empty", line)
        named = {options.id_field, options.title_field, options.text_field}
        yield DocumentRecord(
            external_id=row.get(options.id_field, "").strip() or derived_id(text),
            title=row.get(options.title_field) or derived_title(text),
            text=text,
            metadata={key: value for key, value in row.items() if key not in named},
        )
        line = rows.line_num + 1


def _cell(value: Any) -> str:
    """Lists, pairs and objects as JSON; null as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write(records: Iterable[DocumentRecord], path: Path, options: WriteOptions) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for document in records:
            for quote in document.quotes:
                row = {**quote_row(document, quote), "title": document.title}
                writer.writerow([neutralise(_cell(row[name])) for name in COLUMNS])


def write_documents(records: Iterable[DocumentRecord], path: Path, options: WriteOptions) -> None:
    """One row per document, without text: the documents file beside the quotes."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(DOCUMENT_COLUMNS)
        for document in records:
            row = document_row(document, text=False)
            writer.writerow([neutralise(_cell(row[name])) for name in DOCUMENT_COLUMNS])


register(
    Format(
        name="csv",
        description="CSV: reads one article per row; writes one row per quote",
        extensions=(".csv", ".tsv"),
        read=read,
        write=write,
        write_documents=write_documents,
    )
)
