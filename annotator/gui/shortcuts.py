"""The keyboard shortcuts: one declarative table, read by the window and the help window.

Each entry carries what it does: ``run`` takes the window and calls the one
command the key stands for. ``scope`` says where a shortcut works:
``article`` ones (single letters among them) only while the article or the
quote list has focus, so typing a name in a text field never fires them;
``window`` ones work anywhere in the window. Stance and quote-type keys come
from the label scheme (see :func:`label_shortcuts`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from annotator.core.model import Label

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


@dataclass(frozen=True)
class Shortcut:
    id: str
    title: str
    key: str  # QKeySequence portable text
    description: str
    run: Callable[[MainWindow], object] = field(compare=False)
    scope: str = "article"


MAKE_QUOTE = Shortcut(
    "make_quote",
    "Make quote",
    "Q",
    "Mark the selected text as a quote, stored by the project's span rule",
    lambda window: window.quote_commands.make_quote(),
)
SET_MENTION = Shortcut(
    "set_mention",
    "Speaker mention",
    "S",
    "Mark the selected name as the current quote's speaker mention, linking or adding the speaker",
    lambda window: window.quote_commands.set_mention(),
)
SET_CUE = Shortcut(
    "set_cue",
    "Cue",
    "C",
    "Mark the selected words as the current quote's cue",
    lambda window: window.quote_commands.set_cue(),
)
ADD_PIECE = Shortcut(
    "add_piece",
    "Add piece",
    "A",
    "Add the selected text as another piece of the current quote (split quotes)",
    lambda window: window.quote_commands.add_piece(),
)
NEXT_QUOTE = Shortcut(
    "next_quote",
    "Next quote",
    "Tab",
    "Go to the next quote in the text",
    lambda window: window.quote_commands.step_quote(1),
)
PREVIOUS_QUOTE = Shortcut(
    "previous_quote",
    "Previous quote",
    "Shift+Tab",
    "Go to the previous quote in the text",
    lambda window: window.quote_commands.step_quote(-1),
)
DELETE_QUOTE = Shortcut(
    "delete_quote",
    "Delete quote",
    "Del",
    "Remove the current quote",
    lambda window: window.quote_commands.delete_quote(),
)
NEXT_DOCUMENT = Shortcut(
    "next_document",
    "Next document",
    "N",
    "Open the next document in the list",
    lambda window: window.step_document(1),
)
PREVIOUS_DOCUMENT = Shortcut(
    "previous_document",
    "Previous document",
    "P",
    "Open the previous document in the list",
    lambda window: window.step_document(-1),
)
MARK_DONE = Shortcut(
    "mark_done",
    "Mark document done",
    "D",
    "Mark this document as done",
    lambda window: window.mark_done(),
)
UNDO = Shortcut(
    "undo",
    "Undo",
    "Ctrl+Z",
    "Undo the last change, in any document",
    lambda window: window.changes.undo(),
    "window",
)
REDO = Shortcut(
    "redo",
    "Redo",
    "Ctrl+Shift+Z",
    "Redo the last undone change",
    lambda window: window.changes.redo(),
    "window",
)
SEARCH = Shortcut(
    "search",
    "Search",
    "Ctrl+F",
    "Search documents, quotes and speakers",
    lambda window: window.focus_search(),
    "window",
)
NEXT_HIT = Shortcut(
    "next_hit",
    "Next search hit",
    "F3",
    "Select the next search hit in the text",
    lambda window: window.search.step(1),
    "window",
)
PREVIOUS_HIT = Shortcut(
    "previous_hit",
    "Previous search hit",
    "Shift+F3",
    "Select the previous search hit in the text",
    lambda window: window.search.step(-1),
    "window",
)
ZOOM_IN = Shortcut(
    "zoom_in",
    "Zoom in",
    "Ctrl+=",
    "Larger article text",
    lambda window: window.zoom(1),
    "window",
)
ZOOM_OUT = Shortcut(
    "zoom_out",
    "Zoom out",
    "Ctrl+-",
    "Smaller article text",
    lambda window: window.zoom(-1),
    "window",
)
SPEAKER_FIELD = Shortcut(
    "speaker_field",
    "Edit speaker",
    "Ctrl+E",
    "Type the current quote's speaker; Enter accepts and returns to the text",
    lambda window: window.panel.focus_speaker(),
    "window",
)
COLOR_MODE = Shortcut(
    "color_mode",
    "Colour by stance",
    "Ctrl+K",
    "Switch highlight colours between speaker and stance",
    lambda window: window.colours.toggle(),
    "window",
)
NEXT_SUGGESTION = Shortcut(
    "next_suggestion",
    "Next suggestion",
    "J",
    "Go to the next suggested quote (dashed outline) in the text",
    lambda window: window.suggestions.step(1),
)
ACCEPT_SUGGESTION = Shortcut(
    "accept_suggestion",
    "Accept suggestion",
    "Y",
    "Make the current suggestion a quote of yours, with its speaker, mention and cue",
    lambda window: window.suggestions.accept(),
)
ACCEPT_AND_EDIT = Shortcut(
    "accept_and_edit",
    "Accept and edit",
    "E",
    "Accept the current suggestion and open it to correct the speaker or the pieces",
    lambda window: window.suggestions.accept(edit=True),
)
REJECT_SUGGESTION = Shortcut(
    "reject_suggestion",
    "Reject suggestion",
    "X",
    "Reject the current suggestion; it does not come back",
    lambda window: window.suggestions.reject(),
)
ACCEPT_ALL = Shortcut(
    "accept_all",
    "Accept all",
    "Shift+Y",
    "Accept every suggestion shown in this document",
    lambda window: window.suggestions.accept_all(),
)
SUGGESTION_SHORTCUTS = (
    NEXT_SUGGESTION,
    ACCEPT_SUGGESTION,
    ACCEPT_AND_EDIT,
    REJECT_SUGGESTION,
    ACCEPT_ALL,
)

SELECT_QUOTATION = Shortcut(
    "select_quotation",
    "Select quotation",
    "W",
    "Select the quotation around the caret, as the project's span rule stores it; then Q",
    lambda window: window.flow.select_quotation(),
)
CLEAR_MENTION = Shortcut(
    "clear_mention",
    "Clear speaker mention",
    "Shift+S",
    "Remove the current quote's speaker mention (the speaker stays)",
    lambda window: window.flow.clear_mention(),
)
CLEAR_CUE = Shortcut(
    "clear_cue",
    "Clear cue",
    "Shift+C",
    "Remove the current quote's cue",
    lambda window: window.flow.clear_cue(),
)
# The current piece is the one the caret is in; its ends move by a word (stopping at
# punctuation) or by a character. Up/Down move the start, Left/Right the end.
START_EARLIER = Shortcut(
    "start_earlier",
    "Start one word earlier",
    "Alt+Up",
    "Move the start of the current piece back by a word",
    lambda window: window.flow.move("start", -1, by_word=True),
)
START_LATER = Shortcut(
    "start_later",
    "Start one word later",
    "Alt+Down",
    "Move the start of the current piece forward by a word",
    lambda window: window.flow.move("start", 1, by_word=True),
)
END_EARLIER = Shortcut(
    "end_earlier",
    "End one word earlier",
    "Alt+Left",
    "Move the end of the current piece back by a word",
    lambda window: window.flow.move("end", -1, by_word=True),
)
END_LATER = Shortcut(
    "end_later",
    "End one word later",
    "Alt+Right",
    "Move the end of the current piece forward by a word",
    lambda window: window.flow.move("end", 1, by_word=True),
)
START_CHARACTER_EARLIER = Shortcut(
    "start_character_earlier",
    "Start one character earlier",
    "Alt+Shift+Up",
    "Move the start of the current piece back by a character",
    lambda window: window.flow.move("start", -1, by_word=False),
)
START_CHARACTER_LATER = Shortcut(
    "start_character_later",
    "Start one character later",
    "Alt+Shift+Down",
    "Move the start of the current piece forward by a character",
    lambda window: window.flow.move("start", 1, by_word=False),
)
END_CHARACTER_EARLIER = Shortcut(
    "end_character_earlier",
    "End one character earlier",
    "Alt+Shift+Left",
    "Move the end of the current piece back by a character",
    lambda window: window.flow.move("end", -1, by_word=False),
)
END_CHARACTER_LATER = Shortcut(
    "end_character_later",
    "End one character later",
    "Alt+Shift+Right",
    "Move the end of the current piece forward by a character",
    lambda window: window.flow.move("end", 1, by_word=False),
)

SHORTCUTS: tuple[Shortcut, ...] = (
    SELECT_QUOTATION,
    MAKE_QUOTE,
    SET_MENTION,
    SET_CUE,
    ADD_PIECE,
    CLEAR_MENTION,
    CLEAR_CUE,
    START_EARLIER,
    START_LATER,
    END_EARLIER,
    END_LATER,
    START_CHARACTER_EARLIER,
    START_CHARACTER_LATER,
    END_CHARACTER_EARLIER,
    END_CHARACTER_LATER,
    NEXT_QUOTE,
    PREVIOUS_QUOTE,
    DELETE_QUOTE,
    NEXT_DOCUMENT,
    PREVIOUS_DOCUMENT,
    MARK_DONE,
    UNDO,
    REDO,
    SEARCH,
    NEXT_HIT,
    PREVIOUS_HIT,
    ZOOM_IN,
    ZOOM_OUT,
    SPEAKER_FIELD,
    COLOR_MODE,
    *SUGGESTION_SHORTCUTS,
)


def _set_label(label: Label, window: MainWindow) -> None:
    if label.kind == "stance":
        window.panel.set_stance(label.id)
    else:
        window.panel.set_quote_type(label.id)


def label_shortcuts(labels: Iterable[Label]) -> list[Shortcut]:
    """One entry per stance or quote type that has a key in the scheme."""
    return [
        Shortcut(
            f"label_{label.id}",
            f"{'Stance' if label.kind == 'stance' else 'Type'}: {label.name}",
            label.shortcut,
            f"Set the current quote's {label.kind.replace('_', ' ')} to {label.name}",
            partial(_set_label, label),
        )
        for label in sorted(labels, key=lambda label: (label.kind != "stance", label.position))
        if label.shortcut
    ]


def table(labels: Iterable[Label]) -> list[Shortcut]:
    """Everything the Help → Keyboard shortcuts window lists."""
    return [*SHORTCUTS, *label_shortcuts(labels)]
