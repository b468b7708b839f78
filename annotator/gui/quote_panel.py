"""The quote panel: the current quote's fields, the legend, and the document's quotes in order.

Every edit goes through :meth:`Session.apply`; the panel redraws from the
``Change`` the window passes back, never from its own widgets.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable

from PySide6.QtCore import (
    QEvent,
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
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core import quotes as quote_ops
from annotator.core import speaker_match
from annotator.core.marks import QuoteMarks
from annotator.core.model import Quote, Span
from annotator.core.names import names_in
from annotator.core.wording import plural
from annotator.gui import palette
from annotator.gui.elide import (
    FixedHeightLabel,
    breakable,
    elided,
    fixed_width_combo,
    never_wider_than_asked,
    plain_tooltip,
    set_elided_text,
)
from annotator.gui.flow_layout import FlowLayout
from annotator.gui.legend import legend_markup, legend_tooltip
from annotator.gui.palette import Legend
from annotator.gui.quote_list import QuoteListModel, SpeakerCache
from annotator.gui.session import Session
from annotator.gui.speaker_box import SpeakerBox
from annotator.gui.whole_height import WholeHeight

log = logging.getLogger("annotator.gui.panel")

Index = QModelIndex | QPersistentModelIndex
# Stance names longer than this (in pixels) are cut on their buttons.
STANCE_BUTTON_WIDTH = 140


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
        # Registry speakers the article's text names, found when first needed.
        self._named: list[int] | None = None
        self._stance_buttons: dict[int, QPushButton] = {}
        self._build()
        self.refresh_labels()
        self.refresh_speakers()
        self.refresh_targets()
        self.show_quote(None)

    def _build(self) -> None:
        # Three lines whatever the quote, so the form below never jumps.
        self.heading = FixedHeightLabel(3)
        self.speaker = SpeakerBox(lambda: self.session.store, self._met_names, self)
        self.speaker.chosen.connect(self._speaker_chosen)
        self.speaker.finished.connect(self.done_editing)
        self.mention = QLabel()
        self.cue = QLabel()
        for label in (self.mention, self.cue):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            # The text's words, however long, wrap: they never widen the panel.
            never_wider_than_asked(label)
        # Buttons as wide as their names, in as many rows as the panel's width needs.
        self.stances = FlowLayout()
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
        fixed_width_combo(self.quote_type)
        self.quote_type.activated.connect(self._commit_type)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note")
        self.note.returnPressed.connect(self.done_editing)
        self.note.editingFinished.connect(self._commit_note)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        never_wider_than_asked(self.legend)
        self.model = QuoteListModel(SpeakerCache(self.session), self)
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

        self.fields = QWidget()
        form = QFormLayout()
        form.addRow("&Speaker", self.speaker)
        form.addRow(self.speaker.hint)
        form.addRow("Mention", self.mention)
        form.addRow("Cue", self.cue)
        form.addRow("Stance", self.stances)
        form.addRow("&Target", self.target)
        form.addRow("T&ype", self.quote_type)
        form.addRow("N&ote", self.note)
        fields = QVBoxLayout(self.fields)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(self.heading)
        fields.addLayout(form)
        fields.addWidget(self.legend)
        # Plain text, the count apart: each new quote changes only the count, and
        # a rich-text label lays itself out again on every change.
        title = QLabel("Quotes in this document")
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        self.quotes_heading = QLabel()
        self.quotes_heading.setTextFormat(Qt.TextFormat.PlainText)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addWidget(self.quotes_heading, 1)
        layout = QVBoxLayout(self)
        # The fields are never squeezed (a short window takes the height from the list,
        # the article or the statistics dock); past half the window's height they scroll.
        layout.addWidget(WholeHeight(self.fields))
        layout.addLayout(heading)
        layout.addWidget(self.list, 1)

    # -- data from the store -------------------------------------------------------------

    def set_document(self, text: str, quotes: Iterable[Quote] | QuoteMarks) -> None:
        self.text = text
        self.model.reset(text, quotes)
        # Scanning a long article for names waits until the window has painted.
        self._article_names = []
        self._named = None
        QTimer.singleShot(0, self, lambda: self._find_names(text))
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
        # Readable when disabled, on light and dark palettes alike.
        disabled = palette.disabled_text(self.palette()).name()
        for label in self.session.store.labels("stance"):
            key = f"{label.shortcut}  " if label.shortcut else ""
            button = QPushButton()
            set_elided_text(button, f"{key}{label.name}", STANCE_BUTTON_WIDTH)
            button.setCheckable(True)
            # Never take focus: the keyboard flow stays in the text.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(
                plain_tooltip(f"Stance {label.name}" + (f" ({label.shortcut})" if key else ""))
            )
            # A full border: Qt ignores a style sheet that only sets one side.
            button.setStyleSheet(
                "QPushButton { border: 1px solid palette(mid); border-radius: 3px; "
                f"border-left: 6px solid {label.color}; padding: 3px 8px; text-align: left; "
                "background: palette(button); }"
                "QPushButton:checked { background: palette(highlight); "
                "color: palette(highlighted-text); }"
                f"QPushButton:disabled {{ color: {disabled}; }}"
            )
            button.clicked.connect(lambda _=False, lid=label.id: self.set_stance(lid))
            self.stances.addWidget(button)
            self._stance_buttons[label.id] = button
        with QSignalBlocker(self.quote_type):
            self.quote_type.clear()
            self.quote_type.addItem("(none)", None)
            for label in self.session.store.labels("quote_type"):
                self.quote_type.addItem(label.name, label.id)
        self.show_quote(self.quote)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._stance_buttons:
            # Light or dark: the buttons' colours are set from the palette.
            self.refresh_labels()

    def _find_names(self, text: str) -> None:
        # Still the same document, and the window (with its store) still open.
        if text is self.text and self.isVisible():
            self._article_names = names_in(text)

    def refresh_speakers(self) -> None:
        """Speakers changed in the registry: read them again when shown."""
        self.model.speakers.clear()
        self._named = None
        if self.model.rowCount():
            self.model.dataChanged.emit(
                self.model.index(0), self.model.index(self.model.rowCount() - 1)
            )
        self._show_speaker()

    def _met_names(self) -> list[str]:
        """Names met in this article, offered first: its speakers, their aliases, its names."""
        names: list[str] = []
        for speaker_id in self.model.speaker_counts:
            speaker = self.model.speakers.get(speaker_id)
            if speaker is not None:
                names.extend((speaker.name, *speaker.aliases))
        return list(dict.fromkeys([*names, *self._article_names]))

    def refresh_targets(self) -> None:
        """Completion over the stance targets used anywhere in the project."""
        self._targets.setStringList(self.session.store.targets())

    def set_legend(self, legend: Legend, mode: str) -> None:
        dark = palette.is_dark(self.palette())
        self.legend.setText(legend_markup(legend, mode, dark, self.legend.fontMetrics()))
        self.legend.setToolTip(legend_tooltip(legend))

    def _count_changed(self) -> None:
        count = self.model.rowCount()
        self.quotes_heading.setText(f"({count})")

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
            self.heading.setText(
                "<i>No quote selected: select text (or press W in a quotation) and press Q.</i>"
            )
            self.speaker.show_speaker("")
            self.mention.setText("")
            self.cue.setText("")
            self.target.setText("")
            self.note.setText("")
            with QSignalBlocker(self.quote_type):
                self.quote_type.setCurrentIndex(0)  # "(none)"
            self.list.clearSelection()
            return
        words = " ".join(" … ".join(self.text[s.start : s.end] for s in quote.spans).split())
        prefix = f"Quote ({plural(len(quote.spans), 'piece')}): "
        # Three wrapped lines hold about three widths of text, less what wrapping
        # leaves at each line's end; the whole quote is in the tooltip.
        metrics = self.heading.fontMetrics()
        slack = metrics.horizontalAdvance("M" * 8)
        # Before the panel is laid out its width means nothing: about 110 characters.
        width = max(self.heading.contentsRect().width(), metrics.averageCharWidth() * 45)
        budget = 3 * (width - slack)
        shown = elided(words, metrics, budget - metrics.horizontalAdvance(prefix))
        self.heading.setText(f"<b>{html.escape(prefix)}</b>{html.escape(shown)}")
        self.heading.setToolTip(plain_tooltip(words) if shown != words else "")
        self._show_speaker()
        self.mention.setText(breakable(self._span_text(quote.mention, "Shift+S clears it")))
        self.cue.setText(breakable(self._span_text(quote.cue, "Shift+C clears it")))
        if not self.target.hasFocus():
            self.target.setText(quote.target)
            self.target.setCursorPosition(0)
        if not self.note.hasFocus():
            self.note.setText(quote.note)
            self.note.setCursorPosition(0)
        with QSignalBlocker(self.quote_type):
            self.quote_type.setCurrentIndex(max(0, self.quote_type.findData(quote.quote_type_id)))
        if quote.id in self.model.quotes:
            index = self.model.index(self.model.row_of(quote.id))
            self.list.setCurrentIndex(index)
            # setCurrentIndex scrolls only when the current row changes; a document just
            # opened (from search or the statistics) has its list laid out afresh.
            self.list.scrollTo(index)

    def _show_speaker(self) -> None:
        quote = self.quote
        speaker = self.model.speakers.get(quote.speaker_id) if quote is not None else None
        self.speaker.show_speaker(speaker.name if speaker else "")

    def _span_text(self, span: Span | None, clear: str) -> str:
        if span is None:
            return "—"
        words = " ".join(self.text[span.start : span.end].split())
        if len(words) > 60:
            words = words[:59] + "…"
        return f"“{words}”  ({clear})"

    def focus_speaker(self, suggest: bool = False) -> None:
        """Give the speaker box the keyboard; ``suggest`` offers the speaker the text names."""
        if self.quote is None:
            return
        self.speaker.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.speaker.selectAll()
        if suggest and self.quote.speaker_id is None:
            store = self.session.store
            if self._named is None:
                # Once per document and registry: a pass over the aliases of a large one.
                self._named = speaker_match.named_in(store, self.text)
            # The speakers of the quotes listed here: no need to ask the store.
            shown = [i for i in self.model.speaker_counts if i is not None]
            found = speaker_match.suggest_speaker(
                store, self.quote.document_id, self.quote.spans[0], shown, self._named
            )
            if found is not None:
                self.speaker.suggest(found)

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

    def _speaker_chosen(self, name: str) -> None:
        if self.quote is None:
            return
        current = self.model.speakers.get(self.quote.speaker_id)
        if name != (current.name if current else ""):
            self.session.apply(quote_ops.set_speaker_by_name, self.quote.id, name)

    def _commit_target(self) -> None:
        if self.quote is not None and self.target.text().strip() != self.quote.target:
            self.session.apply(quote_ops.set_target, self.quote.id, self.target.text())

    def _commit_note(self) -> None:
        if self.quote is not None and self.note.text() != self.quote.note:
            self.session.apply(quote_ops.set_note, self.quote.id, self.note.text())

    def _commit_type(self, index: int) -> None:
        self.set_quote_type(self.quote_type.itemData(index))
