from hypothesis import given
from hypothesis import strategies as st

from annotator.core.utf16 import OffsetMap, astral_offsets


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_plain_text_maps_one_to_one():
    text = "Tillerson said\u00a0“no.”\u2028Next line"
    offsets = OffsetMap(text)
    assert [offsets.to_utf16(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_emoji_counts_two_units_in_utf16():
    text = "a😀b👍🏽c"
    offsets = OffsetMap(text)
    assert offsets.to_utf16(1) == 1
    assert offsets.to_utf16(2) == 3  # after the emoji
    assert offsets.to_utf16(len(text)) == _utf16_length(text)
    assert offsets.from_utf16(3) == 2
    # The middle of a surrogate pair rounds down to the emoji itself.
    assert offsets.from_utf16(2) == 1


def test_combining_marks_are_ordinary_characters():
    text = "Ame\u0301lie said"
    offsets = OffsetMap(text)
    assert offsets.to_utf16(4) == 4
    assert offsets.from_utf16(len(text)) == len(text)


def test_out_of_range_positions_are_clamped():
    offsets = OffsetMap("ab😀")
    assert offsets.to_utf16(99) == 4
    assert offsets.from_utf16(-3) == 0


@given(st.text(), st.data())
def test_round_trip_matches_utf16(text, data):
    offsets = OffsetMap(text)
    offset = data.draw(st.integers(0, len(text)))
    assert offsets.to_utf16(offset) == _utf16_length(text[:offset])
    assert offsets.from_utf16(offsets.to_utf16(offset)) == offset


def test_astral_characters_are_found_among_lookalike_bytes():
    # Ø (U+00D8), 仛 (U+4ED8) and 𐃘 (U+100D8) put the bytes of a high surrogate
    # where no pair starts; only the astral ones count.
    text = "Ø仛😀a\U000100d8ÛÙ\U0001f600"
    assert astral_offsets(text) == [2, 4, 7]
    assert OffsetMap(text).to_utf16(len(text)) == len(text) + 3


@given(st.text(alphabet=st.sampled_from("aØÛ仛\u00a0\u0301😀\U000100d8\U0010fffd")))
def test_astral_offsets_are_the_characters_beyond_the_basic_plane(text):
    assert astral_offsets(text) == [i for i, c in enumerate(text) if ord(c) > 0xFFFF]


def test_utf16_offsets_map_to_code_points():
    text = "a🙂b🚇c"
    offsets = OffsetMap(text)
    assert [offsets.from_utf16(u) for u in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
