"""Pairing quotation marks, paragraph by paragraph."""

from __future__ import annotations

from annotator.core.suggest.quotation import find_quotations, paragraphs


def texts(text: str) -> list[list[str]]:
    return [[text[a:b] for a, b in q.pieces] for q in find_quotations(text)]


def test_typographic_ascii_and_two_apostrophe_marks_pair_up():
    text = "“One,” he said. \"Two,\" she said. ''Three,'' they said."
    assert texts(text) == [["“One,”"], ['"Two,"'], ["''Three,''"]]


def test_single_marks_and_apostrophes_are_left_alone():
    text = 'It’s the ‘Mocking’ headline and the kids\' "real one."'
    assert texts(text) == [['"real one."']]


def test_nested_double_marks_stay_inside_the_outer_quotation():
    text = "“He said “no” to me, and “never” again,” Ruiz said."
    assert texts(text) == [["“He said “no” to me, and “never” again,”"]]


def test_a_quotation_over_paragraphs_has_a_piece_per_paragraph_and_closes_in_the_last():
    text = "“First part.\n\n“Second part.\n\n“Last part.”\n\nNot quoted."
    [quotation] = find_quotations(text)
    assert texts(text) == [["“First part.", "“Second part.", "“Last part.”"]]
    assert quotation.closed


def test_an_opening_mark_never_closed_runs_to_its_paragraph_end():
    text = "“Never closed, this one\n\nA new paragraph with “a pair” in it."
    found = find_quotations(text)
    assert [[text[a:b] for a, b in q.pieces] for q in found] == [
        ["“Never closed, this one"],
        ["“a pair”"],
    ]
    assert [q.closed for q in found] == [False, True]


def test_a_stray_closing_mark_and_an_empty_pair_give_nothing():
    assert find_quotations('He left.” Then "" came.') == []


def test_paragraphs_skip_blank_lines_and_trim_space():
    text = "  One.  \n\n\nTwo.\n"
    assert [text[a:b] for a, b in paragraphs(text)] == ["One.", "Two."]
