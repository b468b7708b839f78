import random

import pytest

from annotator.core import quotes
from annotator.core.agreement import (
    Coding,
    agreement,
    cohen_kappa,
    krippendorff_alpha,
    load_codings,
    token_roles,
)
from annotator.core.errors import InvalidValue
from annotator.core.matching import TokenIndex
from annotator.core.model import Quote, Span
from tests.projects import add_document

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# four observers, twelve units, missing values; nominal alpha = 0.743.
_ = None
FOUR_OBSERVERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]


def units_of(observers):
    return [list(unit) for unit in zip(*observers, strict=True)]


def test_alpha_of_the_published_four_observer_example_with_missing_data():
    assert krippendorff_alpha(units_of(FOUR_OBSERVERS)) == pytest.approx(0.743, abs=5e-4)


def test_alpha_of_the_published_binary_two_observer_example():
    # Section A of the same paper: alpha = 0.095.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha(units_of([a, b])) == pytest.approx(0.095, abs=5e-4)


def test_alpha_of_the_published_nominal_two_observer_example():
    # Section B: two observers, five categories, no missing data: alpha = 0.692.
    a = list("aabbdcccedda")
    b = list("babbbccceddd")
    assert krippendorff_alpha(units_of([a, b])) == pytest.approx(0.692, abs=5e-4)


def test_alpha_leaves_out_units_with_one_value_and_is_undefined_without_variation():
    with_lonely = units_of(FOUR_OBSERVERS) + [[7, _, _, _]]
    assert krippendorff_alpha(with_lonely) == krippendorff_alpha(units_of(FOUR_OBSERVERS))
    assert krippendorff_alpha([["a", "a"], ["a", "a"]]) is None
    assert krippendorff_alpha([]) is None


def test_alpha_of_total_disagreement_on_one_unit():
    # n = 2, D_o = 2, D_e = 4 - 2 = 2: alpha = 1 - 1 * 2 / 2 = 0.
    assert krippendorff_alpha([["a", "b"]]) == pytest.approx(0.0)


def test_alpha_matches_the_krippendorff_package_on_random_data():
    krippendorff = pytest.importorskip("krippendorff")
    numpy = pytest.importorskip("numpy")
    rng = random.Random(7)
    for _trial in range(20):
        coders, units = rng.randint(2, 6), rng.randint(5, 40)
        data = [
            [
                rng.choice([1, 2, 3, None, None]) if rng.random() < 0.9 else None
                for _ in range(units)
            ]
            for _ in range(coders)
        ]
        ours = krippendorff_alpha(units_of(data))
        if ours is None:
            continue
        matrix = numpy.array([[numpy.nan if v is None else v for v in row] for row in data])
        theirs = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
        assert ours == pytest.approx(theirs)


def test_cohen_kappa_hand_computed():
    # 50 units: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    # p_o = 0.7; p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = 0.4.
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert cohen_kappa([]) is None
    assert cohen_kappa([("y", "y"), ("y", "y")]) is None


TEXT = "Ann said we will win. Bob said it is over. Cy laughed."


def q(quote_id, text_spans, mention=None, cue=None, speaker=None, stance=None, quote_type=None):
    def span(phrase):
        start = TEXT.index(phrase)
        return Span(start, start + len(phrase))

    return Quote(
        id=quote_id,
        document_id=1,
        spans=tuple(span(p) for p in text_spans),
        mention=span(mention) if mention else None,
        cue=span(cue) if cue else None,
        speaker_id=speaker,
        stance_id=stance,
        quote_type_id=quote_type,
        uid=f"u{quote_id}",
    )


def test_token_roles_later_roles_win_where_quotes_nest():
    index = TokenIndex(TEXT)
    outer = q(1, ["Ann said we will win. Bob said it is over"], mention="Cy", cue="laughed")
    inner = q(2, ["it is over"], mention="Bob", cue="said it")
    roles = token_roles(index, [outer, inner])
    words = [TEXT[t.start : t.end] for t in index.tokens]
    assert list(zip(words, roles, strict=True))[6:] == [
        ("Bob", "source"),
        ("said", "cue"),
        ("it", "cue"),
        ("is", "content"),
        ("over", "content"),
        (".", "none"),
        ("Cy", "source"),
        ("laughed", "cue"),
        (".", "none"),
    ]


