"""Done when: every quotation of the sample article annotated with the keyboard flow alone.

The real window on a fresh project holding the bundled sample article; text
is selected with real mouse drags (one with Shift+arrows), then `Q`, the
speaker typed, `Enter`, a stance digit, `S` on the name, `C` on the cue verb
and `A` for the second piece of a split quote. The result is read back from
the project file with plain sqlite3 (the ``quote_rows`` view) and from a
``jsonl`` export, as a researcher would.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core import speakers
from annotator.core.exporting import export
from annotator.core.model import Span
from annotator.core.store import Store
from tests.gui.conftest import click_at, drag_select, rows

STANCE_KEYS = {
    "supports": Qt.Key.Key_1,
    "opposes": Qt.Key.Key_2,
    "neutral": Qt.Key.Key_3,
    "unclear": Qt.Key.Key_4,
}


@dataclass(frozen=True)
class Expected:
    """One quotation of the sample article and how the researcher labels it."""

    pieces: tuple[tuple[str, str], ...]  # each piece from its first words to its last
    speaker: str  # typed in the speaker field: the registry name
    stance: str
    mention: str  # the words naming the speaker and the cue verb, searched after
    cue: str  # ``anchor`` (the end of the first piece) to hit the right occurrence
    anchor: str


QUOTES = (
    Expected(
        (("the wall", "our relationship"),),
        "Rex Tillerson",
        "opposes",
        "Secretary of State Rex Tillerson",
        "declared",
        "WASHINGTON",
    ),
    Expected(
        (("collaboration between", "U.S. authorities"),),
        "John Kelly",
        "supports",
        "Homeland Security Secretary John Kelly",
        "said",
        "our relationship,”",
    ),
    Expected(
        (("very, very useful", "fruitful conversations"),),
        "Rex Tillerson",
        "supports",
        "Tillerson",
        "said",
        "criminal organizations, ",
    ),
    Expected(
        (
            ("While it was not a meeting", "finger-pointing aspect"),
            ("We must understand", "creates demand."),
        ),
        "Luis Videgaray",
        "supports",
        "Videgaray",
        "said",
        "finger-pointing aspect,”",
    ),
    Expected(
        (
            ("If the governments of Mexico", "on both sides of the border"),
            ("The time has come", "in a different way."),
        ),
        "Luis Videgaray",
        "opposes",
        "Videgaray",
        "added",
        "on both sides of the border,”",
    ),
    Expected(
        (("both countries have agreed", "more equitable way"),),
        "Miguel Angel Osorio",
        "neutral",
        "Osorio",
        "said",
        "in a different way.”",
    ),
    Expected(
        (("We know what we own", "we are the market"),),
        "Rex Tillerson",
        "supports",
        "Tillerson",
        "acknowledged",
        "more equitable way.”",
    ),
    Expected(
        (
            ("We’ve never tried it", "but we can reduce it"),
            ("But until we do", "drug demand reduction."),
        ),
        "John Kelly",
        "unclear",
        "he",
        "said",
        "but we can reduce it,”",
    ),
    Expected(
        (
            ("There’s no one single solution", "solution to this"),
            ("It’s a multifaceted problem", "needs multifaceted solutions."),
        ),
        "John Kelly",
        "neutral",
        "he",
        "said",
        "single solution to this,”",
    ),
)
SHIFT_ARROWS = 5  # the Osorio quote is selected with the keyboard, not the mouse


def piece_span(text: str, piece: tuple[str, str]) -> tuple[int, int]:
    """Code points of a piece; each first-words phrase occurs once in the sample."""
    first, last = piece
    start = text.index(first)
    return start, text.index(last, start) + len(last)


def span_after(text: str, anchor: str, words: str) -> tuple[int, int]:
    """The first whole-word occurrence of ``words`` after ``anchor``."""
    start = text.index(anchor) + len(anchor)
    while True:
        start = text.index(words, start)
        end = start + len(words)
        if not text[start - 1].isalnum() and not text[end].isalnum():
            return start, end
        start += 1


def select_with_shift_arrows(view, start: int, end: int) -> None:
    """A click puts the caret before the first character, then Shift+Right to the end."""
    view.scroll_to(start)
    QTest.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        view.point_at(start),
    )
    for _ in range(end - start):
        QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection() == Span(start, end)


def annotate(window, quote: Expected, text: str, shift_arrows: bool = False) -> None:
    view = window.article
    first, *rest = (piece_span(text, piece) for piece in quote.pieces)
    if shift_arrows:
        select_with_shift_arrows(view, *first)
    else:
        drag_select(view, *first)
    QTest.keyClick(view, Qt.Key.Key_Q)
    field = QApplication.focusWidget()
    assert field is window.panel.speaker, "Q hands the keyboard to the speaker field"
    QTest.keyClicks(field, quote.speaker)
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is view, "Enter gives the keyboard back to the text"
    QTest.keyClick(view, STANCE_KEYS[quote.stance])
    for piece in rest:
        drag_select(view, *piece)
        QTest.keyClick(view, Qt.Key.Key_A)
    drag_select(view, *span_after(text, quote.anchor, quote.mention))
    QTest.keyClick(view, Qt.Key.Key_S)
    drag_select(view, *span_after(text, quote.anchor, quote.cue))
    QTest.keyClick(view, Qt.Key.Key_C)


def pieces_text(text: str, quote: Expected) -> list[str]:
    return [text[slice(*piece_span(text, piece))] for piece in quote.pieces]


def mention_text(text: str, quote: Expected) -> str:
    return text[slice(*span_after(text, quote.anchor, quote.mention))]


def test_every_quote_of_the_sample_article_by_keyboard(window, project, tmp_path):
    text = window.article.text
    assert window.store.document_count() == 1 and "Tillerson" in text
    for number, quote in enumerate(QUOTES):
        annotate(window, quote, text, shift_arrows=number == SHIFT_ARROWS)

    # The project file, read as another program would.
    assert rows(
        project,
        "SELECT speaker, stance, text, mention, cue, origin, annotator "
        "FROM quote_rows ORDER BY start",
    ) == [
        (
            quote.speaker,
            quote.stance,
            " … ".join(pieces_text(text, quote)),
            mention_text(text, quote),
            quote.cue,
            "manual",
            "tester",
        )
        for quote in QUOTES
    ]
    assert rows(project, "SELECT name FROM speakers ORDER BY name") == [
        ("John Kelly",),
        ("Luis Videgaray",),
        ("Miguel Angel Osorio",),
        ("Rex Tillerson",),
    ]
    # Naming him in full made the title an alias, so "Secretary of State Rex
    # Tillerson" links to him in the next article.
    assert json.loads(
        rows(project, "SELECT aliases FROM speakers WHERE name = ?", "Rex Tillerson")[0][0]
    ) == ["Secretary of State Rex Tillerson"]
    assert window.panel.model.rowCount() == len(QUOTES)

    # The jsonl export: the same quotes, with offsets that index the exported text.
    output = tmp_path / "corpus.jsonl"
    with Store.open(project) as store:
        report = export(store, "jsonl", output)
    assert (report.documents, report.quotes) == (1, len(QUOTES))
    (record,) = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert record["text"] == text
    exported = sorted(record["quotes"], key=lambda q: q["spans"][0][0])
    assert [(q["speaker"], q["stance"], q["text"]) for q in exported] == [
        (quote.speaker, quote.stance, pieces_text(text, quote)) for quote in QUOTES
    ]
    assert [[text[start:end] for start, end in q["spans"]] for q in exported] == [
        q["text"] for q in exported
    ]
    assert [(text[slice(*q["mention"])], text[slice(*q["cue"])]) for q in exported] == [
        (mention_text(text, quote), quote.cue) for quote in QUOTES
    ]
    assert "Secretary of State Rex Tillerson" in exported[0]["speaker_aliases"]


# -- The quotation key: every quotation of the sample, as a coder with a known registry ---------


@dataclass(frozen=True)
class Quotation:
    """A quote of the sample made with the quotation key: its pieces by their first words."""

    pieces: tuple[str, ...]
    speaker: str
    stance: str


QUOTATIONS = (
    Quotation(("the wall does not",), "Rex Tillerson", "opposes"),
    Quotation(("collaboration between",), "John Kelly", "supports"),
    Quotation(("multifaceted",), "John Kelly", "neutral"),
    Quotation(("very, very useful",), "Rex Tillerson", "supports"),
    Quotation(("While it was not",), "Luis Videgaray", "supports"),
    Quotation(("We must understand",), "Luis Videgaray", "supports"),
    Quotation(("If the governments", "The time has come"), "Luis Videgaray", "opposes"),
    Quotation(("both countries",), "Miguel Angel Osorio", "neutral"),
    Quotation(("We know what we own", "There is no other market"), "Rex Tillerson", "supports"),
    Quotation(("There are so many areas", "And there will be"), "Rex Tillerson", "supports"),
    Quotation(("is part of the problem", "has to be curtailed"), "Miguel Angel Osorio", "neutral"),
    Quotation(("So, basically", "We have to work on that"), "Miguel Angel Osorio", "neutral"),
    Quotation(("most important thing", "reduce the drug demand"), "John Kelly", "supports"),
    Quotation(("We’ve never tried it", "But until we do"), "John Kelly", "unclear"),
    Quotation(("there is use", "physical barrier"), "John Kelly", "neutral"),
    Quotation(("There’s no one single", "It’s a multifaceted problem"), "John Kelly", "neutral"),
)
KNOWN_SPEAKERS = ("John Kelly", "Luis Videgaray", "Miguel Angel Osorio", "Rex Tillerson")


def key(view, code: Qt.Key, counted: list[int]) -> None:
    QTest.keyClick(QApplication.focusWidget() or view, code)
    counted[0] += 1


def select_quotation(window, first_words: str, counted: list[int]) -> tuple[int, int]:
    """A click in the quotation (no caret travel), then the quotation key: the selection."""
    view = window.article
    offset = view.text.index(first_words) + 2
    view.scroll_to(offset)
    click_at(view, offset)
    key(view, Qt.Key.Key_W, counted)
    selection = view.selection()
    assert selection is not None, first_words
    return selection.start, selection.end


def enter_speaker(window, name: str, counted: list[int]) -> None:
    """Enter takes the suggested speaker; else type until completion shows the name."""
    box = window.panel.speaker
    for char in name:
        if box.text().casefold() == name.casefold():
            break
        QTest.keyClicks(box, char)
        counted[0] += 1
    key(box, Qt.Key.Key_Return, counted)


def annotate_by_quotation(window, quotation: Quotation) -> tuple[int, list[tuple[int, int]]]:
    """Annotate one quote; the keys from selecting it to its stance, and each selection made."""
    view = window.article
    counted = [0]
    selections = [select_quotation(window, quotation.pieces[0], counted)]
    key(view, Qt.Key.Key_Q, counted)
    assert QApplication.focusWidget() is window.panel.speaker
    enter_speaker(window, quotation.speaker, counted)
    assert QApplication.focusWidget() is view
    key(view, STANCE_KEYS[quotation.stance], counted)
    for piece in quotation.pieces[1:]:
        selections.append(select_quotation(window, piece, [0]))
        QTest.keyClick(view, Qt.Key.Key_A)
    return counted[0], selections


def test_every_quotation_with_the_quotation_key_stores_exactly_what_was_selected(
    project, open_window
):
    with Store.open(project) as store:
        for name in KNOWN_SPEAKERS:
            speakers.create_speaker(store, name)
    window = open_window(project)
    text = window.article.text
    keys, selected = [], []
    for quotation in QUOTATIONS:
        count, selections = annotate_by_quotation(window, quotation)
        keys.append(count)
        selected.append([text[start:end] for start, end in selections])

    found = rows(
        project,
        "SELECT quotes.id, speakers.name, labels.name, quote_spans.text FROM quotes "
        "JOIN quote_spans ON quote_spans.quote_id = quotes.id "
        "JOIN speakers ON speakers.id = quotes.speaker_id "
        "JOIN labels ON labels.id = quotes.stance_id ORDER BY quotes.id, quote_spans.start",
    )
    by_quote: dict[int, list[tuple[str, str, str]]] = {}
    for quote_id, speaker, stance, piece in found:
        by_quote.setdefault(quote_id, []).append((speaker, stance, piece))
    assert [
        ([row[2] for row in pieces], pieces[0][0], pieces[0][1]) for pieces in by_quote.values()
    ] == [(pieces, q.speaker, q.stance) for pieces, q in zip(selected, QUOTATIONS, strict=True)]
    # Under the default rule a quotation is everything between its marks, comma included.
    assert selected[0] == ["the wall does not define our relationship,"]
    assert selected[2] == ["multifaceted"]
    assert rows(project, "SELECT name FROM speakers ORDER BY name") == [
        (name,) for name in KNOWN_SPEAKERS
    ]
    # Keys per quote for a known speaker, from selecting the quotation to its stance.
    assert statistics.median(keys) <= 5, keys
