"""The document's quotes as a Qt list model, and the speakers it names, read on demand."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from annotator.core.marks import CONTENT, Look, QuoteCache, QuoteMarks, look_of
from annotator.core.model import Label, Quote, Speaker
from annotator.gui.elide import plain_tooltip
from annotator.gui.session import Session

Index = QModelIndex | QPersistentModelIndex


class SpeakerCache:
    """Speakers by id, read from the store when first asked for: never the whole registry."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._found: dict[int, Speaker | None] = {}

    def get(self, speaker_id: int | None, default: Speaker | None = None) -> Speaker | None:
        if speaker_id is None:
            return default
        if speaker_id not in self._found:
            row = self._session.store.conn.execute(
                "SELECT id FROM speakers WHERE id = ?", (speaker_id,)
            ).fetchone()
            self._found[speaker_id] = self._session.store.speaker(speaker_id) if row else None
        found = self._found[speaker_id]
        return found if found is not None else default

    def __contains__(self, speaker_id: object) -> bool:
        return isinstance(speaker_id, int) and self.get(speaker_id) is not None

    def __getitem__(self, speaker_id: int) -> Speaker:
        found = self.get(speaker_id)
        if found is None:
            raise KeyError(speaker_id)
        return found

    def clear(self) -> None:
        self._found.clear()


class QuoteListModel(QAbstractListModel):
    """The document's quotes in text order; rows move one at a time on changes.

    Rows are kept as (start, id) keys; a row's :class:`Quote` is built only
    when it is shown or picked.
    """

    def __init__(self, speakers: SpeakerCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.keys: list[tuple[int, int]] = []  # (start, id), sorted
        self.quotes = QuoteCache(QuoteMarks.from_quotes(()))
        # Where each quote starts and its look, as the keys and counts hold them.
        self._starts: dict[int, int] = {}
        self._looks: dict[int, Look] = {}
        self.speakers = speakers
        self.labels: dict[int, Label] = {}
        # Annotator names by id, to say whose each quote is.
        self.annotators: dict[int, str] = {}
        # How many quotes each speaker and stance has here, kept up to date on
        # every change so the legend never walks thousands of quotes.
        self.speaker_counts: Counter[int | None] = Counter()
        self.stance_counts: Counter[int | None] = Counter()

    def reset(self, text: str, quotes: Iterable[Quote] | QuoteMarks) -> None:
        marks = quotes if isinstance(quotes, QuoteMarks) else QuoteMarks.from_quotes(quotes)
        self.beginResetModel()
        self.text = text
        self.quotes = QuoteCache(marks)
        # The marks are sorted, so a quote's first content mark is its start.
        starts: dict[int, int] = {}
        for start, _, kind, quote_id in marks.marks:
            if kind == CONTENT and quote_id not in starts:
                starts[quote_id] = start
        self._starts = starts
        self._looks = dict(marks.looks)
        self.keys = sorted([(start, quote_id) for quote_id, start in starts.items()])
        looks = self._looks
        self.speaker_counts = Counter([looks[key[1]][0] for key in self.keys])
        self.stance_counts = Counter([looks[key[1]][1] for key in self.keys])
        self.endResetModel()

    def _count(self, look: Look, step: int) -> None:
        self.speaker_counts[look[0]] += step
        self.stance_counts[look[1]] += step
        if step < 0:
            self.speaker_counts = +self.speaker_counts
            self.stance_counts = +self.stance_counts

    def update_quotes(self, removed: Iterable[int], changed: Iterable[Quote]) -> None:
        for quote in changed:
            # The old start and look, not a Quote: one built now would already show the change.
            old_start = self._starts.get(quote.id)
            if old_start is not None and old_start == quote.start:
                self._count(self._looks[quote.id], -1)
                self._looks[quote.id] = look_of(quote)
                self._count(self._looks[quote.id], +1)
                self.quotes.put(quote)
                row = self.row_of(quote.id)
                self.dataChanged.emit(self.index(row), self.index(row))
                continue
            if old_start is not None:
                self._remove(quote.id)
            key = (quote.start, quote.id)
            row = _bisect(self.keys, key)
            self.beginInsertRows(QModelIndex(), row, row)
            insort(self.keys, key)
            self.quotes.put(quote)
            self._starts[quote.id] = quote.start
            self._looks[quote.id] = look_of(quote)
            self._count(self._looks[quote.id], +1)
            self.endInsertRows()
        for quote_id in removed:
            if quote_id in self._starts:
                self._remove(quote_id)

    def _remove(self, quote_id: int) -> None:
        row = self.row_of(quote_id)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.keys[row]
        del self._starts[quote_id]
        self.quotes.drop(quote_id)
        self._count(self._looks.pop(quote_id), -1)
        self.endRemoveRows()

    def coder_of(self, quote: Quote) -> str:
        """Whose quote it is, and who changed it last if someone else: "by ana, changed by ben"."""
        maker = self.annotators.get(quote.annotator_id or -1, "unknown coder")
        changer = self.annotators.get(quote.changed_by or -1)
        if changer is None or quote.changed_by == quote.annotator_id:
            return f"by {maker}"
        return f"by {maker}, changed by {changer}"

    def row_of(self, quote_id: int) -> int:
        return _bisect(self.keys, (self._starts[quote_id], quote_id))

    def quote_at(self, row: int) -> Quote:
        return self.quotes[self.keys[row][1]]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.keys)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        quote = self.quote_at(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            words = " … ".join(self.text[s.start : s.end] for s in quote.spans)
            words = " ".join(words.split())
            if len(words) > 70:
                words = words[:69] + "…"
            speaker = self.speakers.get(quote.speaker_id) if quote.speaker_id else None
            stance = self.labels.get(quote.stance_id) if quote.stance_id else None
            who = speaker.name if speaker else "no speaker"
            pieces = f" · {len(quote.spans)} pieces" if len(quote.spans) > 1 else ""
            coder = f" · {self.coder_of(quote)}" if len(self.annotators) > 1 else ""
            return f"{who} · {stance.name if stance else 'no stance'}{pieces}{coder}\n{words}"
        if role == Qt.ItemDataRole.ToolTipRole:
            words = " … ".join(self.text[s.start : s.end] for s in quote.spans)
            return plain_tooltip(f"{words}\n\n{self.coder_of(quote)}")
        return None


def _bisect(keys: list[tuple[int, int]], key: tuple[int, int]) -> int:
    return bisect_left(keys, key)
