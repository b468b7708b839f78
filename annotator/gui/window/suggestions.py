"""Suggestions in the window: proposed when a document opens, then accepted or rejected by key.

The rules engine runs on a worker thread once an opened document has
painted (it needs only the text, the speaker registry and the project's span
rule, handed over as plain data); its proposals come back by a queued signal
and are stored in one short transaction, which leaves out those rejected
before. Suggestions overlapping
a quote of the current coder are not shown. Accept, reject and accept
all go through :meth:`Session.apply`, so each is one undo step.
"""

from __future__ import annotations

import logging
import sqlite3
from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from annotator.core import suggestions as suggestion_ops
from annotator.core.codebook import SpanRule, span_rule
from annotator.core.errors import AnnotatorError
from annotator.core.model import Change, Span, Speaker
from annotator.core.store import default_annotator
from annotator.core.suggest import DEFAULT_ENGINE, Proposal, engine
from annotator.core.suggest.names import speakers_named_in
from annotator.core.suggestions import Suggestion
from annotator.core.wording import plural
from annotator.gui.collector import PAUSE
from annotator.gui.suggestion_marks import SuggestionMarks

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

log = logging.getLogger("annotator.gui.suggestions")

# How long after a document opens its proposals are computed (it has painted by then).
PROPOSE_AFTER_MS = 50


class _Proposer(QThread):
    """Runs the engine over one text off the GUI thread."""

    proposed = Signal(int, int, object)  # generation, document id, list of proposals

    def __init__(
        self,
        generation: int,
        document_id: int,
        text: str,
        registry: Path | Sequence[Speaker],
        rule: SpanRule,
    ) -> None:
        """``registry`` is the project file (read here on a connection of this thread's
        own, so the whole registry is never held) or, for a project in memory, the
        speakers themselves."""
        super().__init__()
        self.generation = generation
        # Whether it was started (and holds the collector's pause).
        self.held = False
        self._document_id = document_id
        self._text = text
        self._registry = registry
        self._rule = rule

    def run(self) -> None:
        speakers = self._registry
        if isinstance(speakers, Path):
            try:
                conn = sqlite3.connect(f"{speakers.resolve().as_uri()}?mode=ro", uri=True)
                try:
                    speakers = suggestion_ops.registry_for(conn, self._text)
                finally:
                    conn.close()
            except sqlite3.Error as error:  # suggestions are optional: propose without it
                log.warning("could not read the speakers for suggestions: %s", error)
                speakers = []
        found = engine(DEFAULT_ENGINE).propose(self._text, speakers, self._rule)
        self.proposed.emit(self.generation, self._document_id, found)


