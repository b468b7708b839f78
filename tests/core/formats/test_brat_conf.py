"""Our brat export checked against its own annotation.conf, by brat's rules.

brat's validator is not installable, so this follows the rules of brat's
configuration documentation: every entity and event type used is declared;
an event's trigger has the event's type, each role is declared for the event
with an argument of an allowed type and within its arity (``?`` at most one,
``*`` any, ``+`` one or more, ``{n-m}``, none: exactly one; ``Role2`` counts
as ``Role``); every attribute is declared for the type it is on, with a
declared value (none for a binary attribute); relations are declared; notes
point at an existing annotation; a span's text is the text at its offsets.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core import exporting
from annotator.core.model import QuoteRecord
from tests.core.formats.samples import TEXT, at, project, sample_records


@dataclass
class Conf:
    entities: set[str] = field(default_factory=set)
    # Event type -> role -> (allowed argument types, least, most or None).
    events: dict[str, dict[str, tuple[set[str], int, int | None]]] = field(default_factory=dict)
    # Attribute -> (types it may be on, values or None for a binary attribute).
    attributes: dict[str, tuple[set[str], set[str] | None]] = field(default_factory=dict)
    relations: set[str] = field(default_factory=set)


def _arity(role: str) -> tuple[str, int, int | None]:
    found = re.fullmatch(r"(.+?)(\?|\*|\+|\{(\d+)-(\d+)\})?", role)
    assert found, role
    name, mark = found.group(1), found.group(2)
    if mark is None:
        return name, 1, 1
    if mark.startswith("{"):
        return name, int(found.group(3)), int(found.group(4))
    return name, *{"?": (0, 1), "*": (0, None), "+": (1, None)}[mark]


def parse_conf(text: str) -> Conf:
    conf, section = Conf(), None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if re.fullmatch(r"\[\w+\]", line.strip()):
            section = line.strip()[1:-1]
            continue
        name, _, rest = line.strip().partition("\t")
        name = name.lstrip("!")
        args = [a.strip() for a in rest.split(",") if a.strip()]
        if section == "entities":
            conf.entities.add(name)
        elif section == "relations":
            if not name.startswith("<"):
                conf.relations.add(name)
        elif section == "events":
            roles = conf.events.setdefault(name, {})
            for arg in args:
                role, _, types = arg.partition(":")
                role, least, most = _arity(role)
                roles[role] = (set(types.split("|")), least, most)
        elif section == "attributes":
            on: set[str] = set()
            values: set[str] | None = None
            for arg in args:
                key, _, value = arg.partition(":")
                if key == "Arg":
                    on = set(value.split("|"))
                elif key == "Value":
                    values = set(value.split("|"))
            conf.attributes[name] = (on, values)
        else:
            raise AssertionError(f"line outside a section: {line!r}")
    return conf


def check_ann(ann: str, conf: Conf, text: str) -> list[str]:
    """What in ``ann`` breaks the rules of ``conf`` (empty when it follows them)."""
    errors: list[str] = []
    types: dict[str, str] = {}
    lines = [line.split("\t") for line in ann.splitlines() if line.strip()]
    for parts in lines:
        ident = parts[0]
        if ident.startswith("T"):
            kind, _, places = parts[1].partition(" ")
            types[ident] = kind
            if kind not in conf.entities and kind not in conf.events:
                errors.append(f"{ident}: entity type {kind} is not declared")
            pieces = [tuple(map(int, p.split())) for p in places.split(";")]
            if " ".join(text[a:b] for a, b in pieces) != parts[2]:
                errors.append(f"{ident}: the text at {places} is not {parts[2]!r}")
        elif ident.startswith(("E", "R")):
            types[ident] = parts[1].split(":", 1)[0].split(" ", 1)[0]
    for parts in lines:
        ident = parts[0]
        if ident.startswith("E"):
            trigger, *arguments = parts[1].split()
            kind, _, trigger_id = trigger.partition(":")
            roles = conf.events.get(kind)
            if roles is None:
                errors.append(f"{ident}: event type {kind} is not declared")
                continue
            if types.get(trigger_id) != kind:
                errors.append(f"{ident}: trigger {trigger_id} is not a {kind}")
            count: dict[str, int] = {}
            for argument in arguments:
                role, _, target = argument.partition(":")
                role = re.sub(r"\d+$", "", role)
                count[role] = count.get(role, 0) + 1
                if role not in roles:
                    errors.append(f"{ident}: role {role} is not declared for {kind}")
                elif types.get(target) not in roles[role][0]:
                    errors.append(f"{ident}: {role} {target} is a {types.get(target)}")
            for role, (_, least, most) in roles.items():
                if not least <= count.get(role, 0) <= (most if most is not None else 10**9):
                    errors.append(f"{ident}: {count.get(role, 0)} {role}, not {least}-{most}")
        elif ident.startswith("A"):
            name, target, *value = parts[1].split(" ")
            if name not in conf.attributes:
                errors.append(f"{ident}: attribute {name} is not declared")
                continue
            on, values = conf.attributes[name]
            if types.get(target) not in on:
                errors.append(f"{ident}: {name} is not declared on {types.get(target)}")
            if values is None and value:
                errors.append(f"{ident}: binary attribute {name} has a value")
            elif values is not None and (len(value) != 1 or value[0] not in values):
                errors.append(f"{ident}: {name} value {' '.join(value)!r} is not declared")
        elif ident.startswith("R"):
            if types[ident] not in conf.relations:
                errors.append(f"{ident}: relation {types[ident]} is not declared")
        elif ident.startswith("#"):
            target = parts[1].split(" ")[1]
            if target not in types:
                errors.append(f"{ident}: a note on {target}, which does not exist")
    return errors


def check_folder(folder: Path) -> dict[str, list[str]]:
    conf = parse_conf((folder / "annotation.conf").read_text(encoding="utf-8"))
    found = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        text_name = next(t for t in (folder / "text").glob("*.txt") if ann.stem.startswith(t.stem))
        text = text_name.read_text(encoding="utf-8")
        found[ann.name] = check_ann(ann.read_text(encoding="utf-8"), conf, text)
    return found


def test_every_annotation_of_our_export_follows_its_annotation_conf(tmp_path):
    records = sample_records()
    # Values that brat's configuration syntax uses itself: , | : and spaces, tabs.
    records[0].quotes.append(
        QuoteRecord(
            spans=[at(TEXT, "urged restraint")],
            speaker="O'Brien, Jr. | the: envoy",
            stance="for, or | against: maybe",
            quote_type="in direct",
            target="a, b|c: d\te",
            annotator="cy",
        )
    )
    exporting.export(project(records), "brat", tmp_path / "out")
    found = check_folder(tmp_path / "out")
    assert set(found) == {"talks-2017_ana.ann", "talks-2017_ben.ann", "talks-2017_cy.ann"} | {
        "empty one.ann"
    }
    assert found == dict.fromkeys(found, [])


def test_the_checker_finds_what_brat_would_refuse():
    conf = parse_conf(
        "[entities]\nSource\nCue\nContent\n[relations]\n[events]\n"
        "Attribution\tContent:Content, Cue?:Cue, Source?:Source\n"
        "[attributes]\nStance\tArg:Attribution, Value:opposes|supports\n"
        "NoSpeaker\tArg:Attribution\n"
    )
    text = "He said yes."
    ann = (
        "T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\nT3\tContent 8 11\tyes\nT4\tAttribution 3 7\tsaid\n"
        "T5\tPlace 0 2\tHe\nT6\tCue 3 7\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Cue2:T6 Source:T3\n"
        "E2\tAttribution:T4\n"
        "A1\tStance E1 maybe\nA2\tNoSpeaker E1 yes\nA3\tColour E1 red\n"
        "R1\tNear Arg1:T1 Arg2:T2\n#1\tAnnotatorNotes E9\tnote\n"
    )
    assert check_ann(ann, conf, text) == [
        "T5: entity type Place is not declared",
        "E1: Source T3 is a Content",
        "E1: 2 Cue, not 0-1",
        "E2: 0 Content, not 1-1",
        "A1: Stance value 'maybe' is not declared",
        "A2: binary attribute NoSpeaker has a value",
        "A3: attribute Colour is not declared",
        "R1: relation Near is not declared",
        "#1: a note on E9, which does not exist",
    ]
