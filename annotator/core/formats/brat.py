"""brat standoff: ``.txt`` + ``.ann`` pairs, as in the attribution corpora (PolNeAR, PARC 3.0).

One attribution is three text-bound annotations (``Source``, ``Cue``,
``Content``), an ``Attribution`` trigger over the cue (or the first content
piece when there is no cue), and an event tying them together::

    T1	Source 0 13	Rex Tillerson
    T2	Cue 14 18	said
    T3	Content 19 30;41 52	first piece second piece
    T4	Attribution 14 18	said
    E1	Attribution:T4 Content:T3 Cue:T2 Source:T1
    A1	Stance E1 opposes
    #1	AnnotatorNotes E1	a note

A folder is read whole: ``NAME.txt`` beside ``NAME.ann``, or the PolNeAR
layout ``text/NAME.txt`` with ``attributions/NAME_ANNOTATOR.ann`` (one file
per annotator). brat offsets count the characters of the ``.txt`` as it is on
disk, so offsets into a CRLF file are mapped onto the LF text we store.
"""

from __future__ import annotations

import bisect
import codecs
import collections
import logging
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import ImportFailed
from annotator.core.formats import Format, ReadOptions, WriteOptions, register
from annotator.core.formats.brat_scheme import (
    ATTRIBUTES,
    CONTENT,
    CUE,
    EVENT_TYPES,
    NO_SPEAKER,
    SOURCE,
    TRIGGER,
    annotation_conf,
    decode_note,
    decode_value,
    encode_note,
    encode_value,
    file_name,
)
from annotator.core.model import DocumentRecord, QuoteRecord
from annotator.core.names import implied_speaker
from annotator.core.text import decode, read_text

# The value escaping and annotation.conf live in brat_scheme; they stay
# importable from here, where callers have always found them.
__all__ = [
    "annotation_conf",
    "decode_value",
    "detect_brat",
    "encode_value",
    "read_brat",
    "write_brat",
]

log = logging.getLogger("annotator.formats")


# -- reading ---------------------------------------------------------------------


@dataclass
class _TextBound:
    id: str
    type: str
    spans: list[tuple[int, int]]
    line: int


