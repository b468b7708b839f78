"""Counts in messages."""

from annotator.core.wording import plural, score


def test_plural_adds_an_s_except_for_one():
    assert [plural(n, "quote") for n in (0, 1, 2)] == ["0 quotes", "1 quote", "2 quotes"]


def test_score_has_three_decimals_and_says_when_there_is_none():
    assert score(2 / 3) == "0.667"
    assert score(1.0) == "1.000"
    assert score(None) == "n/a"
    assert score(None, "-") == "-"
