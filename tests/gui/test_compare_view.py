"""The compare view driven by its keys: take versions into gold, step, undo, edit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.gui.compare_view import CompareView
from tests.gui.coded_project import MARKET_LONGER, ROOM, WALL, make_coded_project
from tests.gui.conftest import rows


@pytest.fixture
def coded(tmp_path: Path) -> Path:
    path = tmp_path / "coded.db"
    make_coded_project(path)
    return path


@pytest.fixture
def view(coded, open_window, qtbot) -> CompareView:
    compare = _shown(open_window(coded), qtbot)
    compare.group_list.setFocus()
    return compare


def _shown(window, qtbot) -> CompareView:
    """Ana's and ben's versions of the first document, in front."""
    compare = CompareView(window, 1, ["ana", "ben"])
    qtbot.addWidget(compare)
    compare.show()
    compare.activateWindow()
    qtbot.waitUntil(compare.isActiveWindow)
    return compare


def press(qtbot, view: CompareView, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(view.group_list, key, modifier)


def current_words(view: CompareView) -> str:
    group = view.group
    assert group is not None
    return view.text[group.start : group.end]


def gold(coded: Path) -> list[tuple[str, str]]:
    """(text, provenance) of the gold layer's quotes, in text order."""
    return rows(
        coded,
        "SELECT quote_spans.text, quotes.provenance FROM quotes "
        "JOIN quote_spans ON quote_spans.quote_id = quotes.id "
        "JOIN annotators ON annotators.id = quotes.annotator_id "
        "WHERE annotators.name = 'gold' AND annotators.kind = 'gold' ORDER BY quote_spans.start",
    )


def test_it_opens_on_the_first_open_disagreement_with_the_versions(view):
    assert view.progress.text().startswith(
        "Adjudicated 0 of 3 groups (1 the coders agree on, 2 disagreements)"
    )
    marks = [view.group_list.item(row).text()[0] for row in range(view.group_list.count())]
    assert marks == ["=", "≠", "≠"]
    assert current_words(view) == ROOM
    versions = view.versions
    assert [versions.item(row, 1).text() for row in range(2)] == ["ana", "ben"]
    assert versions.item(1, 2).text() == "— no quote —"
    assert len(view.text_view.extraSelections()) == 3


def test_keys_take_versions_into_gold_and_move_on(view, coded, qtbot):
    press(qtbot, view, Qt.Key.Key_B)
    assert view.message.text() == "ben has no quote here."
    assert gold(coded) == []
    press(qtbot, view, Qt.Key.Key_A)
    assert [text for text, _ in gold(coded)] == [ROOM]
    assert current_words(view) == MARKET_LONGER  # moved to the next disagreement
    press(qtbot, view, Qt.Key.Key_2)
    taken = gold(coded)
    assert [text for text, _ in taken] == [ROOM, MARKET_LONGER]
    assert len(json.loads(taken[1][1])) == 2  # both coders' quotes are its provenance
    assert view.message.text() == "No more open disagreements that way."
    press(qtbot, view, Qt.Key.Key_G)
    assert [text for text, _ in gold(coded)] == [WALL, ROOM, MARKET_LONGER]
    assert view.progress.text().startswith("Adjudicated 3 of 3 groups")


def test_taking_the_other_version_replaces_it_and_undo_brings_it_back(view, coded, qtbot):
    press(qtbot, view, Qt.Key.Key_N)
    assert current_words(view) == MARKET_LONGER
    press(qtbot, view, Qt.Key.Key_1)
    press(qtbot, view, Qt.Key.Key_K)
    press(qtbot, view, Qt.Key.Key_J)
    # Taken groups are skipped: back on the only open disagreement.
    assert current_words(view) == ROOM
    view.group_list.setCurrentRow(2)
    press(qtbot, view, Qt.Key.Key_2)
    assert [text for text, _ in gold(coded)] == [MARKET_LONGER]
    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [text for text, _ in gold(coded)] == ["There is no other market for these activities"]
    assert view.progress.text().startswith("Adjudicated 1 of 3 groups")


def test_next_and_previous_go_between_open_disagreements(view, qtbot):
    press(qtbot, view, Qt.Key.Key_N)
    assert current_words(view) == MARKET_LONGER
    press(qtbot, view, Qt.Key.Key_N)
    assert view.message.text() == "No more open disagreements that way."
    press(qtbot, view, Qt.Key.Key_P)
    assert current_words(view) == ROOM


def test_edit_takes_the_version_and_opens_the_gold_quote_in_the_window(view, coded, qtbot):
    window = view.parent()
    press(qtbot, view, Qt.Key.Key_E)
    assert not view.isVisible()
    assert window.coders.selector.currentText() == "gold (gold)"
    assert window.panel.quote is not None
    assert window.panel.model.coder_of(window.panel.quote) == "by gold, changed by tester"
    assert [text for text, _ in gold(coded)] == [ROOM]


def test_e_edits_the_version_of_the_coder_who_has_one(coded, open_window, qtbot):
    from annotator.core import quotes
    from annotator.core.store import Store

    with Store.open(coded) as store:
        store.acting = "ben"
        text = store.document_text(1)
        start = text.index("physical barrier")
        quotes.add_quote(store, 1, [(start, start + len("physical barrier"))])
    compare = _shown(open_window(coded), qtbot)
    compare.group_list.setCurrentRow(compare.group_list.count() - 1)
    assert current_words(compare) == "physical barrier"
    assert compare.versions.selectionModel().selectedRows()[0].row() == 1
    compare.group_list.setFocus()
    press(qtbot, compare, Qt.Key.Key_E)
    assert [text for text, _ in gold(coded)] == ["physical barrier"]
