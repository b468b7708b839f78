from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from annotator.gui.dialogs.settings_dialog import SettingsDialog
from annotator.gui.settings import Settings


def _dialog(qtbot, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_shows_the_current_settings(qtbot, tmp_path):
    settings = Settings(tmp_path / "settings.json")
    settings.set("annotator", "ana")
    settings.set("font_size", 17)
    settings.set("color_mode", "stance")
    dialog = _dialog(qtbot, settings)
    assert dialog.annotator.text() == "ana"
    assert dialog.font_size.value() == 17
    assert dialog.color_mode.currentText() == "By stance"


def test_ok_saves_what_was_typed_and_chosen(qtbot, tmp_path):
    path = tmp_path / "settings.json"
    dialog = _dialog(qtbot, Settings(path))
    qtbot.keyClicks(dialog.annotator, "  Ana   Lopez ")
    dialog.font_size.selectAll()
    qtbot.keyClicks(dialog.font_size, "16")
    qtbot.keyClick(dialog.color_mode, Qt.Key.Key_Down)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )

    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = Settings(path)  # read back from the file
    assert saved.get("annotator") == "Ana Lopez"
    assert saved.annotator == "Ana Lopez"
    assert saved.get("font_size") == 16
    assert saved.get("color_mode") == "stance"


def test_cancel_changes_nothing(qtbot, tmp_path):
    path = tmp_path / "settings.json"
    dialog = _dialog(qtbot, Settings(path))
    qtbot.keyClicks(dialog.annotator, "someone")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )

    assert dialog.result() == QDialog.DialogCode.Rejected
    assert Settings(path).get("annotator") == ""
    assert not path.exists()


def test_font_size_stays_in_a_readable_range(qtbot, tmp_path):
    dialog = _dialog(qtbot, Settings(tmp_path / "settings.json"))
    dialog.font_size.selectAll()
    qtbot.keyClicks(dialog.font_size, "400")
    assert 6 <= dialog.font_size.value() <= 48


def _ok(qtbot, dialog):
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def test_dark_colours_are_chosen_in_the_app_and_read_well(qtbot, tmp_path):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from annotator.gui import palette

    settings = Settings(tmp_path / "settings.json")
    dialog = _dialog(qtbot, settings)
    assert dialog.theme.currentText() == "As the system"
    qtbot.keyClick(dialog.theme, Qt.Key.Key_End)
    try:
        _ok(qtbot, dialog)
        assert Settings(tmp_path / "settings.json").get("theme") == "dark"
        app_palette = QApplication.palette()
        assert palette.is_dark(app_palette)
        disabled = app_palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        assert palette.contrast(disabled, app_palette.color(QPalette.ColorRole.Button)) >= 3
        # The darkest speaker colour's underline still stands out on the dark text background.
        indigo = palette.line("#332288", dark=True)
        assert palette.contrast(indigo, app_palette.color(QPalette.ColorRole.Base)) >= 3
    finally:
        palette.apply_theme("system")
    assert not palette.is_dark(QApplication.palette())


def test_the_span_rule_is_saved_in_the_project(qtbot, tmp_path):
    from annotator.core import codebook
    from annotator.core.store import Store

    store = Store.memory()
    dialog = SettingsDialog(Settings(tmp_path / "settings.json"), None, store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.quotation_marks.currentText() == "As selected"
    qtbot.keyClick(dialog.quotation_marks, Qt.Key.Key_End)  # outside the content
    qtbot.keyClick(dialog.punctuation, Qt.Key.Key_End)  # dropped
    _ok(qtbot, dialog)
    assert codebook.span_rule(store) == codebook.SpanRule("exclude", "drop")
    dialog = SettingsDialog(Settings(tmp_path / "settings.json"), None, store)
    qtbot.addWidget(dialog)
    qtbot.keyClick(dialog.quotation_marks, Qt.Key.Key_Home)
    qtbot.keyClick(dialog.quotation_marks, Qt.Key.Key_Down)  # inside
    assert not dialog.punctuation.isEnabled()
