import codecs

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from annotator.core.codebook import SpanRule
from annotator.core.errors import ImportFailed, InvalidSpan
from annotator.core.model import Span
from annotator.core.text import (
    apply_rule,
    check_span,
    decode,
    next_word_edge,
    quotation_around,
    quotations,
    word_around,
)

SENTENCE = "Tillerson declared “the wall does not define our relationship,” on Monday."


def test_decode_accepts_utf8_bom_and_utf16_and_normalises_newlines():
    text = "Café\u00a0😀\r\nline\rend"
    expected = "Café\u00a0😀\nline\nend"
    assert decode(text.encode(), "a.txt") == expected
    assert decode(codecs.BOM_UTF8 + text.encode(), "a.txt") == expected
    assert decode(text.encode("utf-16"), "a.txt") == expected


def test_decode_refuses_latin1_naming_the_file_and_the_byte():
    with pytest.raises(ImportFailed) as info:
        decode("Café".encode("latin-1"), "article.txt")
    assert "article.txt" in str(info.value)
    assert "0xe9" in str(info.value) and "UTF-8" in str(info.value)


def test_decode_refuses_binary():
    with pytest.raises(ImportFailed, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "image.txt")


def test_check_span_names_the_text_length():
    with pytest.raises(InvalidSpan, match="outside the text, which has 3 characters"):
        check_span("abc", 1, 4)


DEFAULT = SpanRule()
POLNEAR = SpanRule("include", "keep")
NEITHER = SpanRule("exclude", "drop")
KEEP = SpanRule("exclude", "keep")


def _select(needle: str, text: str = SENTENCE) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _stored(selection: str, rule: SpanRule = DEFAULT, text: str = SENTENCE) -> str | None:
    span = apply_rule(text, *_select(selection, text), rule)
    return None if span is None else text[span.start : span.end]


@pytest.mark.parametrize(
    "selection",
    [
        # Mark to mark, inside the marks with the comma, without it, word to word.
        "“the wall does not define our relationship,”",
        "the wall does not define our relationship,",
        "the wall does not define our relationship",
        "the wall",
        "Tillerson declared",
        "on Monday.",
    ],
)
def test_the_default_rule_stores_exactly_what_was_selected(selection):
    assert _stored(selection) == selection


def test_commas_and_full_stops_follow_one_rule():
    text = "He said “we agree,” and “they agree.” Then “no;” and “yes!”"
    for needle in ("we agree,", "they agree.", "no;", "yes!"):
        assert _stored(needle, DEFAULT, text) == needle
        assert _stored(needle, NEITHER, text) == needle[:-1]
        assert _stored(needle[:-1], KEEP, text) == needle
        assert _stored(needle[:-1], POLNEAR, text) == f"“{needle}”"


@pytest.mark.parametrize(
    "selection,expected",
    [
        # Never a lone mark: a drag that starts on the opening mark, or ends on the closing one.
        ("“the wall does", "the wall does"),
        ("our relationship,”", "our relationship,"),
        (" “the wall ", "the wall"),
        # Partial words grow to whole words; space is trimmed.
        (
            "he wall does not define our relationship,” ",
            "the wall does not define our relationship,",
        ),
        ("illerso", "Tillerson"),
    ],
)
def test_selections_grow_to_words_and_drop_lone_marks(selection, expected):
    assert _stored(selection) == expected


def test_the_other_rules_normalise_any_selection():
    quoted = "“the wall does not define our relationship,”"
    assert _stored(quoted, NEITHER) == "the wall does not define our relationship"
    assert _stored("the wall does not define our relationship", POLNEAR) == quoted
    assert _stored(quoted, POLNEAR) == quoted
    assert _stored(quoted, KEEP) == "the wall does not define our relationship,"


def test_apostrophes_are_not_marks():
    text = "“We’ve never tried it,” he said of the Americans’ plan, O'Brien's too."
    assert _stored("We’ve never tried it,", DEFAULT, text) == "We’ve never tried it,"
    assert _stored("e’v", DEFAULT, text) == "We’ve"
    assert _stored("Americans’", DEFAULT, text) == "Americans’"
    assert _stored("O'Brien's", NEITHER, text) == "O'Brien's"


def test_keep_combining_marks_and_emoji_inside_words():
    text = "He said cafe\u0301 😀x is fine"
    start = text.index("caf")
    span = apply_rule(text, start + 1, start + 3, DEFAULT)
    assert text[span.start : span.end] == "cafe\u0301"


def test_only_space_marks_and_punctuation_is_nothing():
    assert apply_rule("a , b", 1, 4, DEFAULT) is None
    assert apply_rule("a “ b", 1, 4, DEFAULT) is None
    assert apply_rule("a “,” b", 1, 6, DEFAULT) is None


