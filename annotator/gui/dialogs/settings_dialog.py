"""Settings: annotator name, article font size, colour mode, light or dark, and the span rule.

The user's fields and their help texts come from the declarative table in
:mod:`annotator.gui.settings`; OK writes each changed value at once. The span
rule belongs to the open project (its codebook), not to the user: it is shown
when the dialog is given the project's store, and saved there.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core import codebook
from annotator.core.codebook import SpanRule
from annotator.core.errors import AnnotatorError
from annotator.core.store import Store, default_annotator
from annotator.gui import palette
from annotator.gui.settings import FONT_SIZES, SETTINGS, Settings

log = logging.getLogger("annotator.gui.dialogs")

COLOR_MODES = (("By speaker", "speaker"), ("By stance", "stance"))
THEMES = (("As the system", "system"), ("Light", "light"), ("Dark", "dark"))
QUOTATION_MARKS = (
    ("As selected", "as_selected"),
    ("Inside the content", "include"),
    ("Outside the content", "exclude"),
)
PUNCTUATION = (
    ("As selected", "as_selected"),
    ("Kept", "keep"),
    ("Dropped", "drop"),
)
RULE_HELP = (
    "How a selection becomes a quote's text in this project. “As selected” stores exactly "
    "what you select, from mark to mark or word to word. The other choices make every "
    "quote follow one convention: quotation marks in or out of the content, and the "
    "comma or full stop inside the marks kept or dropped (with the marks inside, what is "
    "between them stays). Quotes already made are not changed."
)
_HELP = {setting.name: setting.description for setting in SETTINGS}


class SettingsDialog(QDialog):
    """Edit the user's settings; Accepted after OK has saved them."""

    def __init__(
        self, settings: Settings, parent: QWidget | None = None, store: Store | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.store = store
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

        self.theme = _choice(THEMES, settings.get("theme"), _HELP["theme"])

        form = QFormLayout()
        form.addRow("&Annotator name:", self.annotator)
        form.addRow("Article &font size:", self.font_size)
        form.addRow("&Colour quotes:", self.color_mode)
        form.addRow("&Window colours:", self.theme)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.quotation_marks: QComboBox | None = None
        self.punctuation: QComboBox | None = None
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        if store is not None:
            rule = codebook.span_rule(store)
            self.quotation_marks = _choice(QUOTATION_MARKS, rule.quotation_marks, RULE_HELP)
            self.punctuation = _choice(PUNCTUATION, rule.punctuation, RULE_HELP)
            self.quotation_marks.currentIndexChanged.connect(self._marks_changed)
            self._marks_changed()
            group = QGroupBox("Span rule of this project")
            group.setToolTip(RULE_HELP)
            rules = QFormLayout(group)
            note = QLabel(
                "“As selected” stores exactly what you select. "
                "Quotes already made stay as they are."
            )
            note.setWordWrap(True)
            rules.addRow(note)
            rules.addRow("&Quotation marks:", self.quotation_marks)
            rules.addRow("&Punctuation inside the marks:", self.punctuation)
            layout.addWidget(group)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    def accept(self) -> None:
        values = {
            "annotator": " ".join(self.annotator.text().split()),
            "font_size": self.font_size.value(),
            "color_mode": str(self.color_mode.currentData()),
            "theme": str(self.theme.currentData()),
        }
        for name, value in values.items():
            if self.settings.get(name) != value:
                self.settings.set(name, value)
                log.info("setting %s = %r", name, value)
        palette.apply_theme(self.settings.get("theme"))
        if self.store is not None and self.quotation_marks and self.punctuation:
            rule = SpanRule(
                str(self.quotation_marks.currentData()), str(self.punctuation.currentData())
            )
            if rule != codebook.span_rule(self.store):
                try:
                    codebook.set_span_rule(self.store, rule)
                except AnnotatorError as error:
                    self.message.setText(f"The span rule was not saved: {error}")
                    return
                log.info("span rule = %s", rule.to_json())
        super().accept()

    def _marks_changed(self) -> None:
        # With the marks inside the content, what lies between them stays: nothing to choose.
        if self.quotation_marks is not None and self.punctuation is not None:
            inside = self.quotation_marks.currentData() == "include"
            self.punctuation.setEnabled(not inside)


def _choice(choices: tuple[tuple[str, str], ...], value: str, help_text: str) -> QComboBox:
    box = QComboBox()
    for title, data in choices:
        box.addItem(title, data)
    box.setCurrentIndex(max(box.findData(value), 0))
    box.setToolTip(help_text)
    return box
