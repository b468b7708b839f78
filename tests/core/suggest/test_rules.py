"""The rules engine on small hand-written articles and the sample article."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.codebook import SpanRule
from annotator.core.model import Speaker
from annotator.core.suggest import Proposal, engine
from annotator.core.suggest.rules import RulesEngine

SEED = Path(__file__).resolve().parents[3] / "seeds" / "us-mexico-security-talks.txt"


def propose(text: str, **kwargs: object) -> list[Proposal]:
    return RulesEngine().propose(text, **kwargs)  # type: ignore[arg-type]


def pieces(text: str, proposal: Proposal) -> list[str]:
    return [text[start:end] for start, end in proposal.spans]


def direct(text: str, **kwargs: object) -> list[Proposal]:
    return [p for p in propose(text, **kwargs) if p.quote_type == "direct"]


def words(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


def test_a_quote_split_around_its_cue_is_one_quote_with_two_pieces():
    text = (
        "Senator Jane Alvarez spoke on Tuesday.\n\n"
        "“We will not give up on this bill,” Alvarez said. “It matters too much.”\n"
    )
    [quote] = direct(text)
    assert pieces(text, quote) == [
        "“We will not give up on this bill,”",
        "“It matters too much.”",
    ]
    assert words(text, quote.mention) == "Alvarez"
    assert words(text, quote.cue) == "said"
    # The surname stands for the full name the article gave.
    assert quote.speaker == "Jane Alvarez"


def test_a_cue_inside_the_sentence_splits_the_quote_the_same_way():
    text = "“Everything you have said,” he told the judge, “has already been written down.”"
    [quote] = direct(text)
    assert len(quote.spans) == 2
    assert words(text, quote.cue) == "told"


def test_a_quotation_over_paragraphs_is_one_quote_with_a_piece_per_paragraph():
    text = (
        "Mayor Tom Reyes read his statement:\n\n"
        "“The city has waited long enough for this bridge. We start in May.\n\n"
        "“Every contract is signed, and every permit is in hand.\n\n"
        "“Nothing will stop us now.”\n\n"
        "Reporters asked no questions.\n"
    )
    [quote] = direct(text)
    assert [piece[:12] for piece in pieces(text, quote)] == [
        "“The city ha",
        "“Every contr",
        "“Nothing wil",
    ]
    assert quote.speaker == "Tom Reyes"


def test_a_pronoun_is_the_nearest_person_named_before_it():
    text = (
        "Governor Ann Whitfield visited the plant on Monday with Mark Dunn.\n\n"
        "Dunn stayed behind while Whitfield toured the floor.\n\n"
        "“This plant will stay open,” she said.\n\n"
        "Later, Ben Okafor, the plant manager, spoke to workers.\n\n"
        "“We heard her,” he said.\n"
    )
    first, second = direct(text)
    assert words(text, first.mention) == "she"
    assert first.speaker == "Ann Whitfield"
    assert second.speaker == "Ben Okafor"


def test_a_registry_name_or_alias_wins_over_the_article_name():
    text = "“Prices will fall,” said Rex Tillerson, the secretary of state."
    registry = [Speaker(1, "Rex W. Tillerson", ("Rex Tillerson",))]
    [quote] = direct(text, speakers=registry)
    assert quote.speaker == "Rex W. Tillerson"


def test_scare_quotes_titles_and_nested_quotes_are_not_quotes():
    text = (
        "Critics called the plan a “disaster” and mocked its “so-called savings.”\n\n"
        "She appeared on “Meet the Press” on Sunday.\n\n"
        "“He told me, “never again,” and I believed him,” Ruiz said.\n"
    )
    found = direct(text)
    assert [pieces(text, p) for p in found] == [
        ["“He told me, “never again,” and I believed him,”"]
    ]


def test_an_odd_number_of_marks_still_gives_the_quotes_around_it():
    text = (
        "“We will win this district,” Dana Cole said.\n\n"
        "“Nobody expected the turnout we saw\n\n"
        "Cole then left the stage. “Thank you all,” she said.\n"
    )
    found = direct(text)
    assert [pieces(text, p)[0][:16] for p in found] == [
        "“We will win thi",
        "“Nobody expected",
        "“Thank you all,”",
    ]
    unclosed = found[1]
    assert unclosed.confidence < found[0].confidence
    assert found[2].speaker == "Dana Cole"


def test_ascii_marks_and_two_apostrophes_work_like_typographic_ones():
    text = "\"We are ready,\" said Paula Marsh.\n\n''The vote is on Tuesday,'' Marsh added.\n"
    found = direct(text)
    assert [pieces(text, p) for p in found] == [
        ['"We are ready,"'],
        ["''The vote is on Tuesday,''"],
    ]
    assert [p.speaker for p in found] == ["Paula Marsh", "Paula Marsh"]


def test_indirect_quotes_come_with_a_lower_confidence():
    text = (
        "Officials said that the talks had stalled over tariffs.\n\n"
        "The deal will be signed next week, according to two diplomats.\n\n"
        "“It is done,” said Lena Park.\n"
    )
    found = propose(text)
    kinds = [(p.quote_type, text[p.spans[0][0] : p.spans[0][1]]) for p in found]
    assert kinds == [
        ("indirect", "that the talks had stalled over tariffs"),
        ("indirect", "The deal will be signed next week"),
        ("direct", "“It is done,”"),
    ]
    assert max(p.confidence for p in found[:2]) < found[2].confidence


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (SpanRule(), "“We will not give up,”"),
        (SpanRule("include", "keep"), "“We will not give up,”"),
        (SpanRule("exclude", "keep"), "We will not give up,"),
        (SpanRule("exclude", "drop"), "We will not give up"),
    ],
)
def test_the_span_rule_decides_whether_marks_and_punctuation_are_content(rule, expected):
    text = "“We will not give up,” Alvarez said."
    [quote] = direct(text, rule=rule)
    assert pieces(text, quote) == [expected]


def test_the_sample_article_gives_its_quotes_and_speakers():
    text = SEED.read_text(encoding="utf-8")
    found = direct(text)
    by_start = {text[p.start : p.start + 24]: p.speaker for p in found}
    assert by_start["“the wall does not defin"] == "Rex Tillerson"
    assert by_start["“While it was not a meet"] == "Luis Videgaray"
    assert by_start["“There’s no one single s"] == "John Kelly"
    # Offsets are code points: the text holds U+00A0, and pieces start on their marks.
    for proposal in found:
        for start, end in proposal.spans:
            assert text[start] in "“'\"" and 0 <= start < end <= len(text)


def test_the_engine_is_found_by_name_and_unknown_names_are_refused():
    from annotator.core.suggest import EngineUnavailable

    assert engine("rules").name == "rules"
    with pytest.raises(EngineUnavailable, match="no suggestion engine 'gpt'"):
        engine("gpt")
