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
