"""The quote panel: the current quote's fields, the legend, and the document's quotes in order.

Every edit goes through :meth:`Session.apply`; the panel redraws from the
``Change`` the window passes back, never from its own widgets.
"""

from __future__ import annotations

import html
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core import quotes as quote_ops
from annotator.core.marks import CONTENT, Look, QuoteCache, QuoteMarks, look_of
from annotator.core.model import Label, Quote, Speaker
from annotator.core.names import names_in
from annotator.core.wording import plural
from annotator.gui import palette
from annotator.gui.palette import LegendEntry
from annotator.gui.session import Session

Index = QModelIndex | QPersistentModelIndex


class QuoteListModel(QAbstractListModel):
    """The document's quotes in text order; rows move one at a time on changes.

    Rows are kept as (start, id) keys; a row's :class:`Quote` is built only
    when it is shown or picked.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.keys: list[tuple[int, int]] = []  # (start, id), sorted
        self.quotes = QuoteCache(QuoteMarks.from_quotes(()))
        # Where each quote starts and its look, as the keys and counts hold them.
        self._starts: dict[int, int] = {}
        self._looks: dict[int, Look] = {}
        self.speakers: dict[int, Speaker] = {}
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
            coder = f" · {self.coder_of(quote)}" if len(self.annotators) > 1 else ""
            return f"{who} · {stance.name if stance else 'no stance'}{coder}\n{words}"
        if role == Qt.ItemDataRole.ToolTipRole:
            words = " … ".join(self.text[s.start : s.end] for s in quote.spans)
            return f"{words}\n\n{self.coder_of(quote)}"
        return None


def _bisect(keys: list[tuple[int, int]], key: tuple[int, int]) -> int:
    return bisect_left(keys, key)


class QuotePanel(QWidget):
    """Speaker, stance, target, type and note of the current quote, then the quote list.

    Signals:
        quote_selected(int): the user picked a quote in the list.
        done_editing(): Enter in a field: the window gives focus back to the text.
    """

    quote_selected = Signal(int)
    done_editing = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.quote: Quote | None = None
        self.text = ""
        self._article_names: list[str] = []
        self._stance_buttons: dict[int, QPushButton] = {}
        self._build()
        self.refresh_labels()
        self.refresh_speakers()
        self.refresh_targets()
        self.show_quote(None)

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        # Three lines whatever the quote, so the form below never jumps.
        self.heading.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.heading.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 4)
        self.speaker = QComboBox()
        # Our own line edit, so its type is known (``lineEdit()`` may return None).
        self._speaker_line = QLineEdit()
        self.speaker.setLineEdit(self._speaker_line)
        self.speaker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._speaker_line.setPlaceholderText("Who said it?")
        self._speaker_names = QStringListModel(self)
        completer = QCompleter(self._speaker_names, self.speaker)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        self.speaker.setCompleter(completer)
        self._speaker_line.returnPressed.connect(self._speaker_entered)
        self._speaker_line.editingFinished.connect(self._commit_speaker)
        self.speaker.activated.connect(lambda _: self._commit_speaker())
        self.stances = QGridLayout()
        self.target = QLineEdit()
        self.target.setPlaceholderText("What the stance is about")
        self._targets = QStringListModel(self)
        target_completer = QCompleter(self._targets, self.target)
        target_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        target_completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        self.target.setCompleter(target_completer)
        self.target.returnPressed.connect(self.done_editing)
        self.target.editingFinished.connect(self._commit_target)
        self.quote_type = QComboBox()
        self.quote_type.activated.connect(self._commit_type)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note")
        self.note.returnPressed.connect(self.done_editing)
        self.note.editingFinished.connect(self._commit_note)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.model = QuoteListModel(self)
        # A one-column table with fixed row heights: scrolling to a row and
        # inserting one stay cheap with thousands of quotes, where list and
        # tree views ask the model about every row.
        self.list = QTableView()
        self.list.horizontalHeader().hide()
        self.list.horizontalHeader().setStretchLastSection(True)
        rows = self.list.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 8)
        self.list.setShowGrid(False)
        self.list.setWordWrap(False)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setModel(self.model)
        self.list.setAlternatingRowColors(True)
        self.list.clicked.connect(
            lambda index: self.quote_selected.emit(self.model.quote_at(index.row()).id)
        )
        self.list.activated.connect(
            lambda index: self.quote_selected.emit(self.model.quote_at(index.row()).id)
        )

        form = QFormLayout()
        form.addRow("&Speaker", self.speaker)
        form.addRow("Stance", self.stances)
        form.addRow("&Target", self.target)
        form.addRow("T&ype", self.quote_type)
        form.addRow("N&ote", self.note)
        self.quotes_heading = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.legend)
        layout.addWidget(self.quotes_heading)
        layout.addWidget(self.list, 1)

    # -- data from the store -------------------------------------------------------------

    def set_document(self, text: str, quotes: Iterable[Quote] | QuoteMarks) -> None:
        self.text = text
        self.model.reset(text, quotes)
        # Scanning a long article for names waits until the window has painted.
        self._article_names = []
        QTimer.singleShot(0, self, lambda: self._find_names(text))
        self._complete_speakers()
        self._count_changed()
        self.show_quote(None)

    def update_quotes(self, removed: Iterable[int], changed: list[Quote]) -> None:
        self.model.update_quotes(removed, changed)
        self._count_changed()
        if self.quote is not None:
            current = self.model.quotes.get(self.quote.id)
            self.show_quote(current)

    def refresh_labels(self) -> None:
        labels = self.session.store.labels()
        self.model.labels = {label.id: label for label in labels}
        while self.stances.count():
            item = self.stances.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._stance_buttons.clear()
        for index, label in enumerate(self.session.store.labels("stance")):
            key = f"{label.shortcut}  " if label.shortcut else ""
            button = QPushButton(f"{key}{label.name}")
            button.setCheckable(True)
            # Never take focus: the keyboard flow stays in the text.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(f"Stance {label.name}" + (f" ({label.shortcut})" if key else ""))
            # A full border: Qt ignores a style sheet that only sets one side.
            button.setStyleSheet(
                "QPushButton { border: 1px solid palette(mid); border-radius: 3px; "
                f"border-left: 6px solid {label.color}; padding: 3px 8px; text-align: left; "
                "background: palette(button); }"
                "QPushButton:checked { background: palette(highlight); "
                "color: palette(highlighted-text); }"
                "QPushButton:disabled { color: palette(mid); }"
            )
            button.clicked.connect(lambda _=False, lid=label.id: self.set_stance(lid))
            self.stances.addWidget(button, index // 2, index % 2)
            self._stance_buttons[label.id] = button
        with QSignalBlocker(self.quote_type):
            self.quote_type.clear()
            self.quote_type.addItem("(none)", None)
            for label in self.session.store.labels("quote_type"):
                self.quote_type.addItem(label.name, label.id)
        self.show_quote(self.quote)

    def _find_names(self, text: str) -> None:
        # Still the same document, and the window (with its store) still open.
        if text is self.text and self.isVisible():
            self._article_names = names_in(text)
            self._complete_speakers()

    def refresh_speakers(self) -> None:
        """Re-read the registry: the speaker choices, completion and list rows."""
        speakers = self.session.store.speakers()
        self.model.speakers = {speaker.id: speaker for speaker in speakers}
        with QSignalBlocker(self.speaker):
            text = self.speaker.currentText()
            self.speaker.clear()
            self.speaker.addItems([speaker.name for speaker in speakers])
            self.speaker.setEditText(text)
        self._complete_speakers()
        if self.model.rowCount():
            self.model.dataChanged.emit(
                self.model.index(0), self.model.index(self.model.rowCount() - 1)
            )

    def _complete_speakers(self) -> None:
        """Completion over registry names, their aliases and names found in this article."""
        speakers = self.model.speakers.values()
        names = [speaker.name for speaker in speakers]
        aliases = [alias for speaker in speakers for alias in speaker.aliases]
        self._speaker_names.setStringList(
            list(dict.fromkeys([*names, *aliases, *self._article_names]))
        )

    def refresh_targets(self) -> None:
        """Completion over the stance targets used anywhere in the project."""
        self._targets.setStringList(self.session.store.targets())

    def set_legend(self, entries: list[LegendEntry], mode: str) -> None:
        dark = palette.is_dark(self.palette())
        # Names never break across lines, and are text, not markup.
        swatches = " ".join(
            f'<span style="background-color:{palette.line(entry.color, dark).name()}">'
            "&nbsp;&nbsp;&nbsp;</span>&nbsp;"
            f"{html.escape(entry.name).replace(' ', '&nbsp;')}"
            for entry in entries
        )
        if not swatches:
            swatches = "no quotes yet"
        self.legend.setText(f"<small>Colour by {mode}: {swatches}</small>")

    def _count_changed(self) -> None:
        count = self.model.rowCount()
        self.quotes_heading.setText(f"<b>Quotes in this document</b> ({count})")

    # -- the current quote ---------------------------------------------------------------------

    def show_quote(self, quote: Quote | None) -> None:
        self.quote = quote
        enabled = quote is not None
        for widget in (self.speaker, self.target, self.quote_type, self.note):
            widget.setEnabled(enabled)
        for button in self._stance_buttons.values():
            button.setEnabled(enabled)
            button.setChecked(
                quote is not None and button is self._stance_buttons.get(quote.stance_id or -1)
            )
        if quote is None:
            self.heading.setText("<i>No quote selected: select text and press Q.</i>")
            with QSignalBlocker(self.speaker):
                self.speaker.setEditText("")
            self.target.setText("")
            self.note.setText("")
            self.list.clearSelection()
            return
        words = " … ".join(self.text[s.start : s.end] for s in quote.spans)
        words = " ".join(words.split())
        if len(words) > 110:
            words = words[:109] + "…"
        self.heading.setText(
            f"<b>Quote</b> ({plural(len(quote.spans), 'piece')}): {html.escape(words)}"
        )
        speaker = self.model.speakers.get(quote.speaker_id) if quote.speaker_id else None
        if not self._speaker_line.hasFocus():
            with QSignalBlocker(self.speaker):
                self.speaker.setEditText(speaker.name if speaker else "")
        if not self.target.hasFocus():
            self.target.setText(quote.target)
        if not self.note.hasFocus():
            self.note.setText(quote.note)
        with QSignalBlocker(self.quote_type):
            self.quote_type.setCurrentIndex(max(0, self.quote_type.findData(quote.quote_type_id)))
        if quote.id in self.model.quotes:
            index = self.model.index(self.model.row_of(quote.id))
            self.list.setCurrentIndex(index)  # scrolls to it too

    def focus_speaker(self) -> None:
        if self.quote is not None:
            self.speaker.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self._speaker_line.selectAll()

    # -- edits ----------------------------------------------------------------------------------

    def set_stance(self, label_id: int | None) -> None:
        if self.quote is None:
            return
        if label_id is not None and self.quote.stance_id == label_id:
            label_id = None  # pressing the current stance again clears it
        self.session.apply(quote_ops.set_stance, self.quote.id, label_id)

    def set_quote_type(self, label_id: int | None) -> None:
        if self.quote is not None:
            self.session.apply(quote_ops.set_quote_type, self.quote.id, label_id)

    def _speaker_entered(self) -> None:
        self._commit_speaker()
        self.done_editing.emit()

    def _commit_speaker(self) -> None:
        if self.quote is None:
            return
        name = " ".join(self.speaker.currentText().split())
        current = self.model.speakers.get(self.quote.speaker_id) if self.quote.speaker_id else None
        if name == (current.name if current else ""):
            return
        self.session.apply(quote_ops.set_speaker_by_name, self.quote.id, name)

    def _commit_target(self) -> None:
        if self.quote is not None and self.target.text().strip() != self.quote.target:
            self.session.apply(quote_ops.set_target, self.quote.id, self.target.text())

    def _commit_note(self) -> None:
        if self.quote is not None and self.note.text() != self.quote.note:
            self.session.apply(quote_ops.set_note, self.quote.id, self.note.text())

    def _commit_type(self, index: int) -> None:
        self.set_quote_type(self.quote_type.itemData(index))
