"""Writing brat standoff: ``[COLLECTION/]text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``.

A quote imported from brat comes back as it was read (its ``quote`` layout
mark: event type, trigger, every role, notes on their entities) as long as
its spans, mention and cue are unchanged; any other quote is written in the
standard shape. Entities are written once per file, however many events
share them (a Source of two attributions). The other marks an import kept
(Discard and Discuss entities, events without content, relations,
attributes and notes on entities, empty annotator files) are written back.
"""

from __future__ import annotations

import collections
import functools
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from annotator.core.formats import WriteOptions
from annotator.core.formats.brat_scheme import (
    ATTRIBUTES,
    CONTENT,
    CUE,
    NO_SPEAKER,
    SOURCE,
    TRIGGER,
    annotation_conf,
    encode_note,
    encode_value,
    file_name,
)
from annotator.core.model import DocumentRecord, ExtraMark, QuoteRecord
from annotator.core.speaker_names import document_speakers

BRAT = "brat"


def _base(role: str) -> str:
    return role.rstrip("0123456789")


def _hull(spans: Sequence[Sequence[int]]) -> tuple[int, int]:
    return min(s for s, _ in spans), max(e for _, e in spans)


def _pairs(spans: Iterable[Sequence[int]]) -> list[tuple[int, int]]:
    return [(int(s), int(e)) for s, e in spans]


class _AnnWriter:
    """The lines of one ``.ann`` file, each entity written once."""

    def __init__(self, text: str, values: dict[str, set[str]], types: dict[str, set[str]]):
        self.text = text
        self.values = values
        self.types = types
        self.counts: collections.Counter[str] = collections.Counter()
        self.lines: list[str] = []
        self.entities: dict[tuple[str, tuple[tuple[int, int], ...]], str] = {}

    def _id(self, prefix: str) -> str:
        self.counts[prefix] += 1
        return f"{prefix}{self.counts[prefix]}"

    def entity(self, type_: str, spans: Iterable[Sequence[int]]) -> str:
        pairs = tuple(_pairs(spans))
        key = (type_, pairs)
        if key not in self.entities:
            ident = self._id("T")
            offsets = ";".join(f"{s} {e}" for s, e in pairs)
            said = " ".join(" ".join(self.text[s:e].split("\n")) for s, e in pairs)
            self.lines.append(f"{ident}\t{type_} {offsets}\t{said.replace(chr(9), ' ')}")
            self.entities[key] = ident
            self.types["entities"].add(type_)
        return self.entities[key]

    def event(self, type_: str, trigger: str, args: list[tuple[str, str]]) -> str:
        ident = self._id("E")
        roles = "".join(f" {role}:{target}" for role, target in args)
        self.lines.append(f"{ident}\t{type_}:{trigger}{roles}")
        self.types["events"].add(type_)
        return ident

    def attribute(self, name: str, target: str, value: str | None) -> None:
        if value is not None and name in self.values:
            self.values[name].add(value)
            value = encode_value(value)
        self.lines.append(f"{self._id('A')}\t{name} {target}" + (f" {value}" if value else ""))

    def note(self, kind: str, target: str, note: str) -> None:
        self.lines.append(f"{self._id('#')}\t{kind} {target}\t{encode_note(note)}")

    def relation(self, type_: str, args: list[tuple[str, str]]) -> None:
        roles = " ".join(f"{role}:{target}" for role, target in args)
        self.lines.append(f"{self._id('R')}\t{type_} {roles}")

    def ref(self, target: list[Any]) -> str:
        return self.entity(target[0], target[1])

    # -- quotes --

    def quote(self, quote: QuoteRecord, derived: str | None) -> None:
        """A quote in the standard shape: Source, Cue, Content, trigger, event, attributes."""
        spans = sorted(quote.spans)
        source = self.entity(SOURCE, [quote.mention]) if quote.mention else None
        cue = self.entity(CUE, [quote.cue]) if quote.cue else None
        content = self.entity(CONTENT, spans)
        trigger = self.entity(TRIGGER, [quote.cue or spans[0]])
        args = [(CONTENT, content)]
        if cue is not None:
            args.append((CUE, cue))
        if source is not None:
            args.append((SOURCE, source))
        event = self.event(TRIGGER, trigger, args)
        self._attributes(quote, event, derived)
        if quote.note:
            self.note("AnnotatorNotes", event, quote.note)

    def _attributes(self, quote: QuoteRecord, event: str, derived: str | None) -> None:
        speaker = quote.speaker
        differs = speaker is not None and (
            derived is None or speaker.casefold() != derived.casefold()
        )
        values = {
            "Stance": quote.stance,
            "QuoteType": quote.quote_type,
            "Target": quote.target or None,
            "Speaker": speaker if differs else None,
        }
        for name, value in values.items():
            if value:
                self.attribute(name, event, value)
        if speaker is None and derived is not None:
            self.attribute(NO_SPEAKER, event, None)

    def laid_out(self, quote: QuoteRecord, layout: dict[str, Any]) -> None:
        """A quote as brat import read it (see :func:`fits`)."""
        kept_note = quote.note == layout.get("note", "")
        if layout.get("event") is None:
            content = self.entity(CONTENT, sorted(quote.spans))
            if kept_note:
                for _, kind, note in layout.get("notes", []):
                    self.note(kind, content, note)
            elif quote.note:
                self.note("AnnotatorNotes", content, quote.note)
            return
        trigger = self.ref(layout["trigger"])
        args = [(role, self.entity(type_, spans)) for role, type_, spans in layout["args"]]
        event = self.event(layout["event"], trigger, args)
        self._attributes(quote, event, layout.get("speaker"))
        for name, value in layout.get("attributes", {}).items():
            self.attribute(name, event, value)
        if kept_note:
            for target, kind, note in layout.get("notes", []):
                self.note(kind, event if target is None else self.ref(target), note)
        elif quote.note:
            self.note("AnnotatorNotes", event, quote.note)

    def mark(self, mark: ExtraMark) -> None:
        data = mark.data
        if mark.kind == "entity":
            self.entity(data["type"], mark.spans)
        elif mark.kind == "event":
            trigger = self.ref(data["trigger"])
            args = [(role, self.entity(type_, spans)) for role, type_, spans in data["args"]]
            event = self.event(data["type"], trigger, args)
            for name, value in data.get("attributes", {}).items():
                self.attribute(name, event, value)
            for kind, note in data.get("notes", []):
                self.note(kind, event, note)
        elif mark.kind == "note":
            self.note(data["type"], self.ref(data["target"]), data["text"])
        elif mark.kind == "attribute":
            self.attribute(data["name"], self.ref(data["target"]), data.get("value"))
        elif mark.kind == "relation":
            args = [(role, self.entity(type_, spans)) for role, type_, spans in data["args"]]
            self.relation(data["type"], args)


