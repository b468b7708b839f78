"""The search results under the document list: documents, quotes and speakers, each with a snippet.

A snippet is plain text drawn by :class:`SnippetDelegate`, the searched words
in bold; nothing in it is read as markup.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core import search
from annotator.core.search import Piece, Results
from annotator.core.wording import plural
from annotator.gui.elide import never_wider_than_asked, plain_tooltip

# Item data: the snippet's pieces, and what the row stands for.
PIECES = Qt.ItemDataRole.UserRole + 1
TARGET = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
# A document row shows this many characters of the title before its snippet.
TITLE_CHARS = 20


class SnippetDelegate(QStyledItemDelegate):
    """Draws a row's pieces on one line, hits in bold, cut with "…" at the right edge."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        pieces = index.data(PIECES)
        if not pieces:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = (
            option.palette.ColorRole.HighlightedText if selected else option.palette.ColorRole.Text
        )
        painter.save()
        painter.setPen(option.palette.color(role))
        rect: QRect = option.rect.adjusted(4, 0, -4, 0)
        x = rect.left()
        for piece in pieces:
            font = QFont(option.font)
            font.setBold(piece.hit)
            metrics = QFontMetrics(font)
            room = rect.right() - x
            if room <= 0:
                break
            text = metrics.elidedText(piece.text, Qt.TextElideMode.ElideRight, room)
            painter.setFont(font)
            painter.drawText(
                QRect(x, rect.top(), room, rect.height()),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                text,
            )
            x += metrics.horizontalAdvance(text)
            if text != piece.text:
                break
        painter.restore()


def _short(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…"


def _heading(count: int, noun: str) -> str:
    """ "12 quotes", or "the first 200 documents" when the search stopped at its limit."""
    return f"the first {count} {noun}s" if count >= search.LIMIT else plural(count, noun)


def _text(pieces: tuple[Piece, ...]) -> str:
    return "".join(piece.text for piece in pieces)


class SearchResults(QWidget):
    """What the search found. Signals say which row the person picked.

    Signals:
        document_chosen(int): a document row.
        quote_chosen(int, int): a quote row (document id, quote id).
        speaker_chosen(int): a speaker row.
    """

    document_chosen = Signal(int)
    quote_chosen = Signal(int, int)
    speaker_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setWordWrap(True)
        never_wider_than_asked(self.message)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegate(SnippetDelegate(self.tree))
        self.tree.itemActivated.connect(self._chosen)
        self.tree.itemClicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.tree, 1)

    def refuse(self, reason: str) -> None:
        self.tree.clear()
        self.message.setText(reason)

    def show_results(self, results: Results) -> None:
        self.tree.clear()
        groups = (
            (
                _heading(len(results.documents), "document"),
                [
                    (
                        hit.title,
                        (hit.title, " — ", *(p.text for p in hit.snippet)),
                        (Piece(f"{_short(hit.title)} — ", False), *hit.snippet),
                        ("document", hit.document_id, 0),
                    )
                    for hit in results.documents
                ],
            ),
            (
                _heading(len(results.quotes), "quote"),
                [
                    (
                        hit.speaker or "no speaker",
                        (hit.title, ": ", _text(hit.snippet)),
                        (Piece(f"{hit.speaker or 'no speaker'}: ", False), *hit.snippet),
                        ("quote", hit.document_id, hit.quote_id),
                    )
                    for hit in results.quotes
                ],
            ),
            (
                _heading(len(results.speakers), "speaker"),
                [
                    (
                        hit.name,
                        (hit.name, f" ({plural(hit.quotes, 'quote')})"),
                        (*hit.snippet, Piece(f" · {plural(hit.quotes, 'quote')}", False)),
                        ("speaker", hit.speaker_id, 0),
                    )
                    for hit in results.speakers
                ],
            ),
        )
        for heading, rows in groups:
            if not rows:
                continue
            group = QTreeWidgetItem(self.tree, [heading])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for _, tip, pieces, target in rows:
                item = QTreeWidgetItem(group, [_text(pieces)])
                item.setData(0, PIECES, pieces)
                item.setData(0, TARGET, target)
                item.setToolTip(0, plain_tooltip("".join(tip)))
            group.setExpanded(True)
        found = len(results.documents) + len(results.quotes) + len(results.speakers)
        self.message.setText("" if found else "Nothing found.")

    def _chosen(self, item: QTreeWidgetItem) -> None:
        target = item.data(0, TARGET)
        if not target:
            return
        kind, first, second = target
        if kind == "document":
            self.document_chosen.emit(first)
        elif kind == "quote":
            self.quote_chosen.emit(first, second)
        else:
            self.speaker_chosen.emit(first)
