"""JSON Lines: the project's own dataset shape, and plain article records.

``jsonl`` writes one line per document (the document fields of
:mod:`annotator.core.glossary` and ``quotes``, each quote with the quote
fields) and reads that shape back without loss.
It also reads plain article records, one JSON object per line or a ``.json``
file holding one object or an array: the id, title and text fields are named
by :class:`ReadOptions`, every other field is kept as metadata. A record
without an id gets ``sha256:`` and the first 16 hex digits of its text's
SHA-256, so the same article gets the same id on every import.

``quotes-jsonl`` writes one line per quote (the quote fields and the
document's title).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import ImportFailed, InvalidSpan
from annotator.core.formats import MAX_RECORD, Format, ReadOptions, WriteOptions, register
from annotator.core.formats.json_input import loads
from annotator.core.glossary import document_row, quote_row
from annotator.core.model import STATUSES, DocumentRecord, QuoteRecord
from annotator.core.text import check_span, decode, normalise_newlines, read_text, sha256

# Fields of our own document shape; anything else on a line is metadata.
_DOCUMENT_FIELDS = ("status", "metadata", "quotes", "collection", "quote_count")
_QUOTE_FIELDS = frozenset(
    (
        "quote_id",
        "document_id",
        "start",
        "end",
        "mention_text",
        "cue_text",
        "spans",
        "text",
        "speaker",
        "speaker_aliases",
        "mention",
        "cue",
        "stance",
        "target",
        "type",
        "quote_type",
        "note",
        "annotator",
        "origin",
        "created_at",
        "updated_at",
        "id",
    )
)
_TITLE_LENGTH = 120


class _Refused(Exception):
    """A record's problem, before the reader knows which line to name."""


def derived_id(text: str) -> str:
    return "sha256:" + sha256(normalise_newlines(text))[:16]


