"""The statistics dock in the window: a quote listed under a bar opens in the article, and the
quote panel beside a dock open at 1280x720 still shows every field and stance button whole."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolBar

from annotator.core import labels, quotes
from annotator.core.store import Store
from tests.gui.conftest import click_at, find
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


def open_dock(window) -> None:
    (toolbar,) = window.findChildren(QToolBar)
    QTest.mouseClick(toolbar.widgetForAction(window.statistics.action), Qt.MouseButton.LeftButton)
    assert window.statistics.dock is not None and window.statistics.dock.isVisible()


def test_with_the_dock_open_at_1280_by_720_the_stance_buttons_are_whole(
    project: Path, open_window, qtbot
):
    with Store.open(project) as store:
        document_id = store.document_ids()[0]
        text = store.document(document_id).text
        for name in ("sceptical", "ironic", "mixed or hedged"):
            labels.add_label(store, "stance", name)
        stance = store.labels("stance")[0]
        quotes.add_quote(
            store,
            document_id,
            [find(text, "the wall does not define our relationship")],
            mention=find(text, "Secretary of State Rex Tillerson"),
            cue=find(text, "declared"),
            stance_id=stance.id,
            target="border wall",
            note="check the video",
        )
    window = open_window(project)
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1280, 720))
    open_dock(window)
    click_at(window.article, text.index("wall does not"))
    panel = window.panel
    assert panel.quote is not None
    # The wrapped mention grows the fields by a line: the dock gives way.
    qtbot.waitUntil(
        lambda: panel.mention.height() >= panel.mention.heightForWidth(panel.mention.width())
    )
    assert window.size().toTuple() == (1280, 720)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720
    buttons = list(panel._stance_buttons.values())
    assert len(buttons) == 7
    for button in buttons:
        name = button.text()
        assert not name.endswith("…"), name
        # As large as the button asks: its text is never cut, nor squeezed by its neighbours.
        assert button.width() >= button.sizeHint().width(), name
        assert button.height() >= button.sizeHint().height(), name
        # And all of it on screen, not under the dock or past the panel's edge.
        assert button.visibleRegion().boundingRect() == button.rect(), name
    # The wrapped rows above and below them have the height their text needs.
    for label in (panel.mention, panel.cue, panel.legend):
        assert label.height() >= label.heightForWidth(label.width())
    assert panel.note.visibleRegion().boundingRect() == panel.note.rect()
