"""A pane's part held at the height its wrapped text needs: the rest of the pane gives way."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from annotator.gui.whole_height import WholeHeight

TEXT = "a wrapped line of words " * 6


def pane(qtbot) -> tuple[QWidget, QLabel, WholeHeight, QListWidget]:
    outer = QWidget()
    qtbot.addWidget(outer)
    contents = QWidget()
    label = QLabel(TEXT)
    label.setWordWrap(True)
    QVBoxLayout(contents).addWidget(label)
    area = WholeHeight(contents)
    below = QListWidget()
    layout = QVBoxLayout(outer)
    layout.addWidget(area)
    layout.addWidget(below, 1)
    return outer, label, area, below


def test_the_wrapped_text_keeps_its_lines_in_a_short_narrow_pane(qtbot) -> None:
    outer, label, area, below = pane(qtbot)
    outer.resize(160, 300)
    outer.show()
    qtbot.waitExposed(outer)
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() == 0)
    assert label.heightForWidth(label.width()) > 3 * label.fontMetrics().lineSpacing()
    assert outer.minimumSizeHint().height() > label.height()
    assert below.height() < outer.height() - label.height()


def test_past_half_the_window_it_scrolls_and_follows_the_window(qtbot) -> None:
    outer, label, area, _below = pane(qtbot)
    outer.resize(160, 160)
    outer.show()
    qtbot.waitExposed(outer)
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    assert area.minimumSizeHint().height() == outer.height() // 2
    assert outer.height() == 160
    assert label.height() >= label.heightForWidth(label.width())
    outer.resize(160, 400)
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() == 0)
