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

A folder is read text by text: ``NAME.txt`` beside ``NAME.ann``, or the
PolNeAR layout ``text/NAME.txt`` with ``attributions/NAME_ANNOTATOR.ann`` (one
file per annotator). A text whose annotation files are wrong is refused alone
(``ReadOptions.refused``); the others are read. brat offsets count the
characters of the ``.txt`` as it is on disk, so offsets into a CRLF file are
mapped onto the LF text we store.

Nothing read is lost: what the quote model does not interpret (other entity
and event types, relations, attributes and notes on entities, the annotator
files themselves, how each quote was laid out) travels as
:class:`~annotator.core.model.ExtraMark` rows of format ``brat``, which
:mod:`annotator.core.formats.brat_write` turns back into the same annotations.
"""

from __future__ import annotations

import bisect
import codecs
import collections
import logging
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, ImportFailed
from annotator.core.formats import Format, ReadOptions, register
from annotator.core.formats.brat_scheme import (
    ATTRIBUTES,
    CONTENT,
    CUE,
    EVENT_TYPES,
    NO_SPEAKER,
    SOURCE,
    annotation_conf,
    decode_note,
    decode_value,
    encode_value,
)
from annotator.core.formats.brat_write import write_brat
from annotator.core.model import DocumentRecord, ExtraMark, QuoteRecord, new_uid
from annotator.core.speaker_names import document_speakers
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

BRAT = "brat"
# The start of an annotation line; any other line continues the span text of
# the ``T`` line before it (a span whose text holds line breaks).
_ANNOTATION_LINE = re.compile(r"(?:[TEARMN#]\d+|\*)\t")
# A shown excerpt of two strings that differ, on each side of the first difference.
_AROUND = 30


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
    notes: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Ann:
    bounds: dict[str, _TextBound] = field(default_factory=dict)
    events: dict[str, _Event] = field(default_factory=dict)
    # (line, attribute name, target id, value) on text-bounds.
    attributes: list[tuple[int, str, str, str | None]] = field(default_factory=list)
    # (note type, target id, text) on text-bounds.
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    # (relation type, [(role, target id)]).
    relations: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)


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

    def stored(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(self.to_stored(s), self.to_stored(e)) for s, e in spans]


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


def collection_of(text_path: Path) -> str:
    """The folder a brat text came from: above ``text/`` in the PolNeAR layout, else its own."""
    folder = text_path.parent
    if folder.name == "text" and folder.parent != folder:
        folder = folder.parent
    return folder.name


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


def where_differ(found: str, said: str) -> str:
    """Where two strings part: the character and an excerpt of each from a little before."""
    index = next(
        (i for i, (a, b) in enumerate(zip(found, said, strict=False)) if a != b),
        min(len(found), len(said)),
    )
    begin = max(0, index - _AROUND)
    return (
        f"they differ at character {index + 1}: the text has "
        f"{found[begin : index + _AROUND]!r}, the annotation {said[begin : index + _AROUND]!r}"
    )


def _check_text(
    ann: Path, number: int, spans: list[tuple[int, int]], said: str, text: _Text
) -> None:
    # brat joins the pieces of a discontinuous span with a space and writes
    # line breaks as spaces (or, in some corpora, as they are, so the line
    # continues): compare with white space collapsed.
    found = " ".join(" ".join(text.raw[start:end] for start, end in spans).split())
    said = " ".join(said.split())
    if found != said:
        where = ";".join(f"{s} {e}" for s, e in spans)
        raise ImportFailed(
            ann,
            f"the text at {where} in {text.path.name} is not the span text of the "
            f"annotation: {where_differ(found, said)}",
            number,
        )


def _lines(ann: Path) -> list[tuple[int, str]]:
    """The annotation lines of a file, span text broken across lines joined back."""
    lines: list[tuple[int, str]] = []
    pending_blank = 0
    for number, line in enumerate(read_text(ann).split("\n"), start=1):
        if _ANNOTATION_LINE.match(line):
            lines.append((number, line))
            pending_blank = 0
        elif not line.strip():
            pending_blank += 1
        elif lines and lines[-1][1].startswith("T"):
            first, joined = lines[-1]
            lines[-1] = (first, joined + "\n" * (pending_blank + 1) + line)
            pending_blank = 0
        else:
            raise ImportFailed(ann, f"not a brat standoff line: {line[:60]!r}", number)
    return lines


def _parse_ann(ann: Path, text: _Text, options: ReadOptions) -> _Ann:
    """Text-bounds, events, attributes, notes and relations of one ``.ann``."""
    parsed = _Ann()
    attributes: list[tuple[int, str, str, str | None]] = []
    notes: list[tuple[int, str, str, str]] = []
    for number, line in _lines(ann):
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
            parsed.bounds[ident] = _TextBound(ident, type_, spans, number)
        elif kind == "E":
            parts = rest.split()
            if not parts or ":" not in parts[0]:
                raise ImportFailed(ann, f"event {ident} has no TYPE:TRIGGER", number)
            type_, trigger = parts[0].split(":", 1)
            parsed.events[ident] = _Event(ident, type_, trigger, _roles(ann, number, parts), number)
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
            notes.append((number, parts[0], parts[1], decode_note(note)))
        elif kind == "R":
            parts = rest.split()
            if not parts:
                raise ImportFailed(ann, f"relation {ident} has no type", number)
            parsed.relations.append((parts[0], _roles(ann, number, parts)))
        elif kind == "*":
            options.unsupported["brat equivalence (*)"] += 1
        else:
            options.unsupported["brat normalization"] += 1
    _link(ann, parsed, attributes, notes, options)
    return parsed


def _roles(ann: Path, number: int, parts: list[str]) -> list[tuple[str, str]]:
    roles = []
    for part in parts[1:]:
        role, sep, target = part.partition(":")
        if not sep:
            raise ImportFailed(ann, f"argument {part!r} is not ROLE:ID", number)
        roles.append((role, target))
    return roles


def _link(
    ann: Path,
    parsed: _Ann,
    attributes: list[tuple[int, str, str, str | None]],
    notes: list[tuple[int, str, str, str]],
    options: ReadOptions,
) -> None:
    """Check every id an event, attribute, note or relation names; attach them."""
    bounds, events = parsed.bounds, parsed.events
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
    for kind, roles in parsed.relations:
        for _, target in roles:
            if target not in bounds:
                raise ImportFailed(ann, f"relation {kind} names {target}, which is not here")
    for number, name, target, setting in attributes:
        if target in events:
            events[target].attributes[name] = setting
        elif target in bounds:
            parsed.attributes.append((number, name, target, setting))
        else:
            raise ImportFailed(ann, f"attribute {name} names {target}, which is not here", number)
    for number, type_, target, note in notes:
        if target in events:
            events[target].notes.append((type_, note))
        elif target in bounds:
            parsed.notes.append((type_, target, note))
        else:
            raise ImportFailed(ann, f"note names {target}, which is not here", number)


def _hull(spans: list[tuple[int, int]]) -> tuple[int, int]:
    return min(s for s, _ in spans), max(e for _, e in spans)


@dataclass
class _Read:
    """One ``.ann`` file read: quotes, their layouts, what else it held."""

    quotes: list[QuoteRecord] = field(default_factory=list)
    layouts: list[dict[str, Any]] = field(default_factory=list)
    # Speaker set by a Speaker or NoSpeaker attribute, per quote (absent: from the mention).
    explicit: dict[int, str | None] = field(default_factory=dict)
    marks: list[ExtraMark] = field(default_factory=list)


def _read_ann(ann: Path, text: _Text, annotator: str | None, options: ReadOptions) -> _Read:
    parsed = _parse_ann(ann, text, options)
    bounds = parsed.bounds
    out = _Read()

    def ref(ident: str) -> list[Any]:
        bound = bounds[ident]
        return [bound.type, [list(span) for span in text.stored(bound.spans)]]

    def mark(kind: str, spans: list[tuple[int, int]], data: dict[str, Any]) -> None:
        out.marks.append(ExtraMark(BRAT, kind, spans, data, annotator))

    mark("file", [], {"name": ann.stem})
    used: set[str] = set()
    bound_notes: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for type_, target, note in parsed.notes:
        bound_notes[target].append((type_, note))
    for event in parsed.events.values():
        args = [[role, *ref(target)] for role, target in event.args]
        contents = [bounds[t] for r, t in event.args if r.rstrip("0123456789") == CONTENT]
        used.add(event.trigger)
        used.update(target for _, target in event.args)
        if event.type not in EVENT_TYPES or not contents:
            mark(
                "event",
                text.stored(bounds[event.trigger].spans),
                {
                    "type": event.type,
                    "trigger": ref(event.trigger),
                    "args": args,
                    "attributes": event.attributes,
                    "notes": event.notes,
                },
            )
            continue
        spans = sorted({s for bound in contents for s in text.stored(bound.spans)})
        quote = QuoteRecord(spans=spans, annotator=annotator, uid=new_uid())
        for role, name in ((SOURCE, "mention"), (CUE, "cue")):
            found = [bounds[t] for r, t in event.args if r.rstrip("0123456789") == role]
            if found:
                setattr(quote, name, _hull(text.stored(found[0].spans)))
        other_attributes: dict[str, str | None] = {}
        for attribute, value in event.attributes.items():
            if attribute == NO_SPEAKER:
                out.explicit[len(out.quotes)] = None
            elif attribute == "Speaker" and value is not None:
                out.explicit[len(out.quotes)] = decode_value(value)
            elif attribute in ATTRIBUTES and value is not None:
                setattr(quote, ATTRIBUTES[attribute], decode_value(value))
            else:
                other_attributes[attribute] = value
        notes: list[list[Any]] = [[None, kind, note] for kind, note in event.notes]
        for bound in contents:
            notes.extend(
                [ref(bound.id), kind, note] for kind, note in bound_notes.pop(bound.id, [])
            )
        quote.note = "\n".join(note for _, _, note in notes)
        out.quotes.append(quote)
        out.layouts.append(
            {
                "uid": quote.uid,
                "event": event.type,
                "trigger": ref(event.trigger),
                "args": args,
                "attributes": other_attributes,
                "notes": notes,
                "note": quote.note,
            }
        )
    for bound in bounds.values():
        if bound.id in used:
            continue
        if bound.type == CONTENT:
            # Content with no attribution around it is still a quote, unattributed.
            notes = [[ref(bound.id), kind, note] for kind, note in bound_notes.pop(bound.id, [])]
            quote = QuoteRecord(
                spans=text.stored(bound.spans),
                note="\n".join(note for _, _, note in notes),
                annotator=annotator,
                uid=new_uid(),
            )
            out.quotes.append(quote)
            out.layouts.append(
                {"uid": quote.uid, "event": None, "notes": notes, "note": quote.note}
            )
        else:
            mark("entity", text.stored(bound.spans), {"type": bound.type})
    for target, kept in bound_notes.items():
        for kind, note in kept:
            mark(
                "note",
                text.stored(bounds[target].spans),
                {"target": ref(target), "type": kind, "text": note},
            )
    for _, name, target, value in parsed.attributes:
        mark(
            "attribute",
            text.stored(bounds[target].spans),
            {"target": ref(target), "name": name, "value": value},
        )
    for kind, roles in parsed.relations:
        mark("relation", [], {"type": kind, "args": [[role, *ref(t)] for role, t in roles]})
    return out


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


def _record(
    text_path: Path, anns: list[tuple[Path, str | None]], options: ReadOptions
) -> DocumentRecord:
    text = _Text(text_path)
    reads = [(_read_ann(ann, text, annotator, options), annotator) for ann, annotator in anns]
    quotes = [quote for read, _ in reads for quote in read.quotes]
    names = document_speakers(text.text, [quote.mention for quote in quotes])
    marks: list[ExtraMark] = []
    position = 0
    for read, annotator in reads:
        for number, (quote, layout) in enumerate(zip(read.quotes, read.layouts, strict=True)):
            layout["speaker"] = names[position]
            quote.speaker = read.explicit.get(number, names[position])
            position += 1
            marks.append(ExtraMark(BRAT, "quote", list(quote.spans), layout, annotator))
        marks.extend(read.marks)
    quotes.sort(key=lambda q: (q.spans[0], q.annotator or ""))
    name = urllib.parse.unquote(text_path.stem)
    log.debug("brat: %s with %d quotes from %d files", name, len(quotes), len(anns))
    return DocumentRecord(
        external_id=name,
        title=name,
        text=text.text,
        source=str(text_path),
        quotes=quotes,
        collection=collection_of(text_path),
        extra=marks,
    )


class TextRefused(AnnotatorError):
    """One text of a brat folder is refused, with its annotation files; the rest import."""


# A text of a brat folder: its ``.txt`` and its annotation files with the annotator
# each names (None: the import's annotator).
BratText = tuple[Path, list[tuple[Path, str | None]]]


def brat_texts(path: Path) -> tuple[list[BratText], list[str]]:
    """The texts of a brat folder (or one ``.ann``), and why any ``.ann`` has none.

    Raises ImportFailed for a folder without ``.ann`` files, and for a single
    file whose text is missing.
    """
    groups: dict[Path, list[tuple[Path, str | None]]] = {}
    refused: list[str] = []
    single = not path.is_dir()
    for ann in _ann_files(path):
        found = _text_for(ann)
        if found is None:
            error = ImportFailed(
                ann,
                f"no text file for it: looked for {ann.stem}.txt beside it and in ../text/ "
                "(and NAME.txt for NAME_ANNOTATOR.ann)",
            )
            if single:
                raise error
            refused.append(str(error))
            continue
        text_path, annotator = found
        groups.setdefault(text_path, []).append((ann, annotator))
    return list(groups.items()), refused


def read_brat_text(text: BratText, options: ReadOptions) -> DocumentRecord:
    """The document of one text of a brat folder; TextRefused names it and its files."""
    text_path, anns = text
    named = [(ann, annotator or options.annotator) for ann, annotator in anns]
    try:
        return _record(text_path, named, options)
    except ImportFailed as error:
        files = ", ".join(ann.name for ann, _ in anns)
        # The import's summary names it; the log keeps it for the record.
        log.info("brat: refused %s: %s", text_path, error)
        raise TextRefused(f"{error} (refused {text_path.name} with {files})") from None


def read_brat(path: Path, options: ReadOptions) -> Iterator[DocumentRecord]:
    """Documents of a brat folder (or one ``.ann`` file), one per ``.txt``.

    A text whose files are wrong is left out and its reason added to
    ``options.refused``; a single file that is wrong raises ImportFailed.
    """
    single = not path.is_dir()
    texts, refused = brat_texts(path)
    options.refused.extend(refused)
    for text in texts:
        if single:
            text_path, anns = text
            yield _record(
                text_path, [(ann, who or options.annotator) for ann, who in anns], options
            )
            continue
        try:
            record = read_brat_text(text, options)
        except TextRefused as error:
            options.refused.append(str(error))
            continue
        yield record


def detect_brat(path: Path) -> bool:
    try:
        if path.is_dir():
            return any(path.glob("*.ann")) or any(path.glob("attributions/*.ann"))
        return path.suffix.lower() == ".ann"
    except OSError:
        return False


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
