import pytest

from annotator.core.matching import (
    Counts,
    TokenIndex,
    f_score,
    match,
    prepare,
    score,
    tokenize,
)
from annotator.core.model import Span

TEXT = "She said “we don’t build walls, we build well-known bridges.” Then he left."
#       0123456789...


def at(phrase: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(phrase)
    return (start, start + len(phrase))


def words(text: str, spans: list[Span]) -> list[str]:
    return [text[span.start : span.end] for span in spans]


def test_tokens_are_words_and_single_punctuation_marks():
    assert words(TEXT, tokenize(TEXT)) == [
        "She",
        "said",
        "“",
        "we",
        "don’t",
        "build",
        "walls",
        ",",
        "we",
        "build",
        "well-known",
        "bridges",
        ".",
        "”",
        "Then",
        "he",
        "left",
        ".",
    ]


def test_tokens_of_text_with_no_break_space_and_emoji():
    text = "John\u00a0Kelly 😀 said"
    assert words(text, tokenize(text)) == ["John", "Kelly", "😀", "said"]


def test_covered_counts_a_token_touched_by_one_character():
    index = TokenIndex(TEXT)
    start, _ = at("walls")
    covered = index.covered([(start + 4, start + 6)])  # "s,"
    assert [TEXT[index.tokens[i].start : index.tokens[i].end] for i in sorted(covered)] == [
        "walls",
        ",",
    ]
    assert index.covered([(start + 4, start + 6)], words_only=True) == {sorted(covered)[0]}


def test_exact_score_compares_characters_with_touching_pieces_joined():
    index = TokenIndex(TEXT)
    whole = [at("we don’t build walls")]
    start, end = whole[0]
    split = [(start, start + 5), Span(start + 5, end)]
    assert score(whole, split, index, "exact") == 1.0
    assert score(whole, [(start, end - 1)], index, "exact") == 0.0


def test_jaccard_ignores_punctuation_and_quotation_marks():
    index = TokenIndex(TEXT)
    inner = [at("we don’t build walls, we build well-known bridges")]
    with_marks = [at("“we don’t build walls, we build well-known bridges.”")]
    assert score(inner, with_marks, index, "jaccard") == 1.0
    assert score(inner, with_marks, index, "exact") == 0.0


def test_jaccard_is_shared_over_union_of_word_tokens():
    index = TokenIndex(TEXT)
    a = [at("we don’t build walls")]  # 4 words
    b = [at("build walls, we build")]  # build walls we build: 4 tokens, 2 shared with a
    # a = {we1, don’t, build1, walls}; b = {build1, walls, we2, build2}
    assert score(a, b, index, "jaccard") == pytest.approx(2 / 6)


def test_coverage_is_a_fraction_of_the_reference_characters():
    index = TokenIndex(TEXT)
    reference = [(10, 20)]
    candidate = [(17, 40)]
    assert score(reference, candidate, index, "coverage") == pytest.approx(3 / 10)
    assert score(candidate, reference, index, "coverage") == pytest.approx(3 / 23)


def test_jaccard_falls_back_to_characters_when_no_word_is_covered():
    text = "a ... b"
    index = TokenIndex(text)
    assert score([(2, 5)], [(3, 5)], index, "jaccard") == pytest.approx(2 / 3)


def test_unknown_criterion_and_bad_threshold_are_refused():
    with pytest.raises(ValueError, match="unknown matching criterion 'fuzzy'"):
        match([], [], TEXT, criterion="fuzzy")
    with pytest.raises(ValueError, match="between 0 and 1"):
        match([], [], TEXT, threshold=1.5)


def test_match_is_one_to_one_by_greatest_overlap():
    text = "one two three four five six seven eight nine ten"
    a_long = [at("one two three four", text)]
    a_short = [at("five six", text)]
    # b_best overlaps a_long most; b_other overlaps a_long less but also a_short.
    b_best = [at("one two three", text)]
    b_other = [at("three four five six", text)]
    result = match([a_long, a_short], [b_other, b_best], text)
    assert [(p.reference, p.candidate) for p in result.pairs] == [(0, 1), (1, 0)]
    assert result.pairs[0].score == pytest.approx(3 / 4)
    assert result.pairs[1].score == pytest.approx(2 / 4)
    assert result.unmatched_reference == ()
    assert result.unmatched_candidate == ()


def test_match_below_threshold_leaves_both_unmatched():
    text = "one two three four five six seven eight nine ten"
    a = [at("one two three four", text)]
    b = [at("four five six seven", text)]  # Jaccard 1/7
    result = match([a], [b], text)
    assert result.pairs == ()
    assert result.unmatched_reference == (0,)
    assert result.unmatched_candidate == (0,)
    assert match([a], [b], text, threshold=0.1).counts.matched == 1


def test_match_with_coverage_uses_the_gender_gap_tracker_threshold():
    text = "abcdefghijklmnopqrstuvwxyz"
    reference = [[(0, 10)]]
    assert match(reference, [[(7, 26)]], text, criterion="coverage").counts.matched == 1
    assert match(reference, [[(8, 26)]], text, criterion="coverage").counts.matched == 0


def test_match_exact_pairs_only_identical_quotes():
    text = "one two three four five six"
    a = [[at("one two", text)], [at("three four", text)]]
    b = [[at("three four", text)], [at("one two three", text)]]
    result = match(a, b, text, criterion="exact")
    assert [(p.reference, p.candidate) for p in result.pairs] == [(1, 0)]
    assert result.counts == Counts(1, 2, 2)


def test_match_ties_go_to_the_earlier_quotes():
    text = "one two three four"
    same = [at("one two", text)]
    result = match([same, same], [same], text)
    assert [(p.reference, p.candidate) for p in result.pairs] == [(0, 0)]
    assert result.unmatched_reference == (1,)


def test_precision_recall_f1_and_pooling():
    counts = Counts(matched=3, reference=4, candidate=6)
    assert counts.precision == pytest.approx(0.5)
    assert counts.recall == pytest.approx(0.75)
    assert counts.f1 == pytest.approx(0.6)
    pooled = sum([counts, Counts(1, 1, 2)], Counts())
    assert pooled == Counts(4, 5, 8)
    assert pooled.f1 == pytest.approx(2 * 0.5 * 0.8 / 1.3)


def test_empty_sides_give_undefined_figures():
    assert Counts(0, 0, 0).precision is None
    assert Counts(0, 0, 0).f1 is None
    assert Counts(0, 2, 0).recall == 0.0
    assert Counts(0, 2, 0).f1 is None
    assert Counts(0, 2, 3).f1 == 0.0


def test_match_accepts_a_prepared_index_and_multi_piece_quotes():
    text = "“We will,” he said, “try hard.”"
    index = TokenIndex(text)
    pieces = [at("We will", text), at("try hard", text)]
    one_piece = [at("We will", text)]
    result = match([pieces], [one_piece], index)
    assert result.pairs[0].score == pytest.approx(2 / 4)


def test_a_long_candidate_starting_early_still_reaches_a_late_reference():
    text = "one two three four five six seven eight nine ten"
    long = [at("one two three four five six seven eight", text)]
    short = [at("one", text)]
    late = [at("three four five six seven eight", text)]
    result = match([late], [short, long], text)
    assert [(p.reference, p.candidate) for p in result.pairs] == [(0, 1)]
    assert result.pairs[0].score == pytest.approx(6 / 8)


def test_prepared_quotes_give_the_same_matching():
    index = TokenIndex(TEXT)
    a = [[at("we don’t build walls")], [at("we build well-known bridges")]]
    b = [[at("don’t build walls")]]
    prepared = [prepare(spans, index) for spans in a]
    assert match(prepared, b, index) == match(a, b, TEXT)


def test_f_score_is_the_harmonic_mean_and_none_without_both():
    assert f_score(0.5, 1.0) == pytest.approx(2 / 3)
    assert f_score(0.0, 0.0) == 0.0
    assert f_score(None, 1.0) is None
    assert f_score(1.0, None) is None
