"""The speaker box: type a speaker's name with completion from the store.

What was typed is never saved by leaving the box: only ``Enter`` sets the
speaker, and ``Esc`` (or moving away) puts the current speaker's name back.
A name that is not in the registry is shown as new as it is typed; ``Enter``
on a new name first offers the close existing names (typos, initials,
surname; ``Down``/``Up`` walk through them) when there are any, and only a
second ``Enter`` creates it. Completion asks the store for a few names by
prefix on the name index, so no widget holds the registry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from annotator.core import speaker_match
from annotator.core.model import Speaker
from annotator.core.store import Store
from annotator.gui.elide import breakable, never_wider_than_asked

log = logging.getLogger("annotator.gui.speaker_box")


class SpeakerBox(QLineEdit):
    """One line for the speaker's name, with a hint line (:attr:`hint`) saying what Enter does.

    Signals:
        chosen(str): Enter on a name: an existing speaker's name, a new name
            shown as new, or "" to clear the speaker.
        finished(): Enter or Esc: the keyboard goes back to the text.
    """

    chosen = Signal(str)
    finished = Signal()

    def __init__(
        self, store: Callable[[], Store], met: Callable[[], Iterable[str]], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._store = store
        # Names met in this article (its speakers, their aliases, names in its text), offered first.
        self._met = met
        self.current = ""
        self._typed = ""
        self._offered: list[str] = []
        self._offer_for: str | None = None
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        # It names what was typed, which can be anything: it wraps, never widening the panel.
        never_wider_than_asked(self.hint)
        self.hint.hide()
        self.setPlaceholderText("Who said it?")
        self.textEdited.connect(self._edited)

    # -- what the box shows ------------------------------------------------------------

    def show_speaker(self, name: str) -> None:
        """The current quote's speaker; what was typed and not entered is dropped."""
        self.current = name
        self._reset(name)

    def suggest(self, speaker: Speaker) -> None:
        """Offer a speaker the text names, selected so that typing replaces it."""
        self.setText(speaker.name)
        self.selectAll()
        self._typed = speaker.name
        self._hint(f"Suggested from the text: Enter sets {speaker.name}, Esc leaves it.")

    def _reset(self, name: str) -> None:
        self.setText(name)
        # A long name shows its beginning, not its end.
        self.setCursorPosition(0)
        self._typed = name
        self._offered, self._offer_for = [], None
        self._hint("")

    def _hint(self, text: str) -> None:
        """What Enter will do; hidden when there is nothing to say."""
        self.hint.setText(breakable(text))
        self.hint.setVisible(bool(text))

    # -- typing ----------------------------------------------------------------------------

    def _edited(self, text: str) -> None:
        grew = len(text) > len(self._typed) and text.startswith(self._typed)
        self._typed = text
        self._offered, self._offer_for = [], None
        if grew and text.strip() and self.cursorPosition() == len(text):
            completion = self._complete(text)
            if completion is not None and len(completion) > len(text):
                # Keep the case the user typed; the rest is selected, so typing goes on over it.
                self.setText(text + completion[len(text) :])
                self.setSelection(len(text), len(completion) - len(text))
        self._show_hint()

    def _complete(self, prefix: str) -> str | None:
        folded = prefix.casefold()
        for name in self._met():
            if name.casefold().startswith(folded):
                return name
        found = speaker_match.complete(self._store(), prefix, limit=1)
        return found[0] if found else None

    def _known(self, name: str) -> str | None:
        """The registry name for ``name``: by name on the index, or an alias of someone met."""
        row = (
            self._store()
            .conn.execute("SELECT name FROM speakers WHERE name = ? COLLATE NOCASE", (name,))
            .fetchone()
        )
        return str(row[0]) if row else None

    def _show_hint(self) -> None:
        name = " ".join(self.text().split())
        if name == self.current:
            self._hint("")
        elif not name:
            self._hint("Enter clears the speaker; Esc keeps it.")
        else:
            known = self._known(name)
            self._hint(
                f"Enter sets {known}." if known else f"New speaker “{name}”: Enter creates it."
            )

    # -- keys ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self._reset(self.current)
            self.finished.emit()
            event.accept()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._enter()
            event.accept()
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self._offered:
            names = [*self._offered, self._offer_for or ""]
            step = 1 if key == Qt.Key.Key_Down else -1
            index = names.index(self.text()) if self.text() in names else -1
            choice = names[(index + step) % len(names)]
            self.setText(choice)
            self._typed = choice
            event.accept()
        else:
            # What stays of the text when the key replaces the selection: completion
            # goes on only when the key added to it.
            text = self.text()
            self._typed = text[: self.selectionStart()] if self.hasSelectedText() else text
            super().keyPressEvent(event)

    def _enter(self) -> None:
        name = " ".join(self.text().split())
        if name == self.current:
            self._reset(self.current)
            self.finished.emit()
            return
        store = self._store()
        known = store.find_speaker(name) if name else None
        if name and known is None and self._offer_for != name:
            close = speaker_match.close_speakers(store, name)
            if close:
                self._offered = [speaker.name for speaker in close]
                self._offer_for = name
                self._hint(
                    f"“{name}” is new. Did you mean {', '.join(self._offered)}? "
                    f"Down picks one; Enter again creates “{name}”."
                )
                return
        log.info("speaker entered: %r", name)
        self.chosen.emit(known.name if known else name)
        self.finished.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        # Leaving the box never saves what was typed.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._reset(self.current)
        super().focusOutEvent(event)
