"""Long names, titles, labels and notes never size the window: they are cut, whole in tooltips."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from annotator.core import labels, quotes, speakers
from annotator.core.store import Store
from annotator.gui.elide import (
    ZERO_WIDTH_SPACE,
    FixedHeightLabel,
    breakable,
    elided,
    plain_tooltip,
    set_elided_text,
)
from tests.gui.conftest import click_at
from tests.gui.narrow_window import (
    CODER,
    LONG,
    NARROW,
    WORD,
    coder_steps,
    settle,
    unbreakable_project,
)
from tests.projects import add_document


def test_plain_tooltip_shows_markup_as_text(qtbot) -> None:
    tip = plain_tooltip("a <b>bold</b> & 1\nline two")
    label = QLabel()
    qtbot.addWidget(label)
    label.setTextFormat(Qt.TextFormat.AutoText)
    label.setText(tip)
    # Rendered as rich text, the escaped markup reads back as the original characters.
    assert "<b>" not in tip.removeprefix("<qt>")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; 1<br>line two" in tip


def test_elided_cuts_to_the_width_and_keeps_short_text(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    metrics = label.fontMetrics()
    short = elided("Ana  Lopez", metrics, 300)
    assert short == "Ana Lopez"
    cut = elided(LONG, metrics, 150)
    assert cut.endswith("…")
    assert metrics.horizontalAdvance(cut) <= 150
    set_elided_text(label, LONG, 150)
    assert label.text() == cut
    assert "&lt;b&gt;" in label.toolTip()
    set_elided_text(label, "Ana", 150)
    assert label.toolTip() == ""


def test_breakable_lets_a_long_word_wrap_and_leaves_short_ones(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    label.setWordWrap(True)
    label.setText(f"{WORD} said")
    whole = label.minimumSizeHint().width()
    label.setText(breakable(f"{WORD} said"))
    assert label.minimumSizeHint().width() < whole / 4
    assert label.text().replace(ZERO_WIDTH_SPACE, "") == f"{WORD} said"
    assert breakable("Ana  Lopez said") == "Ana  Lopez said"


def long_project(path: Path) -> None:
    text = f"{LONG}\n\nThe minister said “we will not move” on Tuesday."
    with Store.open(path) as store:
        document_id = add_document(store, text, "long", LONG)
        speaker = speakers.create_speaker(store, LONG).speakers_after[0]
        stance = labels.add_label(store, "stance", LONG).labels_after[0]
        kind = labels.add_label(store, "quote_type", LONG).labels_after[0]
        start = text.index("we will")
        quotes.add_quote(
            store,
            document_id,
            [(start, start + len("we will not move"))],
            speaker_id=speaker.id,
            stance_id=stance.id,
            quote_type_id=kind.id,
            target=LONG,
            note=LONG,
            annotator=LONG,
        )


def test_window_fits_1280_by_720_whatever_the_data(tmp_path, open_window, qtbot) -> None:
    path = tmp_path / "long.db"
    long_project(path)
    window = open_window(path)
    window.session.annotator = LONG
    window.update_status()
    text = window.article.toPlainText()
    click_at(window.article, text.index("will not"))
    panel = window.panel
    assert panel.quote is not None
    assert panel.speaker.text() == " ".join(LONG.split())
    assert panel.speaker.cursorPosition() == 0
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280
    assert hint.height() <= 720
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    # The article keeps most of the width; the side panes stay narrow.
    assert window.article.width() >= 500
    assert panel.width() <= 400
    assert window.documents.width() <= 400
    stance_button = panel._stance_buttons[panel.quote.stance_id]
    assert stance_button.text().endswith("…")
    assert "Markup" in stance_button.toolTip()
    assert "&lt;b&gt;" in window.status.annotator_label.toolTip()
    assert "&lt;b&gt;" in panel.legend.toolTip()


def test_selecting_and_making_quotes_never_widens_the_window(tmp_path, open_window, qtbot):
    path = tmp_path / "long.db"
    text = unbreakable_project(path)
    window = open_window(path)
    window.session.annotator = CODER
    window.update_status()
    window.resize(NARROW, 720)
    qtbot.waitUntil(lambda: window.width() == NARROW)
    settle()
    for step in coder_steps(window, text):
        assert (window.width(), step) == (NARROW, step)
        assert window.minimumSizeHint().width() <= NARROW, step


def test_a_fixed_height_label_keeps_its_size_whatever_its_text(qtbot):
    label = FixedHeightLabel(3)
    qtbot.addWidget(label)
    label.resize(200, label.height())
    label.show()
    height = label.fontMetrics().lineSpacing() * 3 + 4
    sizes = set()
    for text in ("", "short", "a long quote that wraps over many lines " * 20):
        label.setText(text)
        sizes.add((label.sizeHint(), label.minimumSizeHint(), label.height()))
    assert len(sizes) == 1
    assert label.height() == height and not label.hasHeightForWidth()
