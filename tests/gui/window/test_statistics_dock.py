"""The statistics dock in the window: a quote listed under a bar opens in the article."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolBar

from annotator.core import quotes
from annotator.core.store import Store
from tests.gui.test_statistics_view import click_bar, drawn
from tests.projects import add_document


def test_a_quote_listed_under_a_bar_opens_in_its_document(project: Path, open_window, qtbot):
    with Store.open(project) as store:
        other = add_document(store, "Talks\n\nKelly said “no wall”.", "talks", "Talks")
        change = quotes.add_quote(store, other, [(20, 27)], annotator="ana")
        quote_id = change.after[0].id
        quotes.set_speaker_by_name(store, quote_id, "John Kelly")
    window = open_window(project)
    first = window.document_id
    assert first != other
    (toolbar,) = window.findChildren(QToolBar)
    button = toolbar.widgetForAction(window.statistics.action)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    view = window.statistics.view
    assert view is not None
    qtbot.waitExposed(view)
    canvas = view.current_canvas()
    kelly = next(a for a, bars in drawn(canvas).items() if bars[0].label == "John Kelly")
    click_bar(canvas, kelly)
    assert view.quotes.count() == 1
    view.quotes.setFocus()
    QTest.keyClick(view.quotes, Qt.Key.Key_Return)
    assert window.document_id == other
    assert window.article.current == quote_id