def fits(quote: QuoteRecord, layout: ExtraMark) -> bool:
    """Whether a quote still is what its brat layout describes (not edited since import)."""
    data = layout.data
    spans = sorted(quote.spans)
    if data.get("event") is None:
        return (
            spans == sorted(_pairs(layout.spans))
            and quote.mention is None
            and quote.cue is None
            and not (quote.speaker or quote.stance or quote.quote_type or quote.target)
        )
    roles: dict[str, list[list[tuple[int, int]]]] = collections.defaultdict(list)
    for role, _, role_spans in data.get("args", []):
        roles[_base(role)].append(_pairs(role_spans))
    content = sorted({span for pieces in roles[CONTENT] for span in pieces})
    mention = _hull(roles[SOURCE][0]) if roles[SOURCE] else None
    cue = _hull(roles[CUE][0]) if roles[CUE] else None
    return (
        spans == content
        and (tuple(quote.mention) if quote.mention else None) == mention
        and (tuple(quote.cue) if quote.cue else None) == cue
    )


def ann_text(
    record: DocumentRecord,
    quotes: list[QuoteRecord],
    marks: list[ExtraMark],
    values: dict[str, set[str]],
    types: dict[str, set[str]],
    derived_of: Callable[[], dict[int, str | None]] | None = None,
) -> str:
    """One annotator's ``.ann`` for a document.

    ``derived_of()`` maps ``id(quote)`` to the speaker its mention gives by the
    speaker name rules over the whole document (see :func:`derived_speakers`);
    only quotes written in the standard shape need it.
    """
    writer = _AnnWriter(record.text, values, types)
    layouts = {m.data.get("uid"): m for m in marks if m.kind == "quote"}
    derived = derived_of or _once(lambda: derived_speakers(record))
    for quote in sorted(quotes, key=lambda q: sorted(q.spans)):
        layout = layouts.get(quote.uid)
        if layout is not None and fits(quote, layout):
            writer.laid_out(quote, layout.data)
        else:
            writer.quote(quote, derived().get(id(quote)))
    for mark in marks:
        if mark.kind not in ("quote", "file"):
            writer.mark(mark)
    return "".join(f"{line}\n" for line in writer.lines)


