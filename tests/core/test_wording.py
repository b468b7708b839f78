"""Counts in messages."""

from annotator.core.wording import plural


def test_plural_adds_an_s_except_for_one():
    assert [plural(n, "quote") for n in (0, 1, 2)] == ["0 quotes", "1 quote", "2 quotes"]
