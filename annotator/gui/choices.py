"""Filter boxes: "All ..." first, then the names the project has now.

The document list and the statistics view refill theirs whenever the project
changes; what was chosen stays chosen while it is still there.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox


def refill(combo: QComboBox, everything: str, names: Iterable[str]) -> None:
    """``everything`` (no filter) and then ``names``, keeping the choice; no signal fires."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, None)
    for name in names:
        combo.addItem(name, name)
    found = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(found, 0))
    combo.blockSignals(False)
