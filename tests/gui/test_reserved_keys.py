"""The window's shortcut table and the core's list of reserved keys say the same thing."""

from annotator.core.keys import WINDOW_KEYS, normal_key
from annotator.gui import shortcuts

MENU_KEYS = {"Ctrl+Q"}  # Project → Quit, QKeySequence.StandardKey.Quit


def test_every_window_shortcut_is_reserved_for_labels_and_nothing_else_is():
    used = {normal_key(shortcut.key) for shortcut in shortcuts.SHORTCUTS}
    assert used | MENU_KEYS == set(WINDOW_KEYS)
