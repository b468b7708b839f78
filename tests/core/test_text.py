import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import ImportFailed, InvalidSpan
from annotator.core.model import Span
from annotator.core.text import check_span, decode, snap_to_words

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


def _select(needle: str) -> tuple[int, int]:
    start = SENTENCE.index(needle)
    return start, start + len(needle)


@pytest.mark.parametrize(
    "selection,expected",
    [
        # A sloppy mouse drag that starts mid-word and takes the quote marks and comma.
        (
            "he wall does not define our relationship,” ",
            "the wall does not define our relationship",
        ),
        (
            "“the wall does not define our relationship,”",
            "“the wall does not define our relationship,”",
        ),
        (" “the wall ", "the wall"),
        ("illerso", "Tillerson"),
    ],
)
def test_snap_to_words(selection, expected):
    span = snap_to_words(SENTENCE, *_select(selection))
    assert SENTENCE[span.start : span.end] == expected


def test_snap_keeps_combining_marks_and_emoji_inside_words():
    text = "He said cafe\u0301 😀x is fine"
    start = text.index("caf")
    span = snap_to_words(text, start + 1, start + 3)
    assert text[span.start : span.end] == "cafe\u0301"


def test_snap_of_only_space_and_punctuation_is_nothing():
    assert snap_to_words("a , b", 1, 4) is None


@given(st.text(), st.integers(-5, 200), st.integers(-5, 200))
def test_snap_always_returns_a_valid_non_empty_span(text, start, end):
    span = snap_to_words(text, min(start, end), max(start, end))
    if span is not None:
        assert isinstance(span, Span)
        assert 0 <= span.start < span.end <= len(text)
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
