"""The statistics view over a small project: the charts' data, clicks, filters, live updates."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.artist import Artist
from matplotlib.patches import Rectangle
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from annotator.core import colors, quotes
from annotator.core.store import Store
from annotator.gui.charts import ChartCanvas
from annotator.gui.session import Session
from annotator.gui.statistics_view import StatisticsView
from tests.projects import add_document

TEXT = "Ana said yes. Ben said no. Cy said maybe. Di said so."


@pytest.fixture
def store() -> Store:
    store = Store.memory()
    first = add_document(store, TEXT, "first", title="First article")
    second = add_document(store, TEXT, "second", title="Second article")
    supports = store.find_label("stance", "supports").id
    opposes = store.find_label("stance", "opposes").id
    for document, start, coder, speaker, stance in (
        (first, 0, "ana", "Rex Tillerson", supports),
        (first, 14, "ana", "Rex Tillerson", opposes),
        (second, 0, "ben", "Rex Tillerson", supports),
        (second, 14, "ben", "John Kelly", supports),
    ):
        change = quotes.add_quote(
            store, document, [(start, start + 3)], annotator=coder, stance_id=stance
        )
        quotes.set_speaker_by_name(store, change.after[0].id, speaker)
    yield store
    store.close()


@pytest.fixture
def view(qtbot, store: Store) -> StatisticsView:
    widget = StatisticsView(Session(store, "tester"))
    qtbot.addWidget(widget)
    widget.resize(760, 620)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def drawn(canvas: ChartCanvas) -> dict[Artist, tuple]:
    canvas.draw()  # lay the figure out now, as the event loop would
    return canvas.bars()


def lengths(canvas: ChartCanvas) -> dict[tuple, float]:
    """What the drawn bars show: each bar's label and what it selects, with the length
    of its rectangle."""
    result: dict[tuple, float] = {}
    for artist, bars in drawn(canvas).items():
        assert isinstance(artist, Rectangle)
        result[(bars[0].label, *dict(bars[0].selection.where).items())] = artist.get_width()
    return result


def click_bar(canvas: ChartCanvas, artist: Artist) -> None:
    """A real left click on the middle of a drawn bar."""
    box = artist.get_window_extent()
    ratio = canvas.device_pixel_ratio
    x = (box.x0 + box.x1) / 2 / ratio
    y = (canvas.figure.bbox.height - (box.y0 + box.y1) / 2) / ratio
    QTest.mouseClick(
        canvas,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(round(x), round(y)),
    )


def test_the_speakers_chart_draws_each_speakers_count_in_their_colour(view, store):
    canvas = view.current_canvas()
    assert canvas.chart.key == "speakers"
    artists = drawn(canvas)
    shown = {bars[0].label: artist for artist, bars in artists.items()}
    assert {name: a.get_width() for name, a in shown.items()} == {
        "Rex Tillerson": 3,
        "John Kelly": 1,
    }
    rex = store.find_speaker("Rex Tillerson")
    assert shown["Rex Tillerson"].get_facecolor()[:3] == pytest.approx(
        QColor(colors.speaker_color(rex.id)).getRgbF()[:3], abs=0.01
    )
    assert view.summary.text() == "4 quotes in 2 documents"


def test_each_tab_draws_its_chart_from_the_project(view, store):
    rex = store.find_speaker("Rex Tillerson").id
    john = store.find_speaker("John Kelly").id
    supports = store.find_label("stance", "supports").id
    opposes = store.find_label("stance", "opposes").id
    view.tabs.setCurrentIndex(1)
    stance = lengths(view.current_canvas())
    assert stance[("Rex Tillerson", ("speaker", rex), ("stance", supports))] == 2
    assert stance[("Rex Tillerson", ("speaker", rex), ("stance", opposes))] == 1
    assert stance[("John Kelly", ("speaker", john), ("stance", supports))] == 1
    view.tabs.setCurrentIndex(3)
    assert {key[0]: n for key, n in lengths(view.current_canvas()).items()} == {
        "First article": 2,
        "Second article": 2,
    }
    view.tabs.setCurrentIndex(4)
    assert lengths(view.current_canvas())[("in progress", ("status", "in_progress"))] == 2
    view.tabs.setCurrentIndex(5)
    lines = drawn(view.current_canvas())
    assert sorted(line.get_label() for line in lines) == ["ana", "ben"]
    assert [list(line.get_ydata()) for line in lines] == [[2], [2]]


def test_clicking_a_bar_lists_its_quotes_and_enter_opens_one(view, store, qtbot):
    canvas = view.current_canvas()
    rex = next(a for a, bars in drawn(canvas).items() if bars[0].label == "Rex Tillerson")
    click_bar(canvas, rex)
    assert view.selection_label.text() == "Rex Tillerson: 3 quotes"
    assert view.quotes.count() == 3
    assert view.quotes.item(0).text() == "First article — Rex Tillerson: “Ana”"
    view.quotes.setFocus()
    QTest.keyClick(view.quotes, Qt.Key.Key_Down)
    with qtbot.waitSignal(view.quote_activated) as signal:
        QTest.keyClick(view.quotes, Qt.Key.Key_Return)
    first = store.document_by_external_id("first").id
    second_quote = [q for q in store.quotes(first) if q.spans[0].start == 14][0]
    assert signal.args == [first, second_quote.id]


def test_the_coder_filter_recounts_and_keeps_to_that_coder(view, qtbot):
    view.coder.setFocus()
    QTest.keyClick(view.coder, Qt.Key.Key_Down)  # "All coders" → "ana"
    assert view.coder.currentText() == "ana"
    assert view.summary.text() == "2 quotes in 2 documents"
    assert {bars[0].label: a.get_width() for a, bars in drawn(view.current_canvas()).items()} == {
        "Rex Tillerson": 2
    }
    view.status.setFocus()
    QTest.keyClick(view.status, Qt.Key.Key_End)  # "skipped": no document
    assert view.summary.text() == "0 quotes in 0 documents"
    assert drawn(view.current_canvas()) == {}


def test_the_view_follows_edits_after_a_pause(view, store, qtbot):
    session = view.session
    first = store.document_by_external_id("first").id
    change = session.apply(quotes.add_quote, first, [(27, 29)], annotator="chloé")
    session.apply(quotes.set_speaker_by_name, change.after[0].id, "John Kelly")
    qtbot.waitUntil(lambda: view.summary.text() == "5 quotes in 2 documents")
    assert {bars[0].label: a.get_width() for a, bars in drawn(view.current_canvas()).items()} == {
        "Rex Tillerson": 3,
        "John Kelly": 2,
    }
    # A new coder is offered at once.
    assert view.coder.findText("chloé") > 0
    session.undo_stack.undo()
    session.undo_stack.undo()
    qtbot.waitUntil(lambda: view.summary.text() == "4 quotes in 2 documents")


@pytest.mark.parametrize("suffix", ["svg", "pdf", "png"])
def test_save_chart_writes_the_format_asked(view, tmp_path: Path, monkeypatch, suffix):
    target = tmp_path / f"speakers.{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    QTest.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    data = target.read_bytes()
    expected = {"svg": b"<svg", "pdf": b"%PDF", "png": b"\x89PNG"}[suffix]
    assert expected in data[:400]
    if suffix == "svg":
        assert b"Rex Tillerson" in data and b"Quotes per speaker" in data


def test_report_from_the_view_uses_its_filters(view, tmp_path: Path, monkeypatch):
    target = tmp_path / "report.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    view.coder.setCurrentIndex(view.coder.findText("ben"))
    QTest.mouseClick(view.report_button, Qt.MouseButton.LeftButton)
    html = target.read_text(encoding="utf-8")
    assert "<tr><th>coder</th><td>ben</td></tr>" in html
    # Ben made one of Rex Tillerson's three quotes.
    assert 'Rex Tillerson</td><td class="number">1</td>' in html


def test_charts_follow_a_dark_palette(view):
    canvas = view.current_canvas()
    light = canvas.figure.get_facecolor()
    dark = QPalette()
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
        dark.setColor(role, QColor("#202124"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        dark.setColor(role, QColor("#E8EAED"))
    view.setPalette(dark)
    assert canvas.figure.get_facecolor() != light
    assert canvas.figure.get_facecolor()[:3] == pytest.approx(QColor("#202124").getRgbF()[:3])
    names = canvas.figure.axes[0].get_yticklabels()
    assert [label.get_color() for label in names] == ["#e8eaed", "#e8eaed"]


def test_clicking_a_point_of_the_timeline_lists_that_coders_quotes_of_that_day(view, store):
    with store.transaction() as conn:
        conn.execute("UPDATE quotes SET created_at = '2026-03-01T09:00:00+00:00'")
    view.refresh()
    view.tabs.setCurrentIndex(5)
    canvas = view.current_canvas()
    ben = next(line for line in drawn(canvas) if line.get_label() == "ben")
    x, y = ben.get_xydata()[0]
    px, py = ben.get_transform().transform((x, y))
    ratio = canvas.device_pixel_ratio
    point = QPoint(round(px / ratio), round((canvas.figure.bbox.height - py) / ratio))
    QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert view.selection_label.text() == "ben, 2026-03-01: 2 quotes"
    assert [view.quotes.item(row).text() for row in range(view.quotes.count())] == [
        "Second article — Rex Tillerson: “Ana”",
        "Second article — John Kelly: “Ben”",
    ]


def test_collections_appear_once_documents_have_them(view, store, qtbot):
    assert view.collection.isHidden()
    with store.transaction() as conn:
        conn.execute("UPDATE documents SET collection = 'train' WHERE external_id = 'first'")
    view.session.corpus_changed.emit()
    qtbot.waitUntil(lambda: not view.collection.isHidden())
    view.collection.setFocus()
    QTest.keyClick(view.collection, Qt.Key.Key_Down)  # "All collections" → "train"
    assert view.collection.currentText() == "train"
    assert view.summary.text() == "2 quotes in 1 document"


def test_the_agreement_tab_shows_f1_per_coder_pair(view, store, qtbot):
    view.tabs.setCurrentIndex(view.tabs.count() - 1)
    assert view.tabs.tabText(view.tabs.currentIndex()) == "Agreement"
    canvas = view.current_canvas()
    # Ana and Ben have not coded the same document yet.
    assert canvas.figure.axes[0].get_images() == []
    first = store.document_by_external_id("first").id
    view.session.apply(quotes.add_quote, first, [(0, 3)], annotator="ben")
    qtbot.waitUntil(lambda: view.summary.text() == "5 quotes in 2 documents")
    # Agreement can be slow: an edit made while it shows does not recompute it...
    assert canvas.figure.axes[0].get_images() == []
    # ...opening the tab again does.
    view.tabs.setCurrentIndex(0)
    view.tabs.setCurrentIndex(view.tabs.count() - 1)
    canvas.draw()
    (image,) = canvas.figure.axes[0].get_images()
    cells = image.get_array()
    # On the first document ana made 2 quotes and ben 1, both matched: F1 = 2/3.
    assert cells[0][1] == pytest.approx(2 / 3) and cells[1][0] == pytest.approx(2 / 3)
    assert cells.mask[0][0] and cells.mask[1][1]
    assert [label.get_text() for label in canvas.figure.axes[0].get_yticklabels()] == [
        "ana",
        "ben",
    ]


def test_arrow_keys_choose_a_bar_and_enter_lists_its_quotes(view, qtbot):
    view.tabs.setCurrentIndex(1)  # stance by speaker: stacked bars, read left to right
    canvas = view.current_canvas()
    drawn(canvas)
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    QTest.keyClick(canvas, Qt.Key.Key_Down)
    assert view.selection_label.text() == "Rex Tillerson: 2 quotes (Enter lists them)"
    QTest.keyClick(canvas, Qt.Key.Key_Down)
    assert view.selection_label.text() == "Rex Tillerson: 1 quote (Enter lists them)"
    QTest.keyClick(canvas, Qt.Key.Key_Return)
    assert view.selection_label.text() == "Rex Tillerson: 1 quote"
    assert view.quotes.count() == 1
    QTest.keyClick(canvas, Qt.Key.Key_Down)
    QTest.keyClick(canvas, Qt.Key.Key_Return)
    assert view.selection_label.text() == "John Kelly: 1 quote"
    QTest.keyClick(canvas, Qt.Key.Key_Up)
    QTest.keyClick(canvas, Qt.Key.Key_Up)
    QTest.keyClick(canvas, Qt.Key.Key_Return)
    assert view.selection_label.text() == "Rex Tillerson: 2 quotes"


def test_an_edit_that_changes_no_figure_draws_nothing_again(view, store, qtbot):
    canvas = view.current_canvas()
    before = list(drawn(canvas))
    shown = view.statistics
    quote = store.quotes(store.document_by_external_id("first").id)[0]
    view.session.apply(quotes.set_note, quote.id, "checked")
    # A note counts in no chart: nothing is even recomputed.
    assert not view.debounce.isActive() and view.statistics is shown
    # A stance changed and changed back in one burst: recomputed, the same figures.
    view.session.apply(quotes.set_stance, quote.id, None)
    view.session.apply(quotes.set_stance, quote.id, quote.stance_id)
    assert view.debounce.isActive()
    qtbot.waitUntil(lambda: view.statistics is not shown)
    assert list(drawn(canvas)) == before  # the same artists: not drawn again


def test_the_list_under_a_bar_follows_edits(view, store, qtbot):
    canvas = view.current_canvas()
    rex = next(a for a, bars in drawn(canvas).items() if bars[0].label == "Rex Tillerson")
    click_bar(canvas, rex)
    assert view.quotes.count() == 3
    second = store.document_by_external_id("second").id
    moved = [q for q in store.quotes(second) if q.spans[0].start == 0][0]
    view.session.apply(quotes.set_speaker_by_name, moved.id, "John Kelly")
    qtbot.waitUntil(lambda: view.selection_label.text() == "Rex Tillerson: 2 quotes")
    assert [view.quotes.item(row).text() for row in range(view.quotes.count())] == [
        "First article — Rex Tillerson: “Ana”",
        "First article — Rex Tillerson: “Ben”",
    ]
