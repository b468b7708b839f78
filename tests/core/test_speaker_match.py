from annotator.core import quotes, speakers
from annotator.core.model import Span
from annotator.core.names import names_in
from annotator.core.speaker_match import met_in, named_in, suggest_speaker
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


def test_speakers_met_are_found_by_name_or_alias_as_find_speaker_finds_them(store):
    text = (
        "REX TILLERSON met Luis Videgaray and the Foreign Secretary; "
        "Secretary Kelly and Jefe Osorio Chong spoke. José Smith agreed."
    )
    doc = add_document(store, text, "met")
    tillerson = speakers.create_speaker(store, "Rex Tillerson").speakers_after[0]
    kelly = speakers.create_speaker(store, "John Kelly").speakers_after[0]
    speakers.add_alias(store, kelly.id, "secretary kelly")
    osorio = speakers.create_speaker(store, "Miguel Osorio Chong").speakers_after[0]
    speakers.add_alias(store, osorio.id, "Osorio Chong")
    speakers.create_speaker(store, "JOSÉ SMITH")  # NOCASE folds ASCII letters only
    candidates = names_in(text)
    expected = []
    for candidate in candidates:
        found = store.find_speaker(candidate)
        if found is not None and found not in expected:
            expected.append(found)
    assert [s.name for s in expected] == ["Rex Tillerson", "John Kelly", "Miguel Osorio Chong"]
    assert met_in(store, doc) == tuple(expected)
    # The quotes' speakers come first, as the caller knows them.
    assert [s.id for s in met_in(store, doc, [osorio.id])] == [osorio.id, tillerson.id, kelly.id]
    assert [s.id for s in met_in(store, doc, [])] == [tillerson.id, kelly.id, osorio.id]
    named = named_in(store, text)
    assert named == [tillerson.id, kelly.id, osorio.id]
    assert [s.id for s in met_in(store, doc, [], named[1:])] == [kelly.id, osorio.id]
