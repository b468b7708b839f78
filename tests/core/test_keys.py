"""Label shortcuts: one key each, never one the window already answers."""

import pytest

from annotator.core import labels
from annotator.core.errors import InvalidValue
from annotator.core.keys import RESERVED, WINDOW_KEYS, label_key, normal_key


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("5", "5"),
        ("x", "X"),
        (" ctrl+shift+y ", "Ctrl+Shift+Y"),
        ("Shift+Ctrl+7", "Ctrl+Shift+7"),
        ("f5", "F5"),
        ("Alt+Delete", "Alt+Del"),
        ("Ctrl++", "Ctrl++"),
        ("ä", "Ä"),
    ],
)
def test_a_single_key_is_written_the_one_way(typed, key):
    assert normal_key(typed) == key


@pytest.mark.parametrize(
    ("typed", "complaint"),
    [
        ("xyz", "is not a key"),
        ("Ctrl+Z, Ctrl+X", "more than one key"),
        ("Ctrl", "no key besides the modifiers"),
        ("Ctrl+Alt", "no key besides the modifiers"),
        ("Hyper+5", "is not a modifier"),
        ("F99", "is not a key"),
    ],
)
def test_anything_but_one_key_is_refused(typed, complaint):
    with pytest.raises(InvalidValue, match=complaint):
        normal_key(typed)


@pytest.mark.parametrize(
    ("typed", "conflict"),
    [
        ("Q", "make quote"),
        ("q", "make quote"),
        ("D", "mark document done"),
        ("Delete", "delete quote"),
        ("Tab", "next quote"),
        ("ctrl+z", "undo"),
        ("Shift+Left", "moving and selecting"),
    ],
)
def test_a_key_the_window_uses_is_refused_naming_what_it_does(typed, conflict):
    with pytest.raises(InvalidValue, match=f"already used by the window \\({conflict}"):
        label_key(typed)


def test_no_key_is_allowed_and_every_window_key_is_canonical():
    assert label_key("") == "" and label_key("  ") == ""
    for key in RESERVED:
        assert normal_key(key) == key
    assert set(WINDOW_KEYS) <= set(RESERVED)


def test_add_and_edit_refuse_window_keys_and_leave_the_scheme(store):
    before = store.labels()
    with pytest.raises(InvalidValue, match="make quote"):
        labels.add_label(store, "stance", "sceptical", shortcut="Q")
    supports = store.find_label("stance", "supports")
    with pytest.raises(InvalidValue, match="is not a key"):
        labels.update_label(store, supports.id, shortcut="xyz")
    assert store.labels() == before
    labels.update_label(store, supports.id, shortcut="shift+f2")
    assert store.label(supports.id).shortcut == "Shift+F2"
