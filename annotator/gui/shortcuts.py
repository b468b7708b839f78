"""The keyboard shortcuts: one declarative table, read by the window and the help window.

``scope`` says where a shortcut works: ``article`` ones (single letters among
them) only while the article or the quote list has focus, so typing a name
in a text field never fires them; ``window`` ones work anywhere in the window.
Stance and quote-type keys come from the label scheme (see :func:`label_shortcuts`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.model import Label


@dataclass(frozen=True)
class Shortcut:
    id: str
    title: str
    key: str  # QKeySequence portable text
    description: str
    scope: str = "article"


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(
        "make_quote",
        "Make quote",
        "Q",
        "Mark the selected text as a quote (snapped to whole words)",
    ),
    Shortcut(
        "set_mention",
        "Speaker mention",
        "S",
        "Mark the selected name as the current quote's speaker mention, "
        "linking or adding the speaker",
    ),
    Shortcut("set_cue", "Cue", "C", "Mark the selected words as the current quote's cue"),
    Shortcut(
        "add_piece",
        "Add piece",
        "A",
        "Add the selected text as another piece of the current quote (split quotes)",
    ),
    Shortcut("next_quote", "Next quote", "Tab", "Go to the next quote in the text"),
    Shortcut(
        "previous_quote", "Previous quote", "Shift+Tab", "Go to the previous quote in the text"
    ),
    Shortcut("delete_quote", "Delete quote", "Del", "Remove the current quote"),
    Shortcut("next_document", "Next document", "N", "Open the next document in the list"),
    Shortcut(
        "previous_document", "Previous document", "P", "Open the previous document in the list"
    ),
    Shortcut("mark_done", "Mark document done", "D", "Mark this document as done"),
    Shortcut("undo", "Undo", "Ctrl+Z", "Undo the last change, in any document", "window"),
    Shortcut("redo", "Redo", "Ctrl+Shift+Z", "Redo the last undone change", "window"),
    Shortcut(
        "search",
        "Search documents",
        "Ctrl+F",
        "Search the titles and texts of all documents",
        "window",
    ),
    Shortcut("zoom_in", "Zoom in", "Ctrl+=", "Larger article text", "window"),
    Shortcut("zoom_out", "Zoom out", "Ctrl+-", "Smaller article text", "window"),
    Shortcut(
        "speaker_field",
        "Edit speaker",
        "Ctrl+E",
        "Type the current quote's speaker; Enter accepts and returns to the text",
        "window",
    ),
    Shortcut(
        "color_mode",
        "Colour by stance",
        "Ctrl+K",
        "Switch highlight colours between speaker and stance",
        "window",
    ),
)
BY_ID = {shortcut.id: shortcut for shortcut in SHORTCUTS}


def label_shortcuts(labels: Iterable[Label]) -> list[Shortcut]:
    """One entry per stance or quote type that has a key in the scheme."""
    return [
        Shortcut(
            f"label_{label.id}",
            f"{'Stance' if label.kind == 'stance' else 'Type'}: {label.name}",
            label.shortcut,
            f"Set the current quote's {label.kind.replace('_', ' ')} to {label.name}",
        )
        for label in sorted(labels, key=lambda label: (label.kind != "stance", label.position))
        if label.shortcut
    ]


def table(labels: Iterable[Label]) -> list[Shortcut]:
    """Everything the Help → Keyboard shortcuts window lists."""
    return [*SHORTCUTS, *label_shortcuts(labels)]
