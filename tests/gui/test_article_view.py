"""The article view: positions, highlights painted where the quotes are, tooltips, clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QToolTip, QVBoxLayout, QWidget

from annotator.core.model import Quote, Span
from annotator.gui.article_view import ArticleView
from tests.gui.conftest import find

TEXT = "Plain start. He said “we 😀 will win” and left.\nNext\u00a0line “another quote” here."


@pytest.fixture
def view(qtbot) -> ArticleView:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.set_document(TEXT, [])
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _quote(quote_id: int, start: int, end: int, **fields) -> Quote:
    return Quote(quote_id, 1, (Span(start, end),), **fields)


def _pixel(view: ArticleView, offset: int) -> QColor:
    image: QImage = view.viewport().grab().toImage()
    rect = view.cursorRect(view.cursor_at(offset))
    # Just right of the caret, at the foot of the line: below the glyphs'
    # ink, where the quote's colour bar runs.
    return QColor(image.pixel(rect.left() + 3, rect.bottom() - 1))


def test_selection_reports_code_points_across_emoji(view):
    start, end = find(TEXT, "will win")
    view.select(start, end)
    assert view.selection() == Span(start, end)
    assert view.textCursor().selectedText() == "will win"


def test_highlight_painted_under_the_quote_only(view):
    start, end = find(TEXT, "we 😀 will win")
    blank = _pixel(view, start + 1)
    view.set_quotes([_quote(1, start, end)])
    assert _pixel(view, start + 1) != blank
    assert _pixel(view, find(TEXT, "left")[0] + 1) == blank


def test_added_quote_is_painted_and_removed_one_is_not(view):
    start, end = find(TEXT, "another quote")
    blank = _pixel(view, start + 1)
    view.update_quotes([], [_quote(5, start, end)])
    assert _pixel(view, start + 1) != blank
    view.update_quotes([5], [])
    assert _pixel(view, start + 1) == blank
    assert not view.quotes_at(start + 1)


def test_overlapping_quotes_are_both_found_innermost_first(view):
    outer = find(TEXT, "we 😀 will win")
    inner = find(TEXT, "will")
    view.set_quotes([_quote(1, *outer), _quote(2, *inner)])
    assert [q.id for q in view.quotes_at(inner[0])] == [2, 1]
    assert [q.id for q in view.quotes_at(outer[0])] == [1]


def test_click_in_a_quote_selects_it_and_clicking_again_cycles(view, qtbot):
    outer = find(TEXT, "we 😀 will win")
    inner = find(TEXT, "will")
    view.set_quotes([_quote(1, *outer), _quote(2, *inner)])
    point = view.point_at(inner[0] + 1)
    with qtbot.waitSignal(view.quote_clicked) as clicked:
        QTest.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
        )
    assert clicked.args == [2]
    view.set_current(2)
    with qtbot.waitSignal(view.quote_clicked) as clicked:
        QTest.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
        )
    assert clicked.args == [1]


def test_click_outside_quotes_selects_nothing(view, qtbot):
    view.set_quotes([_quote(1, *find(TEXT, "another quote"))])
    with qtbot.assertNotEmitted(view.quote_clicked):
        QTest.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            view.point_at(2) + QPoint(2, 0),
        )


def test_offset_at_inverts_point_at_after_emoji(view):
    offset = find(TEXT, "will")[0]
    assert view.offset_at(view.point_at(offset)) == offset


def test_hovering_a_quote_shows_what_the_window_says_about_it(view):
    view.set_painters(lambda quote: "#CC6677", lambda quote: f"Kelly · opposes · {quote.id}")
    view.set_quotes([_quote(7, *find(TEXT, "another quote"))])
    point = view.point_at(find(TEXT, "another")[0] + 2)
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.text() == "Kelly · opposes · 7"


def test_repainting_only_the_changed_lines_leaves_the_screen_as_a_full_repaint(view, qtbot):
    """Edits repaint just the lines they touch; what the screen shows must be the same."""
    screen = view.screen()

    def on_screen() -> QImage:
        QApplication.processEvents()
        return screen.grabWindow(view.winId()).toImage()

    def fully_repainted() -> QImage:
        view.viewport().repaint()
        return on_screen()

    start, end = find(TEXT, "we 😀 will win")
    blank = on_screen()
    view.update_quotes([], [_quote(7, start, end)])
    added = on_screen()
    assert added != blank
    assert added == fully_repainted()
    view.set_current(7, scroll=False)
    outlined = on_screen()
    assert outlined != added and outlined == fully_repainted()
    view.update_quotes([7], [])
    assert on_screen() == fully_repainted() == blank


def test_a_partial_repaint_keeps_the_lanes_of_quotes_that_start_above_it(view, qtbot):
    """Bars share lanes over the whole view; repainting one line must draw them the same."""
    text = "\n".join(f"Line {n} where someone said something worth quoting." for n in range(8))
    view.set_document(text, [])
    line5 = text.index("Line 5")
    first = (0, len("Line 0 where"))
    # Starts under the first quote, so its bar runs in the second lane down to line 5.
    long = (text.index("where"), line5 + len("Line 5 where someone"))
    # On line 5 only: the first lane is free again there.
    short = (line5 + len("Line 5 where "), line5 + len("Line 5 where someone said"))
    view.set_quotes([_quote(1, *first), _quote(2, *long), _quote(3, *short)])
    screen = view.screen()

    def on_screen() -> QImage:
        QApplication.processEvents()
        return screen.grabWindow(view.winId()).toImage()

    whole = on_screen()
    top = view.cursorRect(view.cursor_at(line5)).top()
    view.viewport().repaint(QRect(0, top, view.viewport().width(), view.fontMetrics().height()))
    assert on_screen() == whole


def test_a_focus_change_repaints_neither_the_text_nor_its_scroll_bar(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    article, field = ArticleView(), QLineEdit()
    layout.addWidget(article)
    layout.addWidget(field)
    article.set_document(TEXT * 100, [])
    painted: list[QObject] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted.append(watched)
            return False

    watch = Watch()
    bar = article.verticalScrollBar()
    for widget in (article, article.viewport(), bar):
        widget.installEventFilter(watch)
    window.resize(400, 300)
    window.show()
    window.activateWindow()
    article.setFocus()
    # Shown, laid out and painted once.
    qtbot.waitUntil(lambda: bar.isVisible() and bar in painted and article.hasFocus())
    QApplication.processEvents()
    painted.clear()
    field.setFocus()
    QApplication.processEvents()
    assert field.hasFocus()
    article.setFocus()
    QApplication.processEvents()
    assert article.hasFocus()
    assert bar not in painted
    # The frame may show focus, so it is repainted (the caret in the text too).
    assert article in painted
