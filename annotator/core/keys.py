"""Keys: the ones the annotation window answers, and what a label's shortcut may be.

A stance or quote type set on a key the window already uses would make Qt
drop both ("Ambiguous shortcut overload"): ``Q`` would stop making quotes.
:data:`WINDOW_KEYS` is the one list of those keys; the window's shortcut table
(``annotator/gui/shortcuts.py``) must use only keys listed here, which a test
checks, and :func:`label_key` refuses them for labels.

Keys are in Qt's portable text: modifiers ``Ctrl``, ``Alt``, ``Shift``, ``Meta``
joined by ``+`` to one key (``Q``, ``5``, ``F3``, ``Ctrl+Shift+Z``).
"""

from __future__ import annotations

import re

from annotator.core.errors import InvalidValue

# The window's own shortcuts, with what they do. annotator/gui/shortcuts.py may use
# only these (tests/gui/test_reserved_keys.py): a new window key is added here first.
WINDOW_KEYS: dict[str, str] = {
    "Q": "make quote",
    "S": "speaker mention",
    "C": "cue",
    "A": "add piece",
    "Tab": "next quote",
    "Shift+Tab": "previous quote",
    "Del": "delete quote",
    "N": "next document",
    "P": "previous document",
    "D": "mark document done",
    "Ctrl+Z": "undo",
    "Ctrl+Shift+Z": "redo",
    "Ctrl+F": "search documents",
    "Ctrl+=": "zoom in",
    "Ctrl+-": "zoom out",
    "Ctrl+E": "edit speaker",
    "Ctrl+K": "colour by stance",
    "Ctrl+Q": "quit",
    "W": "select quotation",
    "Shift+S": "clear speaker mention",
    "Shift+C": "clear cue",
    "Alt+Up": "start one word earlier",
    "Alt+Down": "start one word later",
    "Alt+Left": "end one word earlier",
    "Alt+Right": "end one word later",
    "Alt+Shift+Up": "start one character earlier",
    "Alt+Shift+Down": "start one character later",
    "Alt+Shift+Left": "end one character earlier",
    "Alt+Shift+Right": "end one character later",
    "F3": "next search hit",
    "Shift+F3": "previous search hit",
    "J": "next suggestion",
    "Y": "accept suggestion",
    "E": "accept and edit suggestion",
    "X": "reject suggestion",
    "Shift+Y": "accept all suggestions",
}
# Keys the article text and the fields use to move, select, copy and confirm.
EDITING_KEYS: dict[str, str] = {
    **{
        f"{modifier}{key}": "moving and selecting in the text"
        for modifier in ("", "Shift+", "Ctrl+", "Ctrl+Shift+")
        for key in ("Left", "Right", "Up", "Down", "Home", "End", "PgUp", "PgDown")
    },
    "Ctrl+C": "copy",
    "Ctrl+A": "select all",
    "Return": "confirm",
    "Enter": "confirm",
    "Esc": "cancel",
    "Space": "typing",
    "Backspace": "typing",
}
RESERVED: dict[str, str] = {**EDITING_KEYS, **WINDOW_KEYS}

MODIFIERS = ("Ctrl", "Alt", "Shift", "Meta")
_ALIASES = {
    "delete": "Del",
    "escape": "Esc",
    "pageup": "PgUp",
    "pagedown": "PgDown",
    "control": "Ctrl",
    "ins": "Ins",
    "insert": "Ins",
}
_NAMED = (
    "Tab",
    "Backtab",
    "Backspace",
    "Return",
    "Enter",
    "Ins",
    "Del",
    "Pause",
    "Print",
    "Home",
    "End",
    "Left",
    "Up",
    "Right",
    "Down",
    "PgUp",
    "PgDown",
    "Esc",
    "Space",
    "Menu",
    *(f"F{number}" for number in range(1, 36)),
)
_NAMED_BY_FOLD = {name.casefold(): name for name in _NAMED}
_CHARACTER = re.compile(r"^[^\s+]$|^\+$")


def normal_key(text: str) -> str:
    """One key in canonical portable text (``ctrl+shift+z`` -> ``Ctrl+Shift+Z``).

    Raises :class:`InvalidValue` for anything that is not exactly one key with
    optional modifiers: a word (``xyz``), two keys (``Ctrl+Z, Ctrl+X``), a
    modifier alone.
    """
    raw = text.strip()
    if not raw:
        raise InvalidValue("a shortcut needs a key")
    if "," in raw and raw != ",":
        raise InvalidValue(f"shortcut {raw!r} is more than one key; give a single key, e.g. 5")
    # "Ctrl++" is Ctrl and the plus key: split off the key first.
    key = "+" if raw.endswith("+") and raw != "+" else raw.rsplit("+", 1)[-1]
    head = raw[: len(raw) - len(key)].rstrip("+") if raw != key else ""
    modifiers = set()
    for part in filter(None, (word.strip() for word in head.split("+"))):
        name = _ALIASES.get(part.casefold(), part.capitalize())
        if name not in MODIFIERS:
            raise InvalidValue(f"shortcut {raw!r}: {part!r} is not a modifier (Ctrl, Alt, Shift)")
        modifiers.add(name)
    key = key.strip()
    folded = key.casefold()
    alias = _ALIASES.get(folded)
    if (alias or key).capitalize() in MODIFIERS:
        raise InvalidValue(f"shortcut {raw!r} has no key besides the modifiers")
    if _CHARACTER.match(key):
        key = key.upper()
    elif alias:
        key = alias
    elif folded in _NAMED_BY_FOLD:
        key = _NAMED_BY_FOLD[folded]
    else:
        raise InvalidValue(f"shortcut {raw!r} is not a key; give a single key, e.g. 5 or F5")
    return "+".join([*(m for m in MODIFIERS if m in modifiers), key])


def label_key(text: str) -> str:
    """A label's shortcut in canonical form, or ``""`` for none; refused if the window uses it."""
    if not text.strip():
        return ""
    key = normal_key(text)
    if key in RESERVED:
        raise InvalidValue(
            f"shortcut {key} is already used by the window ({RESERVED[key]}); choose another key"
        )
    return key