def derived_title(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:_TITLE_LENGTH]
    return ""


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of a JSON Lines file, read and decoded a line at a time.

    Memory holds one line, and a line over :data:`MAX_RECORD` is refused
    before it is read whole.
    """
    try:
        handle = path.open("rb")
    except OSError as error:
        raise ImportFailed(path, error.strerror or str(error)) from None
    with handle:
        head = handle.read(4096)
        if not head or head.isspace():
            raise ImportFailed(path, "empty file")
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            yield from enumerate(read_text(path).split("\n"), 1)
            return
        if b"\x00" in head:
            raise ImportFailed(path, "binary file, not text")
        handle.seek(len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0)
        number = 0
        while True:
            # Counted in bytes: a line is never held whole before it is known to fit.
            raw = handle.readline(MAX_RECORD + 1)
            if not raw:
                return
            number += 1
            if len(raw) > MAX_RECORD:
                raise ImportFailed(
                    path,
                    f"the line is longer than {MAX_RECORD // (1024 * 1024)} MB, the most one "
                    "record may hold; split it",
                    number,
                )
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    decode(raw, path)
                except ImportFailed as error:
                    raise ImportFailed(path, error.reason, number) from None
                raise
            yield number, line.rstrip("\r\n")


def _read_json(path: Path, options: ReadOptions) -> Iterator[DocumentRecord] | None:
    """Records of a ``.json`` file holding one object or an array; None if it is JSON Lines."""
    content = read_text(path)
    if not content or content.isspace():
        raise ImportFailed(path, "empty file")
    try:
        data = loads(content, path)
    except ImportFailed as error:
        if "Extra data" in error.reason:
            # Many ".json" files are JSON Lines in fact.
            return None
        raise
    items = data if isinstance(data, list) else [data]

    def records() -> Iterator[DocumentRecord]:
        for number, item in enumerate(items, 1):
            try:
                yield record(item, options)
            except _Refused as error:
                where = f"record {number}: " if isinstance(data, list) else ""
                raise ImportFailed(path, f"{where}{error}") from None

    return records()


def read(path: Path, options: ReadOptions) -> Iterator[DocumentRecord]:
    if path.suffix.lower() == ".json":
        whole = _read_json(path, options)
        if whole is not None:
            yield from whole
            return
    for number, line in _lines(path):
        if not line or line.isspace():
            continue
        item = loads(line, path, number)
        try:
            yield record(item, options)
        except _Refused as error:
            raise ImportFailed(path, str(error), number) from None


def record(item: Any, options: ReadOptions) -> DocumentRecord:
    """A :class:`DocumentRecord` from one decoded JSON object, or :class:`_Refused`."""
    if not isinstance(item, dict):
        raise _Refused(f"expected a JSON object with an id, title and text, found {_kind(item)}")
    if options.text_field not in item:
        fields = ", ".join(map(repr, item)) or "none"
        raise _Refused(f"no {options.text_field!r} field (fields found: {fields})")
    text = item[options.text_field]
    if not isinstance(text, str):
        raise _Refused(f"{options.text_field!r} must be a string, found {_kind(text)}")
    if not text or text.isspace():
        raise _Refused(f"{options.text_field!r} is empty")
    id_field = options.id_field
    if id_field == "id" and "id" not in item and "document_id" in item:
        # Our own export names the field as the glossary does.
        id_field = "document_id"
    external_id = item.get(id_field)
    if external_id is None or external_id == "":
        external_id = derived_id(text)
    elif isinstance(external_id, str | int) and not isinstance(external_id, bool):
        external_id = str(external_id)
    else:
        raise _Refused(f"{id_field!r} must be a string or a number")
    title = item.get(options.title_field)
    if title is None:
        title = derived_title(text)
    elif not isinstance(title, str):
        raise _Refused(f"{options.title_field!r} must be a string, found {_kind(title)}")
    named = {id_field, options.title_field, options.text_field}
    metadata: dict[str, Any] = {}
    status = "new"
    collection = ""
    quotes: list[QuoteRecord] = []
    ours = isinstance(item.get("quotes"), list)
    for key, value in item.items():
        if key in named:
            continue
        if key == "status" and value in STATUSES:
            status = value
        elif ours and key == "collection" and isinstance(value, str):
            collection = value
        elif ours and key == "quote_count":
            continue
        elif key == "metadata" and isinstance(value, dict):
            metadata.update(value)
        elif key == "quotes" and value is not None:
            if not isinstance(value, list):
                raise _Refused(f"'quotes' must be a list of quote objects, found {_kind(value)}")
            for number, entry in enumerate(value, 1):
                try:
                    quotes.append(_quote(entry, text, options))
                except (_Refused, InvalidSpan) as error:
                    raise _Refused(f"document {external_id!r}, quote {number}: {error}") from None
        else:
            metadata[key] = value
    return DocumentRecord(
        external_id=external_id,
        title=title,
        text=text,
        metadata=metadata,
        status=status,
        quotes=quotes,
        collection=collection,
    )


def _kind(value: Any) -> str:
    names = {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "true or false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def _pair(value: Any, text: str, what: str) -> tuple[int, int]:
    # The common case in one test; the slow path finds the words for the error.
    if type(value) is list and len(value) == 2:
        start, end = value
        if type(start) is int and type(end) is int and 0 <= start < end <= len(text):
            return start, end
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise _Refused(f"{what} must be a [start, end] pair, found {json.dumps(value)}")
    span = check_span(text, value[0], value[1], what)
    return span.start, span.end


_TEXT_FIELDS = (
    "speaker",
    "stance",
    "target",
    "type",
    "quote_type",
    "note",
    "annotator",
    "origin",
    "created_at",
    "updated_at",
    "quote_id",
)


def _check_text_fields(entry: dict[str, Any]) -> None:
    for key in _TEXT_FIELDS:
        value = entry.get(key)
        if value is not None and type(value) is not str:
            raise _Refused(f"{key!r} must be a string or null, found {_kind(value)}")


def _quote(entry: Any, text: str, options: ReadOptions) -> QuoteRecord:
    if not isinstance(entry, dict):
        raise _Refused(f"expected an object, found {_kind(entry)}")
    raw_spans = entry.get("spans")
    if not isinstance(raw_spans, list) or not raw_spans:
        raise _Refused("'spans' must be a non-empty list of [start, end] pairs")
    spans = [_pair(value, text, "quote span") for value in raw_spans]
    copies = entry.get("text")
    if isinstance(copies, str):
        copies = [copies]
    if isinstance(copies, list) and len(copies) != len(spans):
        raise _Refused(
            f"{len(spans)} spans but {len(copies)} copies of their text in 'text': "
            "they must match one for one"
        )
    if isinstance(copies, list):
        # The copy of each span's text catches offsets counted another way
        # (UTF-16 units, bytes) that would otherwise land on the wrong words.
        for (start, end), copy in zip(spans, copies, strict=True):
            if isinstance(copy, str) and text[start:end] != copy:
                raise _Refused(
                    f"span [{start}, {end}] covers {text[start:end]!r} but the file says "
                    f"{copy!r}: the offsets do not fit this text"
                )
    aliases = entry.get("speaker_aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise _Refused("'speaker_aliases' must be a list of names")
    _check_text_fields(entry)
    for key in entry.keys() - _QUOTE_FIELDS:
        options.unsupported[f"jsonl quote field {key!r}"] += 1
    get = entry.get
    mention = get("mention")
    cue = get("cue")
    return QuoteRecord(
        spans=spans,
        speaker=get("speaker"),
        speaker_aliases=aliases,
        mention=_pair(mention, text, "speaker mention") if mention is not None else None,
        cue=_pair(cue, text, "cue") if cue is not None else None,
        stance=get("stance"),
        target=get("target") or "",
        quote_type=get("type") or get("quote_type"),
        note=get("note") or "",
        annotator=get("annotator") or options.annotator,
        origin=get("origin") or "imported",
        created_at=get("created_at"),
        updated_at=get("updated_at"),
        uid=get("quote_id") or None,
    )


def write(records: Iterable[DocumentRecord], path: Path, options: WriteOptions) -> None:
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for document in records:
            quotes = []
            for quote in document.quotes:
                row = quote_row(document, quote)
                del row["document_id"]
                quotes.append(row)
            line = dumps({**document_row(document), "quotes": quotes})
            out.write(line + "\n")


def write_quotes(records: Iterable[DocumentRecord], path: Path, options: WriteOptions) -> None:
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for document in records:
            for quote in document.quotes:
                row = quote_row(document, quote)
                out.write(dumps({**row, "title": document.title}) + "\n")


def write_documents(records: Iterable[DocumentRecord], path: Path, options: WriteOptions) -> None:
    """One line per document, without text: the documents file beside a quotes export."""
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for document in records:
            out.write(dumps(document_row(document, text=False)) + "\n")


register(
    Format(
        name="jsonl",
        description="JSON Lines, one article per line with its quotes",
        extensions=(".jsonl", ".json", ".ndjson"),
        read=read,
        write=write,
    )
)
register(
    Format(
        name="quotes-jsonl",
        description="JSON Lines, one quote per line with its document's id and title",
        write=write_quotes,
        write_documents=write_documents,
    )
)
