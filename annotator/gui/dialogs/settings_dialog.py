"""Settings: annotator name, article font size, colour mode.

The fields and their help texts come from the declarative table in
:mod:`annotator.gui.settings`; OK writes each changed value at once.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.store import default_annotator
from annotator.gui.settings import FONT_SIZES, SETTINGS, Settings

log = logging.getLogger("annotator.gui.dialogs")

COLOR_MODES = (("By speaker", "speaker"), ("By stance", "stance"))
_HELP = {setting.name: setting.description for setting in SETTINGS}


class SettingsDialog(QDialog):
    """Edit the user's settings; Accepted after OK has saved them."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Settings")

        self.annotator = QLineEdit(settings.get("annotator"))
        self.annotator.setPlaceholderText(f"{default_annotator()} (your user name)")
        self.annotator.setClearButtonEnabled(True)
        self.annotator.setToolTip(_HELP["annotator"])

        self.font_size = QSpinBox()
        self.font_size.setRange(FONT_SIZES.start, FONT_SIZES.stop - 1)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(settings.get("font_size"))
        self.font_size.setToolTip(_HELP["font_size"])

        self.color_mode = QComboBox()
        for title, value in COLOR_MODES:
            self.color_mode.addItem(title, value)
        index = self.color_mode.findData(settings.get("color_mode"))
        self.color_mode.setCurrentIndex(max(index, 0))
        self.color_mode.setToolTip(_HELP["color_mode"])

        form = QFormLayout()
        form.addRow("&Annotator name:", self.annotator)
        form.addRow("Article &font size:", self.font_size)
        form.addRow("&Colour quotes:", self.color_mode)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    def accept(self) -> None:
        values = {
            "annotator": " ".join(self.annotator.text().split()),
            "font_size": self.font_size.value(),
            "color_mode": str(self.color_mode.currentData()),
        }
        for name, value in values.items():
            if self.settings.get(name) != value:
                self.settings.set(name, value)
                log.info("setting %s = %r", name, value)
        super().accept()
