"""Evaluation of suggestions (or a coder) against a reference coder."""

from __future__ import annotations

import pytest

from annotator.core import evaluation, quotes, suggestions
from annotator.core.errors import InvalidValue
from annotator.core.evaluation import Unit, evaluate, is_direct, same_person
from annotator.core.model import Span
from annotator.core.suggest import Proposal
from tests.projects import add_document

TEXT = (
    "“We will build it,” Ana Ruiz said. Officials said the plan was late. "
    "Ruiz also said that costs would rise."
)


def span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


@pytest.fixture
def coded(store):
    doc = add_document(store, TEXT)
    mention = span("Ana Ruiz")
    quotes.add_quote(store, doc, [span("“We will build it,”")], mention=mention, annotator="ref")
    quotes.add_quote(store, doc, [span("the plan was late")], annotator="ref")
    quotes.add_quote(store, doc, [span("that costs would rise")], annotator="ref")
    return doc


def test_exact_and_overlap_figures_for_direct_and_all_quotes(store, coded):
    proposals = [
        # The direct quote without its closing mark: an overlap match, not an exact one.
        Proposal(spans=(span("“We will build it,"),), mention=span("Ana Ruiz"), speaker="Ana Ruiz"),
        Proposal(spans=(span("the plan was late"),), quote_type="indirect"),
        Proposal(spans=(span("Ruiz also said"),), quote_type="indirect"),
    ]
    suggestions.store_proposals(store, coded, "rules", proposals)
    result = evaluate(store, reference="ref")
    exact, overlap = result.figures["all", "exact"], result.figures["all", "overlap"]
    assert (exact.reference, exact.candidate, exact.found, exact.right) == (3, 3, 1, 1)
    assert (overlap.found, overlap.right) == (2, 2)
    assert overlap.precision == pytest.approx(2 / 3) and overlap.recall == pytest.approx(2 / 3)
    direct = result.figures["direct", "overlap"]
    assert (direct.reference, direct.candidate, direct.found, direct.right) == (1, 1, 1, 1)
    assert result.figures["direct", "exact"].f1 == 0.0
    assert (result.speaker_right, result.speaker_compared) == (1, 1)
    assert "direct   overlap   1.000  1.000  1.000" in "\n".join(evaluation.table(result))


def test_the_threshold_is_the_share_of_the_reference_covered(store, coded):
    # Covers 5 of the 18 characters of “the plan was late”: 0.28 of it.
    suggestions.store_proposals(store, coded, "rules", [Proposal(spans=(span("the p"),))])
    assert evaluate(store, reference="ref", threshold=0.3).figures["all", "overlap"].found == 0
    assert evaluate(store, reference="ref", threshold=0.25).figures["all", "overlap"].found == 1
    with pytest.raises(InvalidValue, match="threshold"):
        evaluate(store, threshold=0)


def test_a_coder_against_a_coder_and_the_first_coder_per_document(store, coded):
    quotes.add_quote(store, coded, [span("the plan was late")], annotator="ben")
    result = evaluate(store, candidate="ben", reference="first")
    assert result.reference == "first" and result.documents == 1
    overlap = result.figures["all", "overlap"]
    assert (overlap.found, overlap.right, overlap.candidate) == (1, 1, 1)
    with pytest.raises(InvalidValue, match="no annotator named 'cy'"):
        evaluate(store, reference="cy")


def test_a_direct_quote_suggested_inside_an_indirect_reference_is_found_not_false(store):
    text = "Trump tweeted that, “For those few people knocking me, I will be there!”"
    doc = add_document(store, text)
    quotes.add_quote(store, doc, [(text.index("that"), len(text))], annotator="ref")
    suggestions.store_proposals(
        store, doc, "rules", [Proposal(spans=((text.index("“"), len(text)),))]
    )
    direct = evaluate(store).figures["direct", "overlap"]
    # The reference holds no direct quote; the suggested one matched a reference quote.
    assert (direct.reference, direct.candidate, direct.right) == (0, 1, 1)
    assert direct.precision == 1.0 and direct.recall is None


def test_same_person_by_overlapping_mentions_or_surname():
    ref = Unit((Span(0, 3),), Span(10, 20), "longtime pollster Pat Caddell")
    assert same_person("", ref, Unit((Span(0, 3),), None, "Caddell"))
    assert same_person("", ref, Unit((Span(0, 3),), Span(15, 16), ""))
    assert not same_person("", ref, Unit((Span(0, 3),), Span(30, 32), "Ana Ruiz"))
    assert not same_person("", Unit((Span(0, 3),)), Unit((Span(0, 3),), None, "Ana Ruiz"))


def test_is_direct_reads_the_first_character_of_the_content():
    assert is_direct(TEXT, (Span(*span("“We will build it,”")),))
    assert not is_direct(TEXT, (Span(*span("the plan was late")),))


def test_suggestions_of_several_engines_are_not_mixed(store, coded):
    suggestions.store_proposals(store, coded, "rules", [Proposal(spans=(span("the plan"),))])
    suggestions.store_proposals(store, coded, "spacy", [Proposal(spans=(span("the plan"),))])
    with pytest.raises(InvalidValue, match=r"several engines \(rules, spacy\)"):
        evaluate(store)
    assert evaluate(store, engine="spacy").figures["all", "overlap"].candidate == 1


def test_the_table_counts_one_document_in_the_singular(store, coded):
    first = evaluation.table(evaluate(store, reference="ref"))[0]
    assert "1 document," in first and "documents" not in first