def test_a_run_of_lone_marks_is_dropped_whole():
    # Six marks in a row, none paired: each pass drops one, so one pass more than
    # a fixed few must not stop with marks left.
    text = "a.''''''a"
    assert apply_rule(text, 2, 9, DEFAULT) == Span(8, 9)


@given(
    st.text(alphabet=st.sampled_from("ab ,.’'“”\"«»\n")),
    st.integers(-5, 60),
    st.integers(-5, 60),
    st.sampled_from([DEFAULT, POLNEAR, NEITHER, KEEP, SpanRule("include", "drop")]),
)
@example(text="a.''''''a", start=2, end=9, rule=DEFAULT)
def test_a_stored_span_is_valid_and_stable(text, start, end, rule):
    span = apply_rule(text, min(start, end), max(start, end), rule)
    if span is not None:
        assert isinstance(span, Span)
        assert 0 <= span.start < span.end <= len(text)
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
        # Selecting what was stored stores the same again.
        assert apply_rule(text, span.start, span.end, rule) == span


SAMPLE = (
    "Tillerson declared “the wall does not define our relationship,” while Kelly "
    "said there’s room for “collaboration” in the “multifaceted” solution.\n"
    "“We’ve never tried it, we’ve never done it,” he said. “But until we do"
)


def test_quotations_pair_marks_in_a_paragraph_and_run_on_at_its_end():
    found = [SAMPLE[o + 1 : c] for o, c in quotations(SAMPLE)]
    assert found == [
        "the wall does not define our relationship,",
        "collaboration",
        "multifaceted",
        "We’ve never tried it, we’ve never done it,",
        "But until we do",
    ]


@pytest.mark.parametrize(
    "rule,expected",
    [
        (DEFAULT, "the wall does not define our relationship,"),
        (KEEP, "the wall does not define our relationship,"),
        (NEITHER, "the wall does not define our relationship"),
        (POLNEAR, "“the wall does not define our relationship,”"),
    ],
)
def test_quotation_around_follows_the_rule(rule, expected):
    for needle in ("wall", "“the", "relationship,”"):
        offset = SAMPLE.index(needle) + (1 if needle == "wall" else 0)
        span = quotation_around(SAMPLE, offset, rule)
        assert SAMPLE[span.start : span.end] == expected
        # Q stores what the quotation key selected, unchanged.
        assert apply_rule(SAMPLE, span.start, span.end, rule) == span


def test_quotation_around_outside_any_quotation_is_none():
    assert quotation_around(SAMPLE, SAMPLE.index("Kelly"), DEFAULT) is None
    span = quotation_around(SAMPLE, len(SAMPLE) - 3, DEFAULT)
    assert SAMPLE[span.start : span.end] == "But until we do"


def test_word_around_and_word_edges():
    text = "the “multifaceted” border, we’ve said."
    offset = text.index("multi") + 3
    span = word_around(text, offset)
    assert text[span.start : span.end] == "multifaceted"
    end = text.index("border") + len("border")
    assert text[end : next_word_edge(text, end, 1)] == ","
    assert next_word_edge(text, end, -1) == text.index("border")
    we = text.index("we’ve")
    assert next_word_edge(text, we, 1) == we + len("we’ve")


def test_move_edge_by_word_and_character():
    from annotator.core.text import move_edge

    text = "He declared “the wall does not define our relationship,” on Monday."
    start, end = _select("the wall does not define our relationship", text)
    span = Span(start, end)

    def moved(edge: str, step: int, by_word: bool, rule: SpanRule = DEFAULT) -> str:
        result = move_edge(text, span, edge, step, by_word, rule)
        return text[result.start : result.end]

    assert moved("end", 1, True) == "the wall does not define our relationship,"
    assert moved("end", -1, True) == "the wall does not define our"
    assert moved("end", -1, False) == "the wall does not define our relationshi"
    assert moved("start", 1, True) == "wall does not define our relationship"
    assert moved("start", -1, True) == "declared “the wall does not define our relationship"
    # Never onto a lone mark: one character back passes the mark and the space.
    assert moved("start", -1, False) == "d “the wall does not define our relationship"
    assert moved("end", 1, True, NEITHER) == "the wall does not define our relationship,” on"


def test_hyphenated_words_are_one_word():
    text = "the “finger-pointing” aspect"
    span = word_around(text, text.index("pointing"))
    assert text[span.start : span.end] == "finger-pointing"
    start = text.index("ger")
    assert apply_rule(text, start, start + 3, DEFAULT) == span
