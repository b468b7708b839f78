"""Markup in every field a file, a user or the store gives is shown as the text itself.

A title ``<img src=...>`` rendered as rich text made Qt read local files (and
``/dev/zero`` crashed the window). Each view, tooltip and dialog must show the
markup literally.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QListWidget, QMessageBox

from annotator.core import importing
from annotator.core.store import Store
from annotator.gui.dialogs.labels_dialog import LabelsDialog
from tests.gui.dialogs import when_modal

MARKUP = "<b>Budget</b> <img src='missing.png'>"
TEXT = f"{MARKUP} said the minister, and we agreed."


def shown(text: str) -> str:
    """What Qt displays for ``text`` in a tooltip or an automatic-format label."""
    if GuiQt.mightBeRichText(text):
        return QTextDocumentFragment.fromHtml(text).toPlainText()
    return text


def _project_with_markup(project):
    source = project.parent / "markup.jsonl"
    quote = {
        "spans": [[0, len(MARKUP)]],
        "speaker": f"{MARKUP} Lima",
        "speaker_aliases": [f"alias {MARKUP}"],
        "stance": f"stance {MARKUP}",
        "target": f"target {MARKUP}",
        "note": f"note {MARKUP}",
    }
    source.write_text(
        json.dumps(
            {
                "id": f"id {MARKUP}",
                "title": f"title {MARKUP}",
                "text": TEXT,
                "source": MARKUP,
                "quotes": [quote],
            }
        ),
        encoding="utf-8",
    )
    with Store.open(project) as store:
        report = importing.import_paths(store, [source])
        assert report.ok, report.failed


def test_markup_in_every_field_shows_literally_in_tooltips_and_dialogs(project, open_window, qtbot):
    _project_with_markup(project)
    window = open_window(project)
    model = window.documents.model
    row = next(r for r in range(model.rowCount()) if "title" in str(model.index(r, 0).data()))
    tooltip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert shown(tooltip) == f"title {MARKUP}\nid {MARKUP}"

    window.open_document(window.store.document_by_external_id(f"id {MARKUP}").id)
    qtbot.waitUntil(lambda: window.panel.model.rowCount() == 1)
    quote_tip = window.panel.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert shown(quote_tip).startswith(MARKUP)

    stance_tips = [shown(b.toolTip()) for b in window.panel._stance_buttons.values()]
    assert f"Stance stance {MARKUP}" in stance_tips

    window.session.annotator = f"ann {MARKUP}"
    window.update_status()
    label = window.status.annotator_label
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text().startswith("Annotator: ann <b>Budget")  # cut to fit, not rendered
    assert shown(label.toolTip()) in ("", f"Annotator: ann {MARKUP}")

    dialog = LabelsDialog(window.session, window)
    qtbot.addWidget(dialog)
    items = [lst.item(i) for lst in dialog.findChildren(QListWidget) for i in range(lst.count())]
    assert any(shown(item.toolTip()).startswith(f"stance {MARKUP}: colour") for item in items)


def test_a_failure_message_with_markup_is_shown_as_text(window, qtbot):
    seen: list[tuple[Qt.TextFormat, str]] = []

    def read(box):
        seen.append((box.textFormat(), box.text()))
        box.close()

    when_modal(read, QMessageBox)
    window.session.failed.emit(f"{MARKUP}: the project file is read-only")
    assert seen and seen[0][0] == Qt.TextFormat.PlainText
    assert MARKUP in seen[0][1]
    assert QApplication.activeModalWidget() is None
