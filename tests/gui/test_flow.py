"""The annotation flow in the real window, key by key: the speaker box, the S rules, exact
spans and the quotation key, moving a piece's ends, the panel, scrolling, position memory
after a kill, and dark colours."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core import codebook, colors, speakers
from annotator.core.codebook import SpanRule
from annotator.gui import palette
from annotator.gui.window.projects import POSITION_DELAY_MS
from tests.gui.conftest import click_at, drag_select, find, rows, run_and_kill

WALL = "the wall does not define our relationship"


def stored(project: Path) -> list[str]:
    return [r[0] for r in rows(project, "SELECT text FROM quote_spans ORDER BY start")]


def speaker_names(project: Path) -> list[str]:
    return [r[0] for r in rows(project, "SELECT name FROM speakers ORDER BY name")]


def quote_speaker(project: Path) -> list[str | None]:
    return [r[0] for r in rows(project, "SELECT speaker FROM quote_rows ORDER BY start")]


def make_quote(window, needle: str) -> None:
    drag_select(window.article, *find(window.article.text, needle))
    QTest.keyClick(window.article, Qt.Key.Key_Q)


def type_speaker(window, name: str) -> None:
    QTest.keyClicks(window.panel.speaker, name)
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Return)


# -- 1. the speaker box --------------------------------------------------------------------


def test_esc_returns_to_the_text_and_keys_after_it_are_not_typed(window, project):
    view = window.article
    make_quote(window, WALL)
    type_speaker(window, "John Kelly")
    QTest.keyClick(view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.panel.speaker
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is view
    QTest.keyClick(view, Qt.Key.Key_4)  # a stance key, not a speaker name
    click_at(view, view.text.index("Meeting"))
    assert window.panel.speaker.text() == "John Kelly"
    assert quote_speaker(project) == ["John Kelly"]
    assert speaker_names(project) == ["John Kelly"]
    assert rows(project, "SELECT stance FROM quote_rows") == [("unclear",)]


def test_q_then_esc_leaves_the_next_letter_to_the_text(window, project):
    view = window.article
    make_quote(window, WALL)
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is view
    QTest.keyClick(view, Qt.Key.Key_S)  # no selection: S says so, and types nothing
    assert window.panel.speaker.text() == ""
    assert "Select some text first" in window.status.currentMessage()
    assert quote_speaker(project) == [None]
    assert speaker_names(project) == []


def test_clicking_away_from_a_typed_name_never_saves_it(window, project):
    view = window.article
    make_quote(window, WALL)
    type_speaker(window, "John Kelly")
    QTest.keyClick(view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(window.panel.speaker, "4")
    click_at(view, view.text.index("Meeting"))
    assert QApplication.focusWidget() is view
    assert quote_speaker(project) == ["John Kelly"]
    assert speaker_names(project) == ["John Kelly"]


def test_a_typo_offers_the_existing_name_first(window, project):
    make_quote(window, WALL)
    type_speaker(window, "John Kelly")
    make_quote(window, "collaboration between Mexican authorities")
    type_speaker(window, "Jon Kely")
    assert "Did you mean John Kelly" in window.panel.speaker.hint.text()
    assert speaker_names(project) == ["John Kelly"]
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Down)
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Return)
    assert quote_speaker(project) == ["John Kelly", "John Kelly"]
    assert speaker_names(project) == ["John Kelly"]


# -- 3. S ------------------------------------------------------------------------------------


def test_s_on_a_surname_links_the_full_name_and_keeps_a_chosen_speaker(window, project):
    view = window.article
    text = view.text
    make_quote(window, "While it was not a meeting")
    type_speaker(window, "Luis Videgaray")
    drag_select(view, *find(text, "Foreign Secretary Luis Videgaray"))
    QTest.keyClick(view, Qt.Key.Key_S)
    assert "added as an alias of Luis Videgaray" in window.status.currentMessage()
    # A new quote with no speaker: S on the surname links him, creates nobody.
    make_quote(window, "The time has come")
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Escape)
    drag_select(view, *find(text, "Videgaray added"))
    view.select(text.index("Videgaray added"), text.index("Videgaray added") + len("Videgaray"))
    QTest.keyClick(view, Qt.Key.Key_S)
    assert speaker_names(project) == ["Luis Videgaray"]
    assert quote_speaker(project) == ["Luis Videgaray", "Luis Videgaray"]
    # A chosen speaker is never replaced without a word.
    make_quote(window, "both countries have agreed")
    type_speaker(window, "Miguel Angel Osorio")
    start = text.index("Videgaray said,")
    view.select(start, start + len("Videgaray"))
    QTest.keyClick(view, Qt.Key.Key_S)
    assert "the quote keeps Miguel Angel Osorio" in window.status.currentMessage()
    assert quote_speaker(project)[-1] == "Miguel Angel Osorio"


def test_an_alias_added_by_s_is_undone_with_ctrl_z(window, project):
    view = window.article
    make_quote(window, WALL)
    type_speaker(window, "Rex Tillerson")
    drag_select(view, *find(view.text, "Secretary of State Rex Tillerson"))
    QTest.keyClick(view, Qt.Key.Key_S)
    aliases = "SELECT aliases FROM speakers WHERE name = 'Rex Tillerson'"
    assert json.loads(rows(project, aliases)[0][0]) == ["Secretary of State Rex Tillerson"]
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert json.loads(rows(project, aliases)[0][0]) == []


# -- 4. and 5. exact spans, the quotation key, moving ends --------------------------------------


def test_what_was_selected_is_stored_commas_and_marks_alike(window, project):
    view = window.article
    text = view.text
    make_quote(window, f"{WALL},")
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Escape)
    make_quote(window, "“collaboration between Mexican authorities and U.S. authorities”")
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Escape)
    # A drag from the opening mark: never a lone mark.
    make_quote(window, "“reduce the drug demand")
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Escape)
    # A double click takes the word, not its marks.
    view.scroll_to(text.index("multifaceted”"))
    point = view.point_at(text.index("multifaceted”") + 3)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), point)
    QTest.keyClick(view, Qt.Key.Key_Q)
    assert stored(project) == [
        f"{WALL},",
        "“collaboration between Mexican authorities and U.S. authorities”",
        "multifaceted",
        "reduce the drug demand",
    ]


def test_the_quotation_key_selects_by_the_project_rule(window, project):
    view = window.article
    text = view.text
    click_at(view, text.index("does not define"))
    QTest.keyClick(view, Qt.Key.Key_W)
    QTest.keyClick(view, Qt.Key.Key_Q)
    assert stored(project) == [f"{WALL},"]
    codebook.set_span_rule(window.store, SpanRule("include", "keep"))
    click_at(view, text.index("between Mexican"))
    QTest.keyClick(view, Qt.Key.Key_W)
    assert view.selection() is not None
    selected = text[view.selection().start : view.selection().end]
    assert selected == "“collaboration between Mexican authorities and U.S. authorities”"
    click_at(view, text.index("WASHINGTON"))
    QTest.keyClick(view, Qt.Key.Key_W)
    assert view.selection() is None
    assert "not inside quotation marks" in window.status.currentMessage()


def test_alt_arrows_move_the_current_pieces_ends(window, project):
    view = window.article
    make_quote(window, WALL)
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Escape)
    alt = Qt.KeyboardModifier.AltModifier
    QTest.keyClick(view, Qt.Key.Key_Right, alt)
    assert stored(project) == [f"{WALL},"]
    QTest.keyClick(view, Qt.Key.Key_Left, alt)
    QTest.keyClick(view, Qt.Key.Key_Left, alt)
    assert stored(project) == ["the wall does not define our"]
    QTest.keyClick(view, Qt.Key.Key_Right, alt | Qt.KeyboardModifier.ShiftModifier)
    assert stored(project) == ["the wall does not define our r"]
    QTest.keyClick(view, Qt.Key.Key_Down, alt)
    assert stored(project) == ["wall does not define our r"]
    QTest.keyClick(view, Qt.Key.Key_Up, alt | Qt.KeyboardModifier.ShiftModifier)
    assert stored(project) == ["e wall does not define our r"]


def test_dragging_an_end_of_the_current_quote_moves_it(window, project):
    view = window.article
    text = view.text
    make_quote(window, "the wall does not define")
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Escape)
    begin, _ = find(text, "the wall does not define")
    end = begin + len("the wall does not define")
    target = text.index("relationship") + len("relationship")
    viewport = view.viewport()
    press = view.point_at(end)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), press)
    QTest.mouseMove(viewport, view.point_at(target - 4))
    release = view.point_at(target - 4)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), release)
    # Released inside a word: the end snaps to the whole word.
    assert stored(project) == [WALL]


# -- 7. pieces and the panel -------------------------------------------------------------------


def test_pieces_mention_and_cue_show_and_clear(window, project):
    view = window.article
    text = view.text
    make_quote(window, "We’ve never tried it")
    type_speaker(window, "John Kelly")
    drag_select(view, *find(text, "But until we do"))
    QTest.keyClick(view, Qt.Key.Key_A)
    assert "2 pieces" in window.panel.model.index(0).data()
    start = text.index("he said. “But until")
    view.select(start, start + 2)
    QTest.keyClick(view, Qt.Key.Key_S)
    view.select(start + 3, start + 7)
    QTest.keyClick(view, Qt.Key.Key_C)
    assert window.panel.mention.text().startswith("“he”")
    assert window.panel.cue.text().startswith("“said”")
    QTest.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)
    assert rows(project, "SELECT mention_start, cue_start FROM quotes") == [(None, None)]
    assert window.panel.mention.text() == "—"
    assert quote_speaker(project) == ["John Kelly"]


# -- 8. Tab shows the whole quote ----------------------------------------------------------------


def test_tab_scrolls_the_current_quote_wholly_into_view(window, project, qtbot):
    view = window.article
    text = view.text
    view.set_font_size(26)
    for needle in ("While it was not a meeting", "We’ve never tried it", "There’s no one single"):
        start = text.index(needle)
        end = text.index("”", start)
        view.select(start, end)
        QTest.keyClick(view, Qt.Key.Key_Q)
        QTest.keyClick(window.panel.speaker, Qt.Key.Key_Escape)
    QTest.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    bar = view.verticalScrollBar()
    for scrolled in (0, bar.maximum()):
        # The view elsewhere (past the quote, then before it), then Tab.
        bar.setValue(scrolled)
        QTest.keyClick(view, Qt.Key.Key_Tab)
        quote = window.panel.quote
        top = view.cursorRect(view.cursor_at(quote.start)).top()
        bottom = view.cursorRect(view.cursor_at(quote.end)).bottom()
        assert 0 <= top and bottom <= view.viewport().height(), (top, bottom)
        if quote.spans[0].start == text.index("We’ve never tried it"):
            # Taller than half the view: centring its start would have cut it off.
            assert bottom - top > view.viewport().height() / 2


# -- 6. position after kill -9 -------------------------------------------------------------------


def make_two_quotes_and_go_back(window) -> None:
    """Two quotes made with Q (speaker left empty), then Shift+Tab back to the first."""
    view = window.article
    for needle in ("the wall does not", "There’s no one single"):
        start = view.text.index(needle)
        view.select(start, start + len(needle))
        view.setFocus()
        QTest.keyClick(view, Qt.Key.Key_Q)
        QTest.keyClick(window.panel.speaker, Qt.Key.Key_Escape)
    QTest.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)


def test_a_killed_window_reopens_at_the_current_quote(project, tmp_path, open_window, settings):
    settings_path = settings.path
    result = run_and_kill(
        project,
        settings_path,
        f"""
        from tests.gui.test_flow import make_two_quotes_and_go_back
        make_two_quotes_and_go_back(window)
        print(window.panel.quote.id, flush=True)
        # The place is written once the keys pause, a quarter of a second.
        QTest.qWait({POSITION_DELAY_MS} + 250)
        """,
    )
    current = int(result.stdout.strip())
    settings.__init__(settings_path)  # read the file the killed process left
    again = open_window(project)
    assert again.panel.quote is not None and again.panel.quote.id == current
    assert again.article.current == current


def test_the_place_is_written_when_the_keys_pause_and_when_the_window_closes(
    window, project, open_window, settings
):
    view = window.article
    make_two_quotes_and_go_back(window)
    first = window.panel.quote.id
    # Not on the key press itself: the settings file is written once the keys pause.
    assert settings.project_state(project).get("quote") != first
    QTest.qWait(POSITION_DELAY_MS + 250)
    written = json.loads(settings.path.read_text(encoding="utf-8"))
    assert written["projects"][str(project.resolve())]["quote"] == first
    # A move right before closing is written by the close.
    QTest.keyClick(view, Qt.Key.Key_Tab)
    second = window.panel.quote.id
    assert second != first
    window.close()
    settings.__init__(settings.path)
    again = open_window(project)
    assert again.panel.quote is not None and again.panel.quote.id == second


# -- 10. dark colours ------------------------------------------------------------------------------


def test_dark_mode_keeps_underlines_and_disabled_stances_legible(project, open_window, settings):
    settings.set("theme", "dark")
    try:
        window = open_window(project)
        assert palette.is_dark(window.palette())
        base = window.article.palette().color(QPalette.ColorRole.Base)
        for color in colors.SPEAKER_COLORS:
            assert palette.contrast(palette.line(color, dark=True), base) >= 3, color
        button = next(iter(window.panel._stance_buttons.values()))
        assert not button.isEnabled()
        disabled = palette.disabled_text(window.panel.palette())
        assert disabled.name() in button.styleSheet()
        assert palette.contrast(disabled, window.panel.palette().button().color()) >= 3
        grab = window.grab()
        assert grab.toImage().pixelColor(QPoint(5, grab.height() // 2)).lightness() < 128
    finally:
        palette.apply_theme("system")


def test_an_existing_speaker_is_suggested_from_the_text(window, project):
    speakers.create_speaker(window.store, "Rex Tillerson")
    window.panel.refresh_speakers()
    view = window.article
    click_at(view, view.text.index("does not define"))
    QTest.keyClick(view, Qt.Key.Key_W)
    QTest.keyClick(view, Qt.Key.Key_Q)
    assert window.panel.speaker.text() == "Rex Tillerson"
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Return)
    QTest.keyClick(view, Qt.Key.Key_2)
    assert rows(project, "SELECT speaker, stance, text FROM quote_rows") == [
        ("Rex Tillerson", "opposes", f"{WALL},")
    ]


def test_pieces_of_a_quote_share_an_outline_when_it_is_not_current(window, project):
    view = window.article
    text = view.text
    make_quote(window, "We’ve never tried it")
    type_speaker(window, "John Kelly")
    drag_select(view, *find(text, "But until we do"))
    QTest.keyClick(view, Qt.Key.Key_A)
    make_quote(window, "There’s no one single")  # another quote becomes current
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Escape)
    view.scroll_to(text.index("But until we do"))
    QApplication.processEvents()
    image = view.viewport().grab().toImage()
    quote = window.panel.model.quote_at(0)
    line = palette.line(palette.speaker_color(quote.speaker_id), palette.is_dark(view.palette()))

    def outlined(offset: int) -> bool:
        # Along the top of the piece's first line, where the outline is drawn.
        rect = view.cursorRect(view.cursor_at(offset))
        top = rect.top() + 2
        return any(
            image.pixelColor(x, y).name() == line.name()
            for x in range(rect.left() + 1, rect.left() + 60)
            for y in (top - 1, top, top + 1)
        )

    assert outlined(text.index("But until we do"))
    assert not outlined(text.index("There’s no one single") - 30)


def test_a_speaker_made_after_a_quote_is_suggested_for_the_next(window, project):
    """The registry names found in the text are kept per document until the registry changes."""
    view = window.article
    click_at(view, view.text.index("does not define"))
    QTest.keyClick(view, Qt.Key.Key_W)
    QTest.keyClick(view, Qt.Key.Key_Q)
    assert window.panel.speaker.text() == ""  # nobody in the registry yet
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Escape)
    # Made as the window makes it: the registry changed, the text is read again.
    window.session.apply(speakers.create_speaker, "Rex Tillerson")
    click_at(view, view.text.index("We know what we own"))
    QTest.keyClick(view, Qt.Key.Key_W)
    QTest.keyClick(view, Qt.Key.Key_Q)
    assert window.panel.speaker.text() == "Rex Tillerson"
