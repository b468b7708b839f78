"""The brat vocabulary of quote attributions, and how values are spelt in brat files.

The entity, event and attribute names that :mod:`annotator.core.formats.brat`
reads and writes, the escaping of attribute values, notes and file names (brat
splits lines on spaces and tabs, and ``annotation.conf`` on ``| , :``), and
the ``annotation.conf`` that declares them to brat.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Sequence

CONTENT, SOURCE, CUE = "Content", "Source", "Cue"
TRIGGER = "Attribution"
# PolNeAR marks attributions whose source is not in the text with its own type.
EVENT_TYPES = ("Attribution", "Attribution-no-source")
# brat attribute name -> QuoteRecord field.
ATTRIBUTES = {
    "Stance": "stance",
    "QuoteType": "quote_type",
    "Target": "target",
    "Speaker": "speaker",
}
# A binary attribute: the quote has a mention but deliberately no speaker.
NO_SPEAKER = "NoSpeaker"
# Characters an attribute value cannot hold as they are (brat splits on
# space; annotation.conf lists values with | and , and :).
_ESCAPED = set("%_|,:")


def encode_value(value: str) -> str:
    """An attribute value brat can hold: spaces as ``_``, and ``_ % | , :`` percent-escaped."""
    out = []
    for char in value:
        if char == " ":
            out.append("_")
        elif char in _ESCAPED or char.isspace():
            out.append("".join(f"%{byte:02X}" for byte in char.encode("utf-8")))
        else:
            out.append(char)
    return "".join(out)


def decode_value(value: str) -> str:
    return urllib.parse.unquote(value.replace("_", " "))


def encode_note(note: str) -> str:
    return note.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def decode_note(note: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), note)


def file_name(name: str) -> str:
    """A file name for an external id or annotator, reversible with ``unquote``."""
    quoted = urllib.parse.quote(name, safe=" -.,()+=@~'")
    return quoted if quoted.strip(".") else quoted.replace(".", "%2E")


def annotation_conf(
    values: dict[str, list[str]], entities: Sequence[str] = (), events: Sequence[str] = ()
) -> str:
    """An ``annotation.conf`` that declares what the export uses, for brat to open it.

    ``entities`` and ``events`` are the other types the exported files hold
    (kept from an import: PolNeAR's Discard, Discuss, Attribution-no-source).
    """
    lines = [
        "# Quote attributions (Source, Cue, Content), as in PolNeAR and PARC 3.0.",
        "[entities]",
        SOURCE,
        CUE,
        CONTENT,
        *entities,
        "",
        "[relations]",
        "# Quotes overlap and nest.",
        "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
        "",
        "[events]",
        f"{TRIGGER}\t{CONTENT}:{CONTENT}, {CUE}?:{CUE}, {SOURCE}?:{SOURCE}",
        *(f"{event}\t{CONTENT}*:{CONTENT}, {CUE}*:{CUE}, {SOURCE}*:{SOURCE}" for event in events),
        "",
        "[attributes]",
    ]
    for name in ATTRIBUTES:
        if values.get(name):
            listed = "|".join(encode_value(v) for v in values[name])
            lines.append(f"{name}\tArg:{TRIGGER}, Value:{listed}")
    lines.append(f"{NO_SPEAKER}\tArg:{TRIGGER}")
    return "\n".join(lines) + "\n"
