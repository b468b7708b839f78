"""Names in article text, with no store: completion candidates and implied speakers."""

from __future__ import annotations

from annotator.core.names import implied_speaker, is_pronoun, names_in

TEXT = "Foreign Secretary Luis Videgaray said “we agree” and Kelly said “no”."


def test_names_in_offers_the_name_without_the_title():
    names = names_in(TEXT)
    assert "Luis Videgaray" in names
    assert "Foreign Secretary Luis Videgaray" in names
    assert "Kelly" not in names  # one capitalised word is too weak a signal


def test_names_in_joins_across_a_no_break_space_and_keeps_first_appearance_order():
    text = "Rex\u00a0Tillerson met Luis Videgaray; Rex Tillerson spoke."
    assert names_in(text) == ["Rex Tillerson", "Luis Videgaray"]


def test_implied_speaker_is_the_mention_text_with_its_spaces_collapsed():
    text = "Said Rex\u00a0 Tillerson, and he agreed."
    start = text.index("Rex")
    assert implied_speaker(text, (start, start + len("Rex\u00a0 Tillerson"))) == "Rex Tillerson"


def test_a_pronoun_or_no_mention_implies_no_speaker():
    text = "Said Rex Tillerson, and He agreed."
    start = text.index("He ")
    assert implied_speaker(text, (start, start + 2)) is None
    assert implied_speaker(text, None) is None
    assert implied_speaker(text, (4, 5)) is None  # only a space
    assert is_pronoun("They") and not is_pronoun("Tillerson")