@dataclass
class _Event:
    id: str
    type: str
    trigger: str
    args: list[tuple[str, str]]
    line: int
    attributes: dict[str, str | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class _Text:
    """A ``.txt`` as brat counts it (raw) and as we store it (newlines normalised)."""

    def __init__(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ImportFailed(path, error.strerror or str(error)) from None
        self.path = path
        self.text = decode(data, path)
        if data.startswith(codecs.BOM_UTF8):
            self.raw = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            self.raw = data.decode("utf-16")
        else:
            self.raw = data.decode("utf-8")
        # Positions of the CRs that normalisation drops (those of CRLF pairs).
        self._dropped = [m.start() for m in re.finditer("\r\n", self.raw)]

    def to_stored(self, offset: int) -> int:
        return offset - bisect.bisect_left(self._dropped, offset)


def _text_for(ann: Path) -> tuple[Path, str | None] | None:
    """The ``.txt`` an ``.ann`` annotates, and the annotator its name gives, if any."""
    stem, folder = ann.stem, ann.parent
    folders = [folder, folder.parent / "text"]
    for candidate in folders:
        if (candidate / f"{stem}.txt").is_file():
            return candidate / f"{stem}.txt", None
    # NAME_ANNOTATOR.ann: the longest NAME that has a text wins.
    cuts = [i for i, char in enumerate(stem) if char == "_"]
    for cut in reversed(cuts):
        for candidate in folders:
            text = candidate / f"{stem[:cut]}.txt"
            if text.is_file() and stem[cut + 1 :]:
                return text, urllib.parse.unquote(stem[cut + 1 :])
    return None


def _offsets(ann: Path, number: int, value: str, text: _Text) -> list[tuple[int, int]]:
    spans = []
    for piece in value.split(";"):
        bounds = piece.split()
        if len(bounds) != 2 or not all(b.isdigit() for b in bounds):
            raise ImportFailed(ann, f"offsets {value!r} are not 'START END[;START END]'", number)
        start, end = int(bounds[0]), int(bounds[1])
        if end > len(text.raw):
            raise ImportFailed(
                ann,
                f"offsets {start} {end} lie past the end of {text.path.name}, which has "
                f"{len(text.raw)} characters",
                number,
            )
        if start >= end:
            raise ImportFailed(ann, f"offsets {start} {end} are empty or reversed", number)
        spans.append((start, end))
    return spans


def _check_text(
    ann: Path, number: int, spans: list[tuple[int, int]], said: str, text: _Text
) -> None:
    # brat joins the pieces of a discontinuous span with a space and writes
    # line breaks as spaces: compare with whitespace collapsed.
    found = " ".join(text.raw[start:end] for start, end in spans)
    if " ".join(found.split()) != " ".join(said.split()):
        where = ";".join(f"{s} {e}" for s, e in spans)
        raise ImportFailed(
            ann,
            f"the text at {where} in {text.path.name} is {found[:60]!r}, "
            f"but the annotation says {said[:60]!r}",
            number,
        )


def _parse_ann(
    ann: Path, text: _Text, options: ReadOptions
) -> tuple[dict[str, _TextBound], dict[str, _Event], dict[str, list[str]]]:
    """Text-bounds and events of one ``.ann`` (offsets still raw); notes on text-bounds."""
    bounds: dict[str, _TextBound] = {}
    events: dict[str, _Event] = {}
    attributes: list[tuple[int, str, str, str | None]] = []
    notes: list[tuple[int, str, str]] = []
    for number, line in enumerate(read_text(ann).split("\n"), start=1):
        if not line.strip():
            continue
        ident, _, rest = line.partition("\t")
        kind = ident[:1]
        if kind == "T":
            head, _, said = rest.partition("\t")
            type_, _, value = head.partition(" ")
            if not type_ or not value:
                raise ImportFailed(ann, f"text-bound annotation {ident} has no offsets", number)
            spans = _offsets(ann, number, value, text)
            if said:
                _check_text(ann, number, spans, said, text)
            bounds[ident] = _TextBound(ident, type_, spans, number)
        elif kind == "E":
            parts = rest.split()
            if not parts or ":" not in parts[0]:
                raise ImportFailed(ann, f"event {ident} has no TYPE:TRIGGER", number)
            type_, trigger = parts[0].split(":", 1)
            args = []
            for part in parts[1:]:
                role, sep, target = part.partition(":")
                if not sep:
                    raise ImportFailed(ann, f"event argument {part!r} is not ROLE:ID", number)
                args.append((role, target))
            events[ident] = _Event(ident, type_, trigger, args, number)
        elif kind in ("A", "M"):
            parts = rest.split()
            if len(parts) < 2:
                raise ImportFailed(ann, f"attribute {ident} needs a name and a target", number)
            attributes.append((number, parts[0], parts[1], parts[2] if len(parts) > 2 else None))
        elif kind == "#":
            head, _, note = rest.partition("\t")
            parts = head.split()
            if len(parts) < 2:
                raise ImportFailed(ann, f"note {ident} needs a type and a target", number)
            notes.append((number, parts[1], decode_note(note)))
        elif kind == "R":
            options.unsupported[f"brat relation type {rest.split()[0] if rest else '?'}"] += 1
        elif kind == "*":
            options.unsupported["brat equivalence (*)"] += 1
        elif kind == "N":
            options.unsupported["brat normalization"] += 1
        else:
            raise ImportFailed(ann, f"not a brat standoff line: {line[:60]!r}", number)
    for event in events.values():
        if event.trigger not in bounds:
            raise ImportFailed(
                ann, f"event {event.id} has trigger {event.trigger}, which is not here", event.line
            )
        for role, target in list(event.args):
            if target in events:
                # Events as arguments of events (nested events) have no quote meaning.
                options.unsupported["brat event as an event argument"] += 1
                event.args.remove((role, target))
            elif target not in bounds:
                raise ImportFailed(
                    ann, f"event {event.id} names {target}, which is not here", event.line
                )
    for number, name, target, setting in attributes:
        if target in events and (name in ATTRIBUTES or name == NO_SPEAKER):
            events[target].attributes[name] = setting
        elif target not in events and target not in bounds:
            raise ImportFailed(ann, f"attribute {name} names {target}, which is not here", number)
        else:
            options.unsupported[f"brat attribute {name}"] += 1
    bound_notes: dict[str, list[str]] = collections.defaultdict(list)
    for number, target, note in notes:
        if target in events:
            events[target].notes.append(note)
        elif target in bounds:
            bound_notes[target].append(note)
        else:
            raise ImportFailed(ann, f"note names {target}, which is not here", number)
    return bounds, events, bound_notes


def _hull(spans: list[tuple[int, int]]) -> tuple[int, int]:
    return min(s for s, _ in spans), max(e for _, e in spans)


def _quotes(
    ann: Path, text: _Text, annotator: str | None, options: ReadOptions
) -> list[QuoteRecord]:
    bounds, events, bound_notes = _parse_ann(ann, text, options)

    def stored(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(text.to_stored(s), text.to_stored(e)) for s, e in spans]

    quotes: list[QuoteRecord] = []
    used: set[str] = set()
    for event in events.values():
        if event.type not in EVENT_TYPES:
            options.unsupported[f"brat event type {event.type}"] += 1
            continue
        roles: dict[str, list[_TextBound]] = collections.defaultdict(list)
        for role, target in event.args:
            base = role.rstrip("0123456789")
            if base in (CONTENT, SOURCE, CUE):
                roles[base].append(bounds[target])
                used.add(target)
            else:
                options.unsupported[f"brat event role {base}"] += 1
        if not roles[CONTENT]:
            options.unsupported["brat attribution without Content"] += 1
            continue
        spans = sorted({s for bound in roles[CONTENT] for s in stored(bound.spans)})
        quote = QuoteRecord(spans=spans, annotator=annotator)
        for role, name in ((SOURCE, "mention"), (CUE, "cue")):
            found = roles[role]
            if len(found) > 1:
                options.unsupported[f"brat extra {role} in one attribution"] += len(found) - 1
            if found:
                if len(found[0].spans) > 1:
                    options.unsupported[f"brat discontinuous {role} (kept as one span)"] += 1
                setattr(quote, name, _hull(stored(found[0].spans)))
        if quote.mention is not None:
            quote.speaker = implied_speaker(text.text, quote.mention)
        for attribute, value in event.attributes.items():
            if attribute == NO_SPEAKER:
                quote.speaker = None
            elif value is not None:
                setattr(quote, ATTRIBUTES[attribute], decode_value(value))
        content_notes = [n for b in roles[CONTENT] for n in bound_notes.pop(b.id, [])]
        quote.note = "\n".join(event.notes + content_notes)
        quotes.append(quote)
    for bound in bounds.values():
        if bound.id in used or bound.type in EVENT_TYPES:
            continue
        if bound.type == CONTENT:
            # Content with no attribution around it is still a quote, unattributed.
            note = "\n".join(bound_notes.pop(bound.id, []))
            quotes.append(QuoteRecord(spans=stored(bound.spans), note=note, annotator=annotator))
        elif bound.type in (SOURCE, CUE):
            options.unsupported[f"brat {bound.type} outside an attribution"] += 1
        else:
            options.unsupported[f"brat entity type {bound.type}"] += 1
    for target in bound_notes:
        options.unsupported[f"brat note on {bounds[target].type}"] += 1
    quotes.sort(key=lambda q: (q.spans[0], q.annotator or ""))
    return quotes


def _ann_files(path: Path) -> list[Path]:
    if path.is_dir():
        found = sorted(p for p in path.rglob("*.ann") if p.is_file())
        if not found:
            raise ImportFailed(path, "no brat .ann files in this folder")
        return found
    if path.suffix.lower() == ".txt":
        if not path.with_suffix(".ann").is_file():
            raise ImportFailed(path, f"no {path.stem}.ann beside it")
        return [path.with_suffix(".ann")]
    return [path]


def read_brat(path: Path, options: ReadOptions) -> Iterator[DocumentRecord]:
    """Documents of a brat folder (or one ``.ann`` file), one per ``.txt``."""
    groups: dict[Path, list[tuple[Path, str | None]]] = {}
    for ann in _ann_files(path):
        found = _text_for(ann)
        if found is None:
            raise ImportFailed(
                ann,
                f"no text file for it: looked for {ann.stem}.txt beside it and in ../text/ "
                "(and NAME.txt for NAME_ANNOTATOR.ann)",
            )
        text_path, annotator = found
        groups.setdefault(text_path, []).append((ann, annotator or options.annotator))
    for text_path, anns in groups.items():
        text = _Text(text_path)
        quotes = [q for ann, annotator in anns for q in _quotes(ann, text, annotator, options)]
        name = urllib.parse.unquote(text_path.stem)
        log.debug("brat: %s with %d quotes from %d files", name, len(quotes), len(anns))
        yield DocumentRecord(
            external_id=name, title=name, text=text.text, source=str(text_path), quotes=quotes
        )


def detect_brat(path: Path) -> bool:
    try:
        if path.is_dir():
            return any(path.glob("*.ann")) or any(path.glob("attributions/*.ann"))
        return path.suffix.lower() == ".ann"
    except OSError:
        return False


# -- writing ---------------------------------------------------------------------


class _Ids:
    def __init__(self) -> None:
        self.counts: collections.Counter[str] = collections.Counter()

    def __call__(self, prefix: str) -> str:
        self.counts[prefix] += 1
        return f"{prefix}{self.counts[prefix]}"


def _bound_line(ident: str, type_: str, spans: list[tuple[int, int]], text: str) -> str:
    offsets = ";".join(f"{s} {e}" for s, e in spans)
    said = " ".join(" ".join(text[s:e].split("\n")) for s, e in spans)
    return f"{ident}\t{type_} {offsets}\t{said.replace(chr(9), ' ')}"


def _ann_text(
    record: DocumentRecord, quotes: list[QuoteRecord], values: dict[str, set[str]]
) -> str:
    ids = _Ids()
    lines: list[str] = []
    text = record.text
    for quote in sorted(quotes, key=lambda q: sorted(q.spans)):
        args = []
        spans = sorted(quote.spans)
        if quote.mention is not None:
            source = ids("T")
            lines.append(_bound_line(source, SOURCE, [quote.mention], text))
        if quote.cue is not None:
            cue = ids("T")
            lines.append(_bound_line(cue, CUE, [quote.cue], text))
        content = ids("T")
        lines.append(_bound_line(content, CONTENT, spans, text))
        trigger = ids("T")
        lines.append(_bound_line(trigger, TRIGGER, [quote.cue or spans[0]], text))
        args.append(f"{CONTENT}:{content}")
        if quote.cue is not None:
            args.append(f"{CUE}:{cue}")
        if quote.mention is not None:
            args.append(f"{SOURCE}:{source}")
        event = ids("E")
        lines.append(f"{event}\t{TRIGGER}:{trigger} {' '.join(args)}")
        implied = implied_speaker(text, quote.mention)
        attributes = {
            "Stance": quote.stance,
            "QuoteType": quote.quote_type,
            "Target": quote.target or None,
            "Speaker": quote.speaker if quote.speaker != implied else None,
        }
        for name, value in attributes.items():
            if value:
                values[name].add(value)
                lines.append(f"{ids('A')}\t{name} {event} {encode_value(value)}")
        if quote.speaker is None and implied is not None:
            lines.append(f"{ids('A')}\t{NO_SPEAKER} {event}")
        if quote.note:
            lines.append(f"{ids('#')}\tAnnotatorNotes {event}\t{encode_note(quote.note)}")
    return "".join(f"{line}\n" for line in lines)


def _scheme_first(scheme: tuple[str, ...], used: set[str]) -> list[str]:
    return [*scheme, *sorted(used - set(scheme))]


def write_brat(records: Iterable[DocumentRecord], target: Path, options: WriteOptions) -> None:
    """Write ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` (PolNeAR layout)."""
    # The exporter may hand over an empty folder it made, or a path to create.
    (target / "text").mkdir(parents=True)
    (target / "attributions").mkdir()
    values: dict[str, set[str]] = {name: set() for name in ATTRIBUTES}
    for record in records:
        name = file_name(record.external_id)
        (target / "text" / f"{name}.txt").write_bytes(record.text.encode("utf-8"))
        by_annotator: dict[str | None, list[QuoteRecord]] = {}
        for quote in record.quotes:
            by_annotator.setdefault(quote.annotator, []).append(quote)
        # An empty .ann keeps a document without quotes in the collection.
        for annotator, quotes in (by_annotator or {None: []}).items():
            stem = f"{name}_{file_name(annotator)}" if annotator else name
            ann = _ann_text(record, quotes, values)
            (target / "attributions" / f"{stem}.ann").write_bytes(ann.encode("utf-8"))
    ordered = {
        "Stance": _scheme_first(options.stances, values["Stance"]),
        "QuoteType": _scheme_first(options.quote_types, values["QuoteType"]),
        "Target": sorted(values["Target"]),
        "Speaker": sorted(values["Speaker"]),
    }
    (target / "annotation.conf").write_text(annotation_conf(ordered), encoding="utf-8")


register(
    Format(
        "brat",
        "brat standoff folder (.txt + .ann; PolNeAR layout text/ + attributions/)",
        extensions=(".ann",),
        read=read_brat,
        write=write_brat,
        directory=True,
        detect=detect_brat,
    )
)
