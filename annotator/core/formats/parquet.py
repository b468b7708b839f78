"""Parquet (export only): one row per quote, typed columns, for pandas, DuckDB and ``datasets``.

Needs the optional ``pyarrow`` (``pip install 'quote-annotator[parquet]'``),
imported only when a Parquet file is written. Documents without quotes have
no rows. Offsets are code points (Python string indices), half-open.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.formats import Format, WriteOptions, register
from annotator.core.model import DocumentRecord

# Rows are handed to pyarrow in batches so a large corpus never sits in memory whole.
_BATCH = 20_000


def _schema(pa: Any) -> Any:
    span = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
    stamp = pa.timestamp("ms", tz="UTC")
    return pa.schema(
        [
            ("document_id", pa.string()),
            ("document_title", pa.string()),
            ("document_status", pa.string()),
            ("quote_start", pa.int64()),
            ("quote_end", pa.int64()),
            ("quote", pa.string()),
            ("spans", pa.list_(span)),
            ("speaker", pa.string()),
            ("speaker_aliases", pa.list_(pa.string())),
            ("mention_start", pa.int64()),
            ("mention_end", pa.int64()),
            ("mention", pa.string()),
            ("cue_start", pa.int64()),
            ("cue_end", pa.int64()),
            ("cue", pa.string()),
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


def _stamp(value: str | None) -> datetime.datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


def _rows(record: DocumentRecord) -> Iterable[dict[str, Any]]:
    text = record.text
    for quote in record.quotes:
        spans = sorted(quote.spans)
        mention, cue = quote.mention, quote.cue
        yield {
            "document_id": record.external_id,
            "document_title": record.title,
            "document_status": record.status,
            "quote_start": spans[0][0],
            "quote_end": max(e for _, e in spans),
            # Pieces of a split quote joined by a space, as brat shows them.
            "quote": " ".join(text[s:e] for s, e in spans),
            "spans": [{"start": s, "end": e, "text": text[s:e]} for s, e in spans],
            "speaker": quote.speaker,
            "speaker_aliases": list(quote.speaker_aliases),
            "mention_start": mention[0] if mention else None,
            "mention_end": mention[1] if mention else None,
            "mention": text[mention[0] : mention[1]] if mention else None,
            "cue_start": cue[0] if cue else None,
            "cue_end": cue[1] if cue else None,
            "cue": text[cue[0] : cue[1]] if cue else None,
            "stance": quote.stance,
            "quote_type": quote.quote_type,
            "target": quote.target,
            "note": quote.note,
            "annotator": quote.annotator,
            "origin": quote.origin,
            "created_at": _stamp(quote.created_at),
            "updated_at": _stamp(quote.updated_at),
        }


def write_parquet(records: Iterable[DocumentRecord], target: Path, options: WriteOptions) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise AnnotatorError(
            "parquet export needs pyarrow: pip install 'quote-annotator[parquet]'"
        ) from None
    schema = _schema(pa)
    with pq.ParquetWriter(str(target), schema) as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.extend(_rows(record))
            if len(batch) >= _BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        # Written even when empty, so the file always has the schema.
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))


register(
    Format(
        "parquet",
        "Apache Parquet, one row per quote (export only; needs pyarrow)",
        extensions=(".parquet",),
        write=write_parquet,
    )
)
