"""The flow layout: widgets at their own width, wrapped into rows as the width needs."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from annotator.gui.flow_layout import FlowLayout

NAMES = ["1  supports", "2  opposes", "3  neutral", "4  unclear", "5  sceptical"]


def flow(qtbot) -> tuple[QWidget, FlowLayout, list[QPushButton]]:
    widget = QWidget()
    qtbot.addWidget(widget)
    layout = FlowLayout(widget, spacing=4)
    buttons = [QPushButton(name) for name in NAMES]
    for button in buttons:
        layout.addWidget(button)
    return widget, layout, buttons


def rows(buttons: list[QPushButton]) -> list[list[str]]:
    tops = sorted({button.y() for button in buttons})
    return [[b.text() for b in buttons if b.y() == top] for top in tops]


def test_a_wide_row_holds_every_button_at_its_own_width(qtbot) -> None:
    widget, layout, buttons = flow(qtbot)
    widest = sum(b.sizeHint().width() for b in buttons) + 4 * (len(buttons) - 1)
    widget.resize(widest, layout.heightForWidth(widest))
    widget.show()
    qtbot.waitExposed(widget)
    assert rows(buttons) == [NAMES]
    for button in buttons:
        assert button.size() == button.sizeHint()


def test_a_narrow_width_makes_more_rows_never_narrower_buttons(qtbot) -> None:
    widget, layout, buttons = flow(qtbot)
    one_row = layout.heightForWidth(2000)
    narrow = layout.minimumSize().width()
    assert narrow == max(b.sizeHint().width() for b in buttons)
    assert layout.heightForWidth(narrow) > one_row
    widget.resize(narrow, layout.heightForWidth(narrow))
    widget.show()
    qtbot.waitExposed(widget)
    assert [len(row) for row in rows(buttons)] == [1] * len(NAMES)
    for button in buttons:
        assert button.width() == button.sizeHint().width()
        assert button.geometry().right() < narrow
    assert max(b.geometry().bottom() for b in buttons) < layout.heightForWidth(narrow)


def test_taking_the_buttons_out_empties_the_layout(qtbot) -> None:
    _widget, layout, buttons = flow(qtbot)
    taken = [layout.takeAt(0) for _ in buttons]
    assert [item.widget() for item in taken] == buttons
    assert layout.count() == 0 and layout.takeAt(0) is None
