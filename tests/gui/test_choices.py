from PySide6.QtWidgets import QComboBox

from annotator.gui.choices import refill


def test_refill_keeps_the_choice_while_it_is_there_and_stays_silent(qtbot):
    combo = QComboBox()
    qtbot.addWidget(combo)
    refill(combo, "All coders", ["ana", "ben"])
    assert [combo.itemText(i) for i in range(combo.count())] == ["All coders", "ana", "ben"]
    assert combo.currentData() is None
    combo.setCurrentIndex(2)
    fired: list[int] = []
    combo.currentIndexChanged.connect(fired.append)

    refill(combo, "All coders", ["ana", "ben", "cy"])
    assert combo.currentData() == "ben"
    refill(combo, "All coders", ["ana"])
    assert combo.currentData() is None
    assert fired == []