class Suggestions(QObject):
    """The open document's suggestions, the current one, and the keys' commands."""

    # Emitted once a document's suggestions are stored and shown (for tests and the status bar).
    ready = Signal(int)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.marks = SuggestionMarks(window.article)
        self.items: list[Suggestion] = []
        self.current: int | None = None
        self._generation = 0
        self._threads: list[_Proposer] = []
        # What was proposed from in this window: the same text, rule and registry
        # give the same proposals, so opening a document again proposes nothing.
        self._proposed: set[tuple[int, SpanRule, tuple[int, int]]] = set()
        self._proposing: tuple[int, SpanRule, tuple[int, int]] | None = None

    # -- computing ---------------------------------------------------------------------------

    def document_opened(self, document_id: int) -> None:
        """Show what is stored at once, and propose afresh off the GUI thread."""
        store = self._window.store
        rule = span_rule(store)
        count, last = store.conn.execute("SELECT count(*), max(id) FROM speakers").fetchone()
        proposed_from = (document_id, rule, (int(count), int(last or 0)))
        if proposed_from == self._proposing and any(not t.isFinished() for t in self._threads):
            # Opened again while its proposals are on their way: they still apply.
            self.reload()
            return
        self._generation += 1
        self.reload()
        if proposed_from in self._proposed:
            return
        self._proposing = proposed_from
        text = store.document_text(document_id)
        thread = _Proposer(
            self._generation,
            document_id,
            text,
            store.path if store.path is not None else speakers_named_in(text, store.speakers()),
            rule,
        )
        thread.proposed.connect(self._store)
        thread.finished.connect(self._forget_finished)
        self._threads.append(thread)
        # Once the document has painted: the engine is Python, and a worker running
        # it beside the opening slows the GUI thread threefold (they share the
        # interpreter's lock). A document left meanwhile is not proposed for.
        QTimer.singleShot(PROPOSE_AFTER_MS, self, lambda: self._start(thread))

    def _start(self, thread: _Proposer) -> None:
        if thread not in self._threads:
            return  # the window closed meanwhile
        if thread.generation != self._generation:
            self._threads.remove(thread)
            thread.deleteLater()
            return
        PAUSE.hold()
        thread.held = True
        thread.start()

    def busy(self) -> bool:
        """Whether proposals are being made (or not yet stored)."""
        return bool(self._threads)

    def _forget_finished(self) -> None:
        for thread in [t for t in self._threads if t.isFinished()]:
            self._threads.remove(thread)
            PAUSE.release()
            thread.deleteLater()

    def _store(self, generation: int, document_id: int, found: list[Proposal]) -> None:
        if generation != self._generation or document_id != self._window.document_id:
            return  # another document opened meanwhile
        try:
            suggestion_ops.store_proposals(self._window.store, document_id, DEFAULT_ENGINE, found)
        except AnnotatorError as error:  # a busy or read-only file: suggestions are optional
            log.warning("could not store suggestions: %s", error)
            return
        if self._proposing is not None:
            self._proposed.add(self._proposing)
        self.reload()
        self.ready.emit(document_id)

    def stop(self) -> None:
        """Wait for running proposers and drop what they still send (the window is closing)."""
        self._generation += 1
        for thread in list(self._threads):
            thread.proposed.disconnect(self._store)
            thread.finished.disconnect(self._forget_finished)
            if thread.held:  # started: wait for it
                thread.wait()
                PAUSE.release()
        self._threads.clear()

    # -- showing -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the open document's open suggestions; hide those a quote already covers."""
        window = self._window
        # Where the current suggestion was: once accepted or rejected, the next one is current.
        was = next(
            (
                item.start
                for item in self.items
                if item.id == self.current and item.document_id == window.document_id
            ),
            None,
        )
        if window.document_id is None:
            self.items = []
        else:
            # What this coder has already coded needs no suggestion; other coders'
            # quotes do not count (this coder has not coded those parts yet).
            coder = window.session.annotator or default_annotator()
            mine = [i for i, name in window.store.annotators().items() if name == coder]
            pieces = _pieces(window, mine)
            taken = _Taken(pieces) if pieces else None
            seen: set[tuple[Span, ...]] = set()
            self.items = []
            for item in suggestion_ops.suggestions(window.store, window.document_id):
                if item.spans in seen or (
                    taken is not None and any(taken.overlaps(s.start, s.end) for s in item.spans)
                ):
                    continue
                seen.add(item.spans)
                self.items.append(item)
        ids = [item.id for item in self.items]
        if self.current not in ids:
            after = [item.id for item in self.items if was is not None and item.start >= was]
            self.current = after[0] if after else ids[0] if ids else None
        self.marks.set_suggestions(self.items, self.current)

    def on_change(self, change: Change) -> None:
        window = self._window
        if change.speakers or change.speakers_before or change.speakers_after:
            self._proposed.clear()  # a speaker renamed or given an alias: propose afresh
        if window.document_id not in change.documents:
            return
        if change.suggestions_after:
            self.reload()
        elif _pieces_changed(change):
            coder = window.session.annotator or default_annotator()
            mine = {i for i, name in window.store.annotators().items() if name == coder}
            if change.before or any(q.annotator_id not in mine for q in change.after):
                self.reload()  # a quote gone or changed may uncover suggestions
                return
            # New quotes of this coder only hide what they cover: no need to read
            # the document's suggestions again (thousands in a long article).
            covered = self.marks.covering([(s.start, s.end) for q in change.after for s in q.spans])
            if covered:
                self.items = [item for item in self.items if item.id not in covered]
                if self.current in covered:
                    self.current = self.items[0].id if self.items else None
                self.marks.drop(covered, self.current)

    def _current(self) -> Suggestion | None:
        for item in self.items:
            if item.id == self.current:
                return item
        self._window.status.say("No suggestions in this document")
        return None

    def _announce(self, item: Suggestion) -> None:
        number = self.items.index(item) + 1
        speaker = item.speaker or "no speaker"
        self._window.status.say(
            f"Suggestion {number} of {len(self.items)}: {speaker} "
            f"({item.quote_type}, {item.confidence:.0%}) — Y accept, X reject, "
            "E accept and edit, Shift+Y accept all"
        )

    # -- commands (the keys) --------------------------------------------------------------------

    def step(self, direction: int = 1) -> None:
        """Go to the next suggestion in the text (the first after the last)."""
        if not self.items:
            self._window.status.say("No suggestions in this document")
            return
        ids = [item.id for item in self.items]
        index = ids.index(self.current) if self.current in ids else -direction
        item = self.items[(index + direction) % len(self.items)]
        self.current = item.id
        self.marks.set_suggestions(self.items, self.current)
        self._window.article.scroll_to(item.start)
        self._announce(item)

    def accept(self, edit: bool = False) -> None:
        """Make the current suggestion a quote of the current coder; ``edit`` opens it."""
        item = self._current()
        if item is None:
            return
        change = self._window.session.apply(suggestion_ops.accept, item.id)
        if change is None or not change.after:
            return
        self._window.status.say("Suggestion accepted")
        if edit:
            self._window.quote_commands.select_quote(change.after[0].id)
            self._window.panel.focus_speaker()

    def reject(self) -> None:
        item = self._current()
        if item is not None and self._window.session.apply(suggestion_ops.reject, item.id):
            self._window.status.say("Suggestion rejected")

    def accept_all(self) -> None:
        window = self._window
        if window.document_id is None or not self.items:
            window.status.say("No suggestions in this document")
            return
        change = window.session.apply(
            suggestion_ops.accept_all, window.document_id, ids=[item.id for item in self.items]
        )
        if change is not None:
            window.status.say(f"{plural(len(change.after), 'suggestion')} accepted")


def _pieces(window: MainWindow, annotator_ids: list[int]) -> list[tuple[int, int]]:
    """The pieces of these annotators' quotes in the open document, read as pairs."""
    if not annotator_ids:
        return []
    marks = ",".join("?" * len(annotator_ids))
    return window.store.conn.execute(
        'SELECT quote_spans.start, quote_spans."end" FROM quote_spans JOIN quotes '
        "ON quotes.id = quote_spans.quote_id WHERE quotes.document_id = ? "
        f"AND quotes.annotator_id IN ({marks})",
        (window.document_id, *annotator_ids),
    ).fetchall()


def _pieces_changed(change: Change) -> bool:
    """Whether a change made, removed or moved quote pieces (or moved a quote between coders)."""
    before = {q.id: (q.spans, q.annotator_id) for q in change.before}
    after = {q.id: (q.spans, q.annotator_id) for q in change.after}
    return before != after


class _Taken:
    """Spans already coded, asked whether a span overlaps one: a bisection, not a scan."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self._starts = [start for start, _ in spans]
        # The furthest end among the spans up to each one (in start order).
        self._reach = list(accumulate((end for _, end in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)  # the spans that start before ``end``
        return before > 0 and self._reach[before - 1] > start
