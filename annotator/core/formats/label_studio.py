"""Label Studio JSON: a JSON array of tasks, as Label Studio exports and imports them.

Each task holds ``data.text`` and one annotation per annotator. A quote is
one ``labels`` region ``Quote`` per piece, plus optional ``Speaker`` and
``Cue`` regions, linked by ``relation`` items (labels ``continues``,
``speaker``, ``cue``). Stance and type are per-region ``choices``; target,
note and the registry speaker name are per-region ``textarea`` results on the
quote's first piece. Open suggestions (added when an export asks for them)
go into ``predictions``, one per engine, and predictions read back as quotes
of origin ``suggested`` credited to the engine. A quote accepted from a
suggestion is its coder's: it goes into the coder's annotation, its origin
kept in the task ``meta``.

Offsets: Label Studio (since its 2021 fix for emoji) stores ``start``/``end``
as code points, like Python, and so does this module. Files from older
versions counted UTF-16 units; a region whose ``value.text`` matches only
under UTF-16 counting is converted, so both read correctly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import ImportFailed
from annotator.core.formats import MAX_RECORD, Format, ReadOptions, WriteOptions, register
from annotator.core.formats.json_input import JsonItems, peek
from annotator.core.formats.linking import LinkedPieces
from annotator.core.model import ORIGINS, STATUSES, DocumentRecord, QuoteRecord
from annotator.core.names import implied_speaker
from annotator.core.sources import shareable_source
from annotator.core.utf16 import OffsetMap

QUOTE, SPEAKER, CUE = "Quote", "Speaker", "Cue"
# Region labels other tools' schemes use for the same roles (PARC naming).
_LABELS = {"quote": QUOTE, "content": QUOTE, "speaker": SPEAKER, "source": SPEAKER, "cue": CUE}
CHOICES = {"stance": "stance", "quote_type": "quote_type"}
TEXTAREAS = {"target": "target", "note": "note", "speaker": "speaker"}
CONTINUES = "continues"


# -- offsets -----------------------------------------------------------------------


def line_of(content: str, pattern: str) -> int | None:
    """The 1-based line where ``pattern`` (a regex) first matches in ``content``."""
    found = re.search(pattern, content)
    return content.count("\n", 0, found.start()) + 1 if found else None


# -- reading -----------------------------------------------------------------------


class _Task:
    """One task being read: its text and where to point in error messages."""

    def __init__(self, path: Path, content: str, first_line: int, number: int, text: str) -> None:
        self.path = path
        self.content = content  # the task's own JSON source
        self.first_line = first_line
        self.number = number
        self.text = text
        self._utf16: OffsetMap | None = None

    def from_utf16(self, offset: int) -> int:
        """The code-point index of a UTF-16 offset into the text (mapped once per task)."""
        if self._utf16 is None:
            self._utf16 = OffsetMap(self.text)
        return self._utf16.from_utf16(offset)

    def fail(self, region: Any, reason: str) -> ImportFailed:
        line = self.first_line
        if isinstance(region, str) and region:
            found = line_of(self.content, rf'"id"\s*:\s*{re.escape(json.dumps(region))}')
            line += (found or 1) - 1
        return ImportFailed(self.path, f"task {self.number}, region {region!r}: {reason}", line)

    def span(self, region: Any, value: dict[str, Any]) -> tuple[int, int]:
        start, end = value.get("start"), value.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
            raise self.fail(region, f"start and end must be whole numbers, got {start!r}, {end!r}")
        said = value.get("text")
        if isinstance(said, str) and self.text[start:end] != said:
            # Older Label Studio counted UTF-16 units.
            start16, end16 = self.from_utf16(start), self.from_utf16(end)
            if self.text[start16:end16] == said:
                start, end = start16, end16
            elif end <= len(self.text):
                raise self.fail(
                    region,
                    f"the text at {start}-{end} is {self.text[start:end][:60]!r}, "
                    f"but the region says {said[:60]!r}",
                )
        if not 0 <= start < end <= len(self.text):
            raise self.fail(
                region,
                f"offsets {start}-{end} lie outside the text, which has {len(self.text)} "
                "characters",
            )
        return start, end


class _Carried:
    """What Label Studio has no place for, kept in the task's ``meta`` by our export.

    Label Studio credits every imported annotation to the importing user and
    stamps it with the import time, but keeps the task ``meta`` and region ids
    as they were. ``meta.quotes`` maps each quote's first region id to its
    coder, stable id and timestamps (and the span, so an entry never lands on
    another region that happens to reuse the id); ``meta.speakers`` maps a
    speaker's name to their aliases.
    """

    def __init__(self, meta: dict[str, Any]) -> None:
        quotes, speakers = meta.get("quotes"), meta.get("speakers")
        self.quotes: dict[str, Any] = quotes if isinstance(quotes, dict) else {}
        self.speakers: dict[str, Any] = speakers if isinstance(speakers, dict) else {}

    def restore(self, region: str, quote: QuoteRecord) -> None:
        entry = self.quotes.get(region)
        if not isinstance(entry, dict) or entry.get("span") != list(quote.spans[0]):
            entry = {}
        if not quote.open_suggestion:
            if isinstance(entry.get("annotator"), str):
                quote.annotator = entry["annotator"]
            if entry.get("origin") in ORIGINS:
                quote.origin = entry["origin"]
        for key in ("uid", "created_at", "updated_at"):
            if isinstance(entry.get(key), str) and entry[key]:
                setattr(quote, key, entry[key])
        aliases = self.speakers.get(quote.speaker or "")
        if isinstance(aliases, list):
            quote.speaker_aliases = [a for a in aliases if isinstance(a, str)]


def _first(value: Any) -> str | None:
    if isinstance(value, list) and value and isinstance(value[0], str):
        return value[0]
    return value if isinstance(value, str) else None


def _quotes(
    task: _Task,
    results: list[Any],
    annotator: str | None,
    origin: str,
    options: ReadOptions,
    carried: _Carried,
) -> list[QuoteRecord]:
    regions: dict[str, tuple[str, tuple[int, int]]] = {}
    # Region id -> field -> (what Label Studio calls it, the value).
    fields: dict[str, dict[str, tuple[str, str]]] = {}
    relations: list[dict[str, Any]] = []
    for item in results:
        if not isinstance(item, dict):
            raise task.fail(None, "a result is not a JSON object")
        kind, region = item.get("type"), item.get("id")
        raw = item.get("value")
        value: dict[str, Any] = raw if isinstance(raw, dict) else {}
        if kind == "relation":
            relations.append(item)
        elif kind == "labels":
            labels = value.get("labels") or []
            if not isinstance(labels, list):
                raise task.fail(region, "'labels' must be a list of label names")
            known = [
                _LABELS[str(label).casefold()]
                for label in labels
                if str(label).casefold() in _LABELS
            ]
            for label in labels:
                if str(label).casefold() not in _LABELS:
                    options.unsupported[f"Label Studio label {label}"] += 1
            if not known:
                continue
            if not isinstance(region, str) or not region:
                raise task.fail(region, "a labels region has no id")
            regions[region] = (known[0], task.span(region, value))
        elif kind in ("choices", "textarea"):
            name = str(item.get("from_name"))
            wanted = CHOICES if kind == "choices" else TEXTAREAS
            chosen = _first(value.get("choices") if kind == "choices" else value.get("text"))
            if name in wanted and isinstance(region, str) and chosen is not None:
                fields.setdefault(region, {})[wanted[name]] = (f"{kind} {name}", chosen)
            else:
                options.unsupported[f"Label Studio {kind} {name}"] += 1
        else:
            options.unsupported[f"Label Studio region type {kind}"] += 1

    pieces = LinkedPieces()
    for region, (label, span) in regions.items():
        if label == QUOTE:
            pieces.add(region, span)
    linked: set[str] = set()
    for relation in relations:
        ends = relation.get("from_id"), relation.get("to_id")
        if not all(isinstance(e, str) and e in regions for e in ends):
            options.unsupported["Label Studio relation to a region not imported"] += 1
            continue
        a, b = (str(e) for e in ends)
        kinds = {regions[a][0], regions[b][0]}
        labels = [str(label).casefold() for label in _list(relation.get("labels"))]
        if kinds == {QUOTE} and set(labels) <= {CONTINUES}:
            pieces.join(a, b)
        elif len(kinds) == 2 and QUOTE in kinds:
            piece, other = (a, b) if regions[a][0] == QUOTE else (b, a)
            role = "mention" if regions[other][0] == SPEAKER else "cue"
            pieces.attach(piece, role, regions[other][1])
            linked.add(other)
        else:
            name = "/".join(sorted(kinds)) + (f" {'/'.join(labels)}" if labels else "")
            options.unsupported[f"Label Studio relation {name}"] += 1

    for region, (label, _) in regions.items():
        if label != QUOTE and region not in linked:
            options.unsupported[f"Label Studio {label} region without a relation to a Quote"] += 1
    for region, per_region in fields.items():
        # A field only a quote keeps, chosen on a Speaker or Cue region (or none).
        if region not in regions or regions[region][0] != QUOTE:
            on = regions[region][0] if region in regions else "missing"
            for field_name, _ in per_region.values():
                options.unsupported[f"Label Studio {field_name} on a {on} region"] += 1
    quotes = []
    for group, quote in pieces.quotes(annotator, origin):
        values: dict[str, str] = {}
        for region in group:
            for key, (name, found) in fields.get(region, {}).items():
                if values.setdefault(key, found) != found:
                    options.unsupported[f"Label Studio {name} differing on a later piece"] += 1
        quote.stance = values.get("stance") or None
        quote.quote_type = values.get("quote_type") or None
        quote.target = values.get("target", "")
        quote.note = values.get("note", "")
        if "speaker" in values:
            quote.speaker = " ".join(values["speaker"].split()) or None
        else:
            # Without a registry name, the speaker is linked by the mention's text.
            quote.speaker = implied_speaker(task.text, quote.mention)
        # A prediction is an open suggestion; annotations hold what coders made.
        quote.open_suggestion = origin == "suggested"
        carried.restore(group[0], quote)
        quotes.append(quote)
    quotes.sort(key=lambda q: q.spans[0])
    return quotes


def _annotator(annotation: dict[str, Any], options: ReadOptions) -> str | None:
    name = annotation.get("created_username")
    if isinstance(name, str) and name.strip():
        # Label Studio writes "email, user id".
        return re.sub(r",\s*\d+\s*$", "", name).strip()
    by = annotation.get("completed_by")
    if isinstance(by, dict):
        for key in ("email", "username", "id"):
            if by.get(key):
                return str(by[key])
    if isinstance(by, int) and not isinstance(by, bool):
        return f"Label Studio user {by}"
    return options.annotator


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _record(
    task: Any, number: int, path: Path, content: str, line: int, options: ReadOptions
) -> DocumentRecord:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise ImportFailed(path, f"task {number} has no 'data' object", line)
    for key in ("annotations", "predictions"):
        if task.get(key) is not None and not isinstance(task[key], list):
            raise ImportFailed(path, f"task {number}: {key!r} must be a list", line)
    for key in ("annotations", "predictions"):
        for entry in task.get(key) or []:
            result = entry.get("result") if isinstance(entry, dict) else None
            if result is not None and not isinstance(result, list):
                raise ImportFailed(path, f"task {number}: a 'result' must be a list", line)
    data = dict(task["data"])
    text = data.pop(options.text_field, None)
    if not isinstance(text, str):
        raise ImportFailed(path, f"task {number} has no text in data.{options.text_field}", line)
    external_id = data.pop("external_id", None) or data.pop(options.id_field, None)
    if external_id is None:
        external_id = task.get("id", f"{path.stem}-{number}")
    if not isinstance(external_id, str | int) or isinstance(external_id, bool):
        raise ImportFailed(path, f"task {number}: the id must be a string or a number", line)
    title = data.pop(options.title_field, "")
    if not isinstance(title, str | int | float) or isinstance(title, bool):
        raise ImportFailed(path, f"task {number}: the title must be a string", line)
    meta: dict[str, Any] = task["meta"] if isinstance(task.get("meta"), dict) else {}
    stored: dict[str, Any] = meta["metadata"] if isinstance(meta.get("metadata"), dict) else {}
    metadata = {**data, **stored}
    status = str(meta["status"]) if meta.get("status") in STATUSES else "new"
    reader = _Task(path, content, line, number, text)
    carried = _Carried(meta)
    quotes: list[QuoteRecord] = []
    for annotation in task.get("annotations") or []:
        if not isinstance(annotation, dict):
            raise ImportFailed(path, f"task {number}: an annotation is not a JSON object", line)
        if annotation.get("was_cancelled"):
            options.unsupported["Label Studio cancelled annotation"] += 1
            continue
        who = _annotator(annotation, options)
        result = annotation.get("result") or []
        quotes += _quotes(reader, result, who, "imported", options, carried)
    for prediction in task.get("predictions") or []:
        if isinstance(prediction, int) and not isinstance(prediction, bool):
            # Label Studio's default JSON export names predictions by id only.
            options.unsupported[
                "Label Studio prediction given only by its id (a snapshot export keeps them whole)"
            ] += 1
            continue
        if not isinstance(prediction, dict):
            raise ImportFailed(path, f"task {number}: a prediction is not a JSON object", line)
        model = prediction.get("model_version")
        who = str(model) if model else options.annotator
        result = prediction.get("result") or []
        quotes += _quotes(reader, result, who, "suggested", options, carried)
    source = meta.get("source")
    return DocumentRecord(
        external_id=str(external_id),
        title=str(title or ""),
        text=text,
        source=shareable_source(source) if isinstance(source, str) else "",
        collection=str(meta.get("collection") or ""),
        metadata=metadata,
        status=status,
        quotes=quotes,
    )


def read_label_studio(path: Path, options: ReadOptions) -> Iterator[DocumentRecord]:
    """Tasks one at a time: memory holds the largest task, not the file."""
    items = JsonItems(path, MAX_RECORD)
    for number, task in enumerate(items, 1):
        yield _record(task, number, path, items.raw, items.start_line, options)


def detect_label_studio(path: Path) -> bool:
    """A ``.json`` file whose start looks like Label Studio tasks."""
    head = peek(path, (".json",))
    return (
        head is not None
        and head[:1] in ("[", "{")
        and bool(
            re.search(r'"(annotations|predictions)"\s*:\s*\[', head)
            or re.search(r'"data"\s*:\s*\{', head)
        )
    )


# -- writing -----------------------------------------------------------------------


class _Ids:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f"r{self.count}"


def _region(ident: str, text: str, span: tuple[int, int], label: str) -> dict[str, Any]:
    start, end = span
    return {
        "id": ident,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "origin": "manual",
        "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
    }


def _per_region(
    ident: str, span: tuple[int, int], kind: str, name: str, value: str
) -> dict[str, Any]:
    key = "choices" if kind == "choices" else "text"
    return {
        "id": ident,
        "from_name": name,
        "to_name": "text",
        "type": kind,
        "origin": "manual",
        "value": {"start": span[0], "end": span[1], key: [value]},
    }


def _relation(from_id: str, to_id: str, label: str) -> dict[str, Any]:
    return {
        "from_id": from_id,
        "to_id": to_id,
        "type": "relation",
        "direction": "right",
        "labels": [label],
    }


def _results(
    text: str, quotes: list[QuoteRecord], ids: _Ids, carried: dict[str, Any]
) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    for quote in quotes:
        spans = sorted(quote.spans)
        pieces = [ids() for _ in spans]
        first = pieces[0]
        carried[first] = {
            "span": list(spans[0]),
            "annotator": quote.annotator,
            "uid": quote.uid,
            "origin": quote.origin,
            "created_at": quote.created_at,
            "updated_at": quote.updated_at,
        }
        results += [_region(i, text, s, QUOTE) for i, s in zip(pieces, spans, strict=True)]
        results += [_relation(first, piece, CONTINUES) for piece in pieces[1:]]
        for span, label, relation in (
            (quote.mention, SPEAKER, "speaker"),
            (quote.cue, CUE, "cue"),
        ):
            if span is not None:
                ident = ids()
                results.append(_region(ident, text, span, label))
                results.append(_relation(ident, first, relation))
        if quote.stance:
            results.append(_per_region(first, spans[0], "choices", "stance", quote.stance))
        if quote.quote_type:
            results.append(_per_region(first, spans[0], "choices", "quote_type", quote.quote_type))
        if quote.target:
            results.append(_per_region(first, spans[0], "textarea", "target", quote.target))
        if quote.note:
            results.append(_per_region(first, spans[0], "textarea", "note", quote.note))
        implied = implied_speaker(text, quote.mention)
        if quote.speaker is not None or implied is not None:
            # An empty name says "no speaker" where the mention would imply one.
            results.append(_per_region(first, spans[0], "textarea", "speaker", quote.speaker or ""))
    return results


def _task(number: int, record: DocumentRecord, ids: _Ids) -> dict[str, Any]:
    groups: dict[tuple[str, str | None], list[QuoteRecord]] = {}
    for quote in record.quotes:
        kind = "predictions" if quote.open_suggestion else "annotations"
        groups.setdefault((kind, quote.annotator), []).append(quote)
    task: dict[str, Any] = {"id": number, "annotations": [], "predictions": []}
    carried: dict[str, Any] = {}
    for (kind, annotator), quotes in groups.items():
        item: dict[str, Any] = {"id": len(task[kind]) + 1}
        if kind == "annotations":
            item["created_username"] = annotator or ""
            item["was_cancelled"] = False
            item["ground_truth"] = False
            stamps = [q.created_at for q in quotes if q.created_at]
            updates = [q.updated_at for q in quotes if q.updated_at]
            if stamps:
                item["created_at"] = min(stamps)
            if updates:
                item["updated_at"] = max(updates)
        else:
            item["model_version"] = annotator or ""
        item["result"] = _results(record.text, quotes, ids, carried)
        task[kind].append(item)
    task["data"] = {
        "text": record.text,
        "title": record.title,
        "external_id": record.external_id,
    }
    speakers = {q.speaker: q.speaker_aliases for q in record.quotes if q.speaker}
    task["meta"] = {
        "status": record.status,
        "metadata": record.metadata,
        "source": shareable_source(record.source),
        "collection": record.collection,
        # Label Studio keeps the task meta as it was; see _Carried.
        "quotes": carried,
        "speakers": {name: aliases for name, aliases in speakers.items() if aliases},
    }
    return task


def write_label_studio(
    records: Iterable[DocumentRecord], target: Path, options: WriteOptions
) -> None:
    """A JSON array with one task per document, one task per line."""
    ids = _Ids()
    with target.open("w", encoding="utf-8") as out:
        out.write("[")
        for number, record in enumerate(records, 1):
            out.write(",\n" if number > 1 else "\n")
            # Compact: an indented dump takes json's slow pure-Python path.
            out.write(json.dumps(_task(number, record, ids), ensure_ascii=False))
        out.write("\n]\n")


register(
    Format(
        "label-studio",
        "Label Studio JSON export (text tasks with Quote/Speaker/Cue regions and relations)",
        extensions=(".json",),
        read=read_label_studio,
        write=write_label_studio,
        detect=detect_label_studio,
    )
)
