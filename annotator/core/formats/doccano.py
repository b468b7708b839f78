"""doccano JSONL: one document a line, in doccano's sequence-labelling shapes.

Written in doccano's "relation extraction" shape, which links spans::

    {"id": 1, "text": "...",
     "entities": [{"id": 1, "label": "QUOTE", "start_offset": 19, "end_offset": 30}, ...],
     "relations": [{"id": 1, "from_id": 2, "to_id": 1, "type": "speaker"}, ...],
     "quotes": [{"entity": 1, "speaker": "Rex Tillerson", "stance": "opposes", ...}],
     "external_id": "...", "title": "...", "status": "done", "metadata": {...}}

Labels ``QUOTE``, ``SPEAKER``, ``CUE``; relation types ``speaker`` and ``cue``
(from the span to the quote's first piece) and ``continues`` (first piece to
each further piece). Stance, type, target, note, annotator and the registry
speaker travel in the top-level ``quotes`` list keyed by the first piece's
entity id and by the quote's spans, mention and cue (doccano renumbers
entities), with the quote's stable id and timestamps: doccano keeps unknown top-level keys as
document metadata and exports them back. The plain shape ``"label": [[start, end, "QUOTE"], ...]``
is read too (each QUOTE span a quote of its own). Offsets are code points.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import ImportFailed
from annotator.core.formats import Format, ReadOptions, WriteOptions, register
from annotator.core.formats.json_input import loads, peek
from annotator.core.formats.linking import LinkedPieces
from annotator.core.model import STATUSES, DocumentRecord, QuoteRecord
from annotator.core.names import implied_speaker
from annotator.core.sources import shareable_source
from annotator.core.text import read_text

QUOTE, SPEAKER, CUE = "QUOTE", "SPEAKER", "CUE"
_LABELS = {"quote": QUOTE, "content": QUOTE, "speaker": SPEAKER, "source": SPEAKER, "cue": CUE}
CONTINUES = "continues"
_QUOTE_FIELDS = (
    "speaker",
    "stance",
    "quote_type",
    "target",
    "note",
    "annotator",
    "origin",
    "uid",
    "created_at",
    "updated_at",
)
_OWN_KEYS = {
    "id",
    "text",
    "entities",
    "relations",
    "label",
    "labels",
    "quotes",
    "external_id",
    "title",
    "status",
    "metadata",
    "collection",
    "source",
    "Comments",
}


# -- reading -----------------------------------------------------------------------


def _entities(item: dict[str, Any], fail: Any) -> list[tuple[Any, str, Any, Any]]:
    """(id, label, start, end) of every span, from either doccano shape."""
    found: list[tuple[Any, str, Any, Any]] = []
    for key in ("entities", "relations", "label", "labels", "quotes"):
        if item.get(key) is not None and not isinstance(item[key], list):
            raise fail(f"{key!r} must be a list, found {type(item[key]).__name__}")
    if isinstance(item.get("entities"), list):
        for entity in item["entities"]:
            if not isinstance(entity, dict):
                raise fail("an entity is not a JSON object")
            if not _is_id(entity.get("id")):
                raise fail(f"an entity id must be a string or a number, got {entity['id']!r}")
            found.append(
                (
                    entity.get("id"),
                    str(entity.get("label")),
                    entity.get("start_offset"),
                    entity.get("end_offset"),
                )
            )
    labels = item.get("label", item.get("labels"))
    if isinstance(labels, list):
        for number, triple in enumerate(labels):
            if not (isinstance(triple, list) and len(triple) == 3):
                raise fail(f"label {triple!r} is not [start, end, label]")
            found.append((f"label-{number}", str(triple[2]), triple[0], triple[1]))
    return found


def _is_id(value: Any) -> bool:
    return value is None or (isinstance(value, str | int) and not isinstance(value, bool))


class _Entries:
    """The ``quotes`` list of a line, found by entity id or by the quote's spans.

    doccano gives every entity a new id on import and exports those, so an
    entry written with our ids is found again by its ``spans``, ``mention``
    and ``cue``: quotes that share all three (two coders marking the same
    words) take their entries in order, and whichever gets which, each keeps
    a whole entry of its own.
    """

    def __init__(self, raw: Any) -> None:
        self.by_key: dict[str, dict[str, Any]] = {}
        self.by_place: dict[str, list[dict[str, Any]]] = {}
        for entry in raw if isinstance(raw, list) else []:
            if not isinstance(entry, dict):
                continue
            if "entity" in entry and _is_id(entry["entity"]):
                self.by_key[f"{entry['entity']!r}"] = entry
            if "spans" in entry:
                self.by_place.setdefault(self.place(entry), []).append(entry)
        self.used: set[int] = set()

    @staticmethod
    def place(entry: dict[str, Any]) -> str:
        return json.dumps([entry.get("spans"), entry.get("mention"), entry.get("cue")])

    def find(self, group: list[str], quote: QuoteRecord) -> dict[str, Any]:
        place = self.place(_place(quote))
        for key in group:
            entry = self.by_key.get(key)
            if (
                entry is not None
                and id(entry) not in self.used
                and ("spans" not in entry or self.place(entry) == place)
            ):
                self.used.add(id(entry))
                return entry
        for entry in self.by_place.get(place, []):
            if id(entry) not in self.used:
                self.used.add(id(entry))
                return entry
        return {}


def _place(quote: QuoteRecord) -> dict[str, Any]:
    """Where a quote is, as its ``quotes`` entry says it."""
    return {
        "spans": [list(span) for span in sorted(quote.spans)],
        "mention": list(quote.mention) if quote.mention else None,
        "cue": list(quote.cue) if quote.cue else None,
    }


def _record(item: Any, path: Path, line: int, options: ReadOptions) -> DocumentRecord:
    def fail(reason: str) -> ImportFailed:
        return ImportFailed(path, reason, line)

    if not isinstance(item, dict):
        raise fail("not a JSON object")
    text = item.get(options.text_field)
    if not isinstance(text, str):
        raise fail(f"no text in {options.text_field!r}")
    spans: dict[Any, tuple[str, tuple[int, int]]] = {}
    for ident, label, start, end in _entities(item, fail):
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
            raise fail(f"offsets of {label} must be whole numbers, got {start!r}, {end!r}")
        if not 0 <= start < end <= len(text):
            raise fail(
                f"{label} offsets {start}-{end} lie outside the text, which has "
                f"{len(text)} characters"
            )
        kind = _LABELS.get(label.casefold())
        if kind is None:
            options.unsupported[f"doccano label {label}"] += 1
            continue
        spans[ident] = (kind, (start, end))

    pieces = LinkedPieces()
    keys = {ident: f"{ident!r}" for ident in spans}
    for ident, (kind, span) in spans.items():
        if kind == QUOTE:
            pieces.add(keys[ident], span)
    linked: set[Any] = set()
    for relation in item.get("relations") or []:
        if not isinstance(relation, dict):
            raise fail("a relation is not a JSON object")
        a, b = relation.get("from_id"), relation.get("to_id")
        if not (_is_id(a) and _is_id(b)):
            raise fail(f"a relation's from_id and to_id must be ids, got {a!r}, {b!r}")
        if a not in spans or b not in spans:
            options.unsupported["doccano relation to a span not imported"] += 1
            continue
        kinds = {spans[a][0], spans[b][0]}
        type_ = str(relation.get("type") or "").casefold()
        if kinds == {QUOTE} and type_ in ("", CONTINUES):
            pieces.join(keys[a], keys[b])
        elif len(kinds) == 2 and QUOTE in kinds:
            quote, other = (a, b) if spans[a][0] == QUOTE else (b, a)
            role = "mention" if spans[other][0] == SPEAKER else "cue"
            pieces.attach(keys[quote], role, spans[other][1])
            linked.add(other)
        else:
            options.unsupported[f"doccano relation {type_ or '/'.join(sorted(kinds))}"] += 1
    for ident, (kind, _) in spans.items():
        if kind != QUOTE and ident not in linked:
            options.unsupported[f"doccano {kind} span without a relation to a QUOTE"] += 1

    comments = item.get("Comments")
    if isinstance(comments, list) and comments:
        options.unsupported["doccano comment"] += len(comments)
    entries = _Entries(item.get("quotes"))
    quotes = []
    for group, quote in pieces.quotes(options.annotator, "imported"):
        entry = entries.find(group, quote)
        quote.speaker = implied_speaker(text, quote.mention)
        for field in _QUOTE_FIELDS:
            if field in entry and (entry[field] is None or isinstance(entry[field], str)):
                setattr(quote, field, entry[field])
        quote.target, quote.note = quote.target or "", quote.note or ""
        if quote.origin is None:
            quote.origin = "imported"
        if isinstance(entry.get("speaker_aliases"), list):
            quote.speaker_aliases = [str(a) for a in entry["speaker_aliases"]]
        quotes.append(quote)
    quotes.sort(key=lambda q: q.spans[0])
    external_id = item.get("external_id") or item.get(options.id_field) or f"{path.stem}-{line}"
    if not isinstance(external_id, str | int) or isinstance(external_id, bool):
        raise fail(f"the document id must be a string or a number, got {external_id!r}")
    metadata: dict[str, Any] = item["metadata"] if isinstance(item.get("metadata"), dict) else {}
    extra = {k: v for k, v in item.items() if k not in _OWN_KEYS and k != options.text_field}
    return DocumentRecord(
        external_id=str(external_id),
        title=str(item.get(options.title_field) or ""),
        text=text,
        metadata={**extra, **metadata},
        collection=str(item.get("collection") or ""),
        source=shareable_source(item["source"]) if isinstance(item.get("source"), str) else "",
        status=str(item["status"]) if item.get("status") in STATUSES else "new",
        quotes=quotes,
    )


def read_doccano(path: Path, options: ReadOptions) -> Iterator[DocumentRecord]:
    for number, line in enumerate(read_text(path).split("\n"), 1):
        if not line.strip():
            continue
        item = loads(line, path, number)
        yield _record(item, path, number, options)


def detect_doccano(path: Path) -> bool:
    """A ``.jsonl``/``.json`` file whose first line holds doccano spans."""
    head = peek(path, (".jsonl", ".json"))
    return (
        head is not None
        and head[:1] == "{"
        and bool(
            re.search(r'"entities"\s*:\s*\[\s*(\{|\])', head)
            or re.search(r'"labels?"\s*:\s*\[\s*\[\s*-?\d', head)
        )
    )


# -- writing -----------------------------------------------------------------------


def _line(number: int, record: DocumentRecord, counter: list[int]) -> dict[str, Any]:
    entities: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []

    def entity(label: str, span: tuple[int, int]) -> int:
        counter[0] += 1
        entities.append(
            {"id": counter[0], "label": label, "start_offset": span[0], "end_offset": span[1]}
        )
        return counter[0]

    def relation(from_id: int, to_id: int, type_: str) -> None:
        counter[1] += 1
        relations.append({"id": counter[1], "from_id": from_id, "to_id": to_id, "type": type_})

    for quote in record.quotes:
        pieces = [entity(QUOTE, span) for span in sorted(quote.spans)]
        for piece in pieces[1:]:
            relation(pieces[0], piece, CONTINUES)
        if quote.mention is not None:
            relation(entity(SPEAKER, quote.mention), pieces[0], "speaker")
        if quote.cue is not None:
            relation(entity(CUE, quote.cue), pieces[0], "cue")
        entry: dict[str, Any] = {"entity": pieces[0], **_place(quote)}
        if quote.speaker != implied_speaker(record.text, quote.mention):
            entry["speaker"] = quote.speaker
        for field in _QUOTE_FIELDS[1:]:
            if getattr(quote, field):
                entry[field] = getattr(quote, field)
        if quote.speaker_aliases:
            entry["speaker_aliases"] = quote.speaker_aliases
        quotes.append(entry)
    return {
        "id": number,
        "text": record.text,
        "entities": entities,
        "relations": relations,
        "Comments": [],
        "quotes": quotes,
        "external_id": record.external_id,
        "title": record.title,
        "status": record.status,
        "metadata": record.metadata,
        "collection": record.collection,
        "source": shareable_source(record.source),
    }


def write_doccano(records: Iterable[DocumentRecord], target: Path, options: WriteOptions) -> None:
    counter = [0, 0]  # entity and relation ids, unique across the file as doccano's are
    with target.open("w", encoding="utf-8") as out:
        for number, record in enumerate(records, 1):
            out.write(json.dumps(_line(number, record, counter), ensure_ascii=False) + "\n")


register(
    Format(
        "doccano",
        "doccano JSONL (entities and relations; also reads [start, end, label] lists)",
        extensions=(".jsonl",),
        read=read_doccano,
        write=write_doccano,
        detect=detect_doccano,
    )
)
