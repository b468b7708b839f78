from hypothesis import given
from hypothesis import strategies as st

from annotator.gui.offsets import OffsetMap


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_plain_text_maps_one_to_one():
    text = "Tillerson said\u00a0“no.”\u2028Next line"
    offsets = OffsetMap(text)
    assert [offsets.to_qt(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_emoji_counts_two_units_in_qt():
    text = "a😀b👍🏽c"
    offsets = OffsetMap(text)
    assert offsets.to_qt(1) == 1
    assert offsets.to_qt(2) == 3  # after the emoji
    assert offsets.to_qt(len(text)) == _utf16_length(text)
    assert offsets.from_qt(3) == 2
    # The middle of a surrogate pair rounds down to the emoji itself.
    assert offsets.from_qt(2) == 1


def test_combining_marks_are_ordinary_characters():
    text = "Ame\u0301lie said"
    offsets = OffsetMap(text)
    assert offsets.to_qt(4) == 4
    assert offsets.from_qt(len(text)) == len(text)


def test_out_of_range_positions_are_clamped():
    offsets = OffsetMap("ab😀")
    assert offsets.to_qt(99) == 4
    assert offsets.from_qt(-3) == 0


@given(st.text(), st.data())
def test_round_trip_matches_utf16(text, data):
    offsets = OffsetMap(text)
    offset = data.draw(st.integers(0, len(text)))
    assert offsets.to_qt(offset) == _utf16_length(text[:offset])
    assert offsets.from_qt(offsets.to_qt(offset)) == offset