def _once(compute: Callable[[], dict[int, str | None]]) -> Callable[[], dict[int, str | None]]:
    found: list[dict[int, str | None]] = []

    def get() -> dict[int, str | None]:
        if not found:
            found.append(compute())
        return found[0]

    return get


def derived_speakers(record: DocumentRecord) -> dict[int, str | None]:
    """The speaker each quote's mention gives, as brat import will derive it again."""
    derived = document_speakers(record.text, [q.mention for q in record.quotes])
    return {id(q): name for q, name in zip(record.quotes, derived, strict=True)}


def _scheme_first(scheme: tuple[str, ...], used: set[str]) -> list[str]:
    return [*scheme, *sorted(used - set(scheme))]


def _files(record: DocumentRecord, name: str) -> dict[str | None, str]:
    """Annotator -> file stem: the names import read, then one per other annotator."""
    stems: dict[str | None, str] = {}
    for mark in record.extra:
        if mark.format == BRAT and mark.kind == "file":
            stems.setdefault(mark.annotator, str(mark.data.get("name") or name))
    for quote in record.quotes:
        if quote.annotator not in stems:
            annotator = quote.annotator
            stems[annotator] = f"{name}_{file_name(annotator)}" if annotator else name
    # An empty .ann keeps a document without quotes in the collection.
    return stems or {None: name}


def write_brat(records: Iterable[DocumentRecord], target: Path, options: WriteOptions) -> None:
    """Write ``[COLLECTION/]text/NAME.txt`` and ``[COLLECTION/]attributions/NAME_ANNOTATOR.ann``."""
    # The exporter may hand over an empty folder it made, or a path to create.
    target.mkdir(parents=True, exist_ok=True)
    values: dict[str, set[str]] = {name: set() for name in ATTRIBUTES}
    types: dict[str, set[str]] = {"entities": set(), "events": set()}
    for record in records:
        base = target / file_name(record.collection) if record.collection else target
        (base / "text").mkdir(parents=True, exist_ok=True)
        (base / "attributions").mkdir(exist_ok=True)
        name = file_name(record.external_id)
        (base / "text" / f"{name}.txt").write_bytes(record.text.encode("utf-8"))
        quotes: dict[str | None, list[QuoteRecord]] = collections.defaultdict(list)
        for quote in record.quotes:
            quotes[quote.annotator].append(quote)
        marks: dict[str | None, list[ExtraMark]] = collections.defaultdict(list)
        for mark in record.extra:
            if mark.format == BRAT:
                marks[mark.annotator].append(mark)
        derived = _once(functools.partial(derived_speakers, record))
        for annotator, stem in _files(record, name).items():
            ann = ann_text(record, quotes[annotator], marks[annotator], values, types, derived)
            (base / "attributions" / f"{stem}.ann").write_bytes(ann.encode("utf-8"))
    ordered = {
        "Stance": _scheme_first(options.stances, values["Stance"]),
        "QuoteType": _scheme_first(options.quote_types, values["QuoteType"]),
        "Target": sorted(values["Target"]),
        "Speaker": sorted(values["Speaker"]),
    }
    extra_entities = sorted(types["entities"] - {SOURCE, CUE, CONTENT} - types["events"])
    extra_events = sorted(types["events"] - {TRIGGER})
    (target / "annotation.conf").write_text(
        annotation_conf(ordered, extra_entities, extra_events), encoding="utf-8"
    )
