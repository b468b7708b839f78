"""One name per field, in every export: the glossary of document and quote fields.

Every dataset format (jsonl, quotes-jsonl, csv, parquet, hf) writes these
fields with these names and shapes, and the dataset card lists them. Offsets
are code points (Python string indices) into the document's ``text``,
half-open ``[start, end)``; a quote's content is always a list of spans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotator.core.model import DocumentRecord, QuoteRecord


@dataclass(frozen=True)
class Field:
    name: str
    shape: str
    meaning: str


DOCUMENT_FIELDS: tuple[Field, ...] = (
    Field("document_id", "string", "the document's id, unique in the project"),
    Field("title", "string", "the document's title"),
    Field("status", "string", "new, in_progress, done or skipped"),
    Field("collection", "string", "the folder or split the document came from; empty if none"),
    Field("metadata", "object", "what the source said about the document (JSON)"),
    Field("quote_count", "integer", "the document's quotes in this export"),
    Field("text", "string", "the document's text; every offset indexes it"),
)

QUOTE_FIELDS: tuple[Field, ...] = (
    Field("quote_id", "string", "the quote's stable id: the same in every format and export"),
    Field("document_id", "string", "the document the quote is in"),
    Field("spans", "list of [start, end]", "the pieces of the quote's content, in text order"),
    Field("text", "list of strings", "the text of each piece"),
    Field("start", "integer", "where the first piece starts"),
    Field("end", "integer", "where the last piece ends"),
    Field("speaker", "string or null", "who speaks: the speaker registry's name"),
    Field("speaker_aliases", "list of strings", "the speaker's other names in the registry"),
    Field("mention", "[start, end] or null", "where the text names the speaker"),
    Field("mention_text", "string or null", "the text of the mention"),
    Field("cue", "[start, end] or null", "the cue (\u201csaid\u201d)"),
    Field("cue_text", "string or null", "the text of the cue"),
    Field("stance", "string or null", "the stance label"),
    Field("quote_type", "string or null", "the quote type label (direct, indirect, mixed)"),
    Field("target", "string", "what the stance is about"),
    Field("note", "string", "the annotator's note"),
    Field("annotator", "string", "who made the quote"),
    Field("origin", "string", "manual, suggested or imported"),
    Field("created_at", "timestamp", "when the quote was made (UTC, ISO 8601)"),
    Field("updated_at", "timestamp", "when the quote was last changed (UTC, ISO 8601)"),
)

DOCUMENT_NAMES = tuple(f.name for f in DOCUMENT_FIELDS)
QUOTE_NAMES = tuple(f.name for f in QUOTE_FIELDS)


def _pair(pair: tuple[int, int] | None) -> list[int] | None:
    return [pair[0], pair[1]] if pair else None


def document_row(record: DocumentRecord, *, text: bool = True) -> dict[str, Any]:
    """A document's fields, in glossary order (``text`` last, left out when not wanted)."""
    row: dict[str, Any] = {
        "document_id": record.external_id,
        "title": record.title,
        "status": record.status,
        "collection": record.collection,
        "metadata": record.metadata,
        "quote_count": len(record.quotes),
    }
    if text:
        row["text"] = record.text
    return row


def quote_row(record: DocumentRecord, quote: QuoteRecord) -> dict[str, Any]:
    """A quote's fields, in glossary order."""
    text = record.text
    spans = sorted(quote.spans)
    mention, cue = quote.mention, quote.cue
    return {
        "quote_id": quote.uid,
        "document_id": record.external_id,
        "spans": [[start, end] for start, end in spans],
        "text": [text[start:end] for start, end in spans],
        "start": spans[0][0] if spans else None,
        "end": max(end for _, end in spans) if spans else None,
        "speaker": quote.speaker,
        "speaker_aliases": list(quote.speaker_aliases),
        "mention": _pair(mention),
        "mention_text": text[mention[0] : mention[1]] if mention else None,
        "cue": _pair(cue),
        "cue_text": text[cue[0] : cue[1]] if cue else None,
        "stance": quote.stance,
        "quote_type": quote.quote_type,
        "target": quote.target,
        "note": quote.note,
        "annotator": quote.annotator,
        "origin": quote.origin,
        "created_at": quote.created_at,
        "updated_at": quote.updated_at,
    }
