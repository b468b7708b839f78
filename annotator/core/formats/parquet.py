"""Parquet (export only): typed tables for pandas, DuckDB and ``datasets``.

``parquet`` writes one row per quote (the glossary's quote fields and the
document's title) and beside it ``NAME.documents.parquet``, one row per
document with its text, so documents without quotes are there too. Spans,
mention and cue are lists of int64 (``[start, end]``; null when absent), so
no integer column has nulls and pandas keeps every integer an integer.

Needs the optional ``pyarrow`` (``pip install 'quote-annotator[parquet]'``),
imported only when a Parquet file is written. Offsets are code points
(Python string indices), half-open.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.formats import Format, WriteOptions, register
from annotator.core.glossary import document_row, quote_row
from annotator.core.model import DocumentRecord

# Rows are handed to pyarrow in batches so a large corpus never sits in memory whole.
_BATCH = 20_000


def pyarrow() -> tuple[Any, Any]:
    """``pyarrow`` and ``pyarrow.parquet``, or a message saying how to install them."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise AnnotatorError(
            "parquet export needs pyarrow: pip install 'quote-annotator[parquet]'"
        ) from None
    return pa, pq


def quote_schema(pa: Any) -> Any:
    pair = pa.list_(pa.int64())
    stamp = pa.timestamp("ms", tz="UTC")
    return pa.schema(
        [
            ("quote_id", pa.string()),
            ("document_id", pa.string()),
            ("title", pa.string()),
            ("spans", pa.list_(pair)),
            ("text", pa.list_(pa.string())),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("speaker", pa.string()),
            ("speaker_aliases", pa.list_(pa.string())),
            ("mention", pair),
            ("mention_text", pa.string()),
            ("cue", pair),
            ("cue_text", pa.string()),
            ("stance", pa.string()),
            ("quote_type", pa.string()),
            ("target", pa.string()),
            ("note", pa.string()),
            ("annotator", pa.string()),
            ("origin", pa.string()),
            ("created_at", stamp),
            ("updated_at", stamp),
        ]
    )


def document_schema(pa: Any) -> Any:
    return pa.schema(
        [
            ("document_id", pa.string()),
            ("title", pa.string()),
            ("status", pa.string()),
            ("collection", pa.string()),
            # JSON: metadata differs from one source to the next.
            ("metadata", pa.string()),
            ("quote_count", pa.int64()),
            ("text", pa.string()),
        ]
    )


def _stamp(value: str | None) -> datetime.datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


def quote_rows(record: DocumentRecord) -> Iterable[dict[str, Any]]:
    for quote in record.quotes:
        row = quote_row(record, quote)
        row["title"] = record.title
        row["created_at"] = _stamp(quote.created_at)
        row["updated_at"] = _stamp(quote.updated_at)
        yield row


def document_parquet_row(record: DocumentRecord) -> dict[str, Any]:
    row = document_row(record)
    row["metadata"] = json.dumps(record.metadata, ensure_ascii=False)
    return row


class TableWriter:
    """Rows into one Parquet file in batches; the schema is written even with no rows."""

    def __init__(self, path: Path, schema: Any) -> None:
        self.pa, pq = pyarrow()
        self.schema = schema
        self.writer = pq.ParquetWriter(str(path), schema)
        self.rows: list[dict[str, Any]] = []

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        self.writer.write_table(self.pa.Table.from_pylist(self.rows, schema=self.schema))
        self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()


def write_parquet(records: Iterable[DocumentRecord], target: Path, options: WriteOptions) -> None:
    pa, _ = pyarrow()
    table = TableWriter(target, quote_schema(pa))
    try:
        for record in records:
            table.add(quote_rows(record))
    finally:
        table.close()


def write_documents(records: Iterable[DocumentRecord], target: Path, options: WriteOptions) -> None:
    pa, _ = pyarrow()
    table = TableWriter(target, document_schema(pa))
    try:
        for record in records:
            table.add([document_parquet_row(record)])
    finally:
        table.close()


register(
    Format(
        "parquet",
        "Apache Parquet, one row per quote, and the documents beside (export only; needs pyarrow)",
        extensions=(".parquet",),
        write=write_parquet,
        write_documents=write_documents,
    )
)