def test_agreement_of_two_coders_hand_computed():
    ann = q(1, ["we will win"], mention="Ann", cue="said", speaker=1, stance=10, quote_type=20)
    bob = q(2, ["it is over"], mention="Bob", cue="said it", speaker=2, stance=11)
    # Coder b: Ann's quote one word longer, Bob's speaker wrong, no third quote.
    ann_b = q(3, ["said we will win"], mention="Ann", speaker=1, stance=11, quote_type=20)
    bob_b = q(4, ["it is over"], mention="Bob", cue="said it", speaker=3, stance=11)
    coding = Coding(1, TEXT, {"b": [ann_b, bob_b], "a": [ann, bob]})
    report = agreement([coding])
    assert report.coders == ("a", "b")
    pair = report.pairs[0]
    assert pair.coders == ("a", "b")
    assert (pair.exact.matched, pair.exact.reference, pair.exact.candidate) == (1, 2, 2)
    assert pair.exact.f1 == pytest.approx(0.5)
    assert pair.overlap.matched == 2  # Jaccard 3/4 for Ann's quote
    assert (pair.speaker_same, pair.speaker_compared) == (1, 2)
    assert pair.stance.units == [(10, 11), (11, 11)]
    assert pair.quote_type.units == [(20, 20)]
    kinds = sorted(d.kind for d in report.disagreements)
    assert kinds == ["boundaries", "speaker", "stance"]
    # Tokens: Ann said we will win . Bob said it is over . Cy laughed .
    # a: S C T T T n S C C T T n n n n   b: S T T T T n S C C T T n n n n
    # Only token 2 ("said") differs: cue vs content. n = 30 values;
    # totals S 4, C 5, T 11, n 10; D_o = 2; D_e = 900 - (16+25+121+100) = 638.
    assert report.token_alpha == pytest.approx(1 - 29 * 2 / 638)
    assert report.tokens == 15
    assert report.documents[0].alpha == report.token_alpha


def test_missing_quotes_and_a_third_coder_missing_from_a_document():
    one = Coding(1, TEXT, {"a": [q(1, ["we will win"])], "b": []})
    other = Coding(2, TEXT, {"a": [q(1, ["we will win"])], "c": [q(2, ["we will win"])]})
    lonely = Coding(3, TEXT, {"a": [q(1, ["we will win"])]})
    report = agreement([one, other, lonely])
    assert [d.document_id for d in report.documents] == [1, 2]
    assert [p.coders for p in report.pairs] == [("a", "b"), ("a", "c")]
    assert report.pairs[0].overlap.recall == 0.0
    assert report.pairs[1].overlap.f1 == 1.0
    missing = [d for d in report.disagreements if d.kind == "missing"]
    assert len(missing) == 1 and missing[0].second is None and missing[0].start == 9
    assert report.pooled.overlap.matched == 1
    assert report.pooled.documents == 2


def test_agreement_with_a_reference_layer_and_a_coder_filter():
    gold = [q(1, ["we will win"]), q(2, ["it is over"])]
    coding = Coding(1, TEXT, {"gold": gold, "a": gold[:1], "b": gold})
    against = agreement([coding], reference="gold")
    assert [p.coders for p in against.pairs] == [("gold", "a"), ("gold", "b")]
    assert against.pairs[0].overlap.recall == 0.5
    assert against.pairs[0].overlap.precision == 1.0
    only = agreement([coding], coders=["a", "b"])
    assert [p.coders for p in only.pairs] == [("a", "b")]
    with pytest.raises(InvalidValue, match="threshold"):
        agreement([coding], threshold=0)


def test_threshold_changes_what_matches():
    coding = Coding(1, TEXT, {"a": [q(1, ["we will win"])], "b": [q(2, ["win"])]})
    assert agreement([coding]).pooled.overlap.matched == 0  # Jaccard 1/3
    assert agreement([coding], threshold=0.3).pooled.overlap.matched == 1


def test_load_codings_reads_documents_two_coders_annotated(store):
    first = add_document(store, TEXT, "one")
    second = add_document(store, TEXT, "two")
    with store.transaction() as conn:
        conn.execute("UPDATE documents SET collection = 'train' WHERE id = ?", (first,))
    for annotator in ("a", "b"):
        quotes.add_quote(store, first, [(9, 20)], annotator=annotator)
    quotes.add_quote(store, second, [(9, 20)], annotator="a")
    quotes.add_quote(store, first, [(9, 20)], annotator="gold")
    with store.transaction() as conn:
        conn.execute("UPDATE annotators SET kind = 'gold' WHERE name = 'gold'")
    codings = load_codings(store)
    assert [(c.document_id, sorted(c.quotes)) for c in codings] == [(first, ["a", "b"])]
    assert codings[0].text == TEXT
    with_gold = load_codings(store, annotators=["gold", "a"])
    assert sorted(with_gold[0].quotes) == ["a", "gold"]
    assert load_codings(store, collection="train")[0].document_id == first
    assert load_codings(store, collection="") == []
    with pytest.raises(InvalidValue, match="no annotator named 'zed'"):
        load_codings(store, annotators=["zed"])
    with pytest.raises(InvalidValue, match="no collection named 'dev'"):
        load_codings(store, collection="dev")
