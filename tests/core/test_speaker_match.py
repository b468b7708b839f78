from annotator.core import quotes, speakers
from annotator.core.model import Span
from annotator.core.speaker_match import suggest_speaker
from tests.projects import add_document

TEXT = (
    "Secretary of State Rex Tillerson declared “the wall matters,” while John Kelly said "
    "“we talk.”\n"
    "“We agree,” Kelly said. “Fine.”\n"
    "“Never,” he said.\n"
    "The two met for “useful conversations” on crime, Tillerson said.\n"
    "Nobody knows “who”."
)


def _span(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span(start, start + len(needle))


def test_suggest_speaker_reads_the_names_around_a_quote(store):
    doc = add_document(store, TEXT, "talks")
    for name in ("Rex Tillerson", "John Kelly"):
        speakers.create_speaker(store, name)

    def suggested(needle: str) -> str | None:
        found = suggest_speaker(store, doc, _span(needle))
        return found.name if found else None

    assert suggested("the wall matters,") == "Rex Tillerson"
    assert suggested("we talk.") == "John Kelly"
    assert suggested("We agree,") == "John Kelly"  # a surname met in the article
    assert suggested("useful conversations") == "Rex Tillerson"
    assert suggested("who") is None
    (quote,) = quotes.add_quote(store, doc, [_span("We agree,")]).after
    quotes.set_speaker_by_name(store, quote.id, "John Kelly")
    assert suggested("Never,") == "John Kelly"  # "he said": the quote before
