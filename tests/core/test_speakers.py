import pytest

from annotator.core import quotes, speaker_match, speakers
from annotator.core.errors import InvalidValue
from tests.core.conftest import dump


def test_rename_keeps_the_old_name_as_an_alias(store):
    speaker = speakers.create_speaker(store, "Tillerson").speakers_after[0]
    speakers.rename_speaker(store, speaker.id, "Rex Tillerson")
    assert store.speaker(speaker.id).aliases == ("Tillerson",)
    assert store.find_speaker("tillerson").id == speaker.id


def test_names_are_unique_across_names_and_aliases(store):
    speakers.create_speaker(store, "Rex Tillerson", ("Tillerson",))
    other = speakers.create_speaker(store, "John Kelly").speakers_after[0]
    before = dump(store)
    with pytest.raises(InvalidValue, match="already"):
        speakers.add_alias(store, other.id, "TILLERSON")
    with pytest.raises(InvalidValue, match="merge"):
        speakers.rename_speaker(store, other.id, "Rex Tillerson")
    with pytest.raises(InvalidValue):
        speakers.create_speaker(store, "rex tillerson")
    assert dump(store) == before


def test_merge_moves_quotes_and_names(store, doc):
    (quote,) = quotes.add_quote(store, doc, [(0, 10)]).after
    quotes.set_speaker_by_name(store, quote.id, "Tillerson")
    keep = speakers.create_speaker(store, "Rex Tillerson", ("Secretary Tillerson",))
    keep_id = keep.speakers_after[0].id
    drop_id = store.find_speaker("Tillerson").id
    change = speakers.merge_speakers(store, keep_id, drop_id)
    assert change.quotes == {quote.id}
    assert [s.name for s in store.speakers()] == ["Rex Tillerson"]
    assert store.speaker(keep_id).aliases == ("Secretary Tillerson", "Tillerson")
    assert store.quote(quote.id).speaker_id == keep_id


def test_delete_speaker_keeps_the_quote(store, doc):
    (quote,) = quotes.add_quote(store, doc, [(0, 10)]).after
    quotes.set_speaker_by_name(store, quote.id, "Kelly")
    speakers.delete_speaker(store, store.find_speaker("Kelly").id)
    assert store.quote(quote.id).speaker_id is None


def test_resolve_prefers_exact_names_and_ignores_pronouns(store):
    speakers.create_speaker(store, "Rex Tillerson")
    speakers.create_speaker(store, "John Kelly")
    assert speakers.resolve(store, "Secretary of State Rex Tillerson").name == "Rex Tillerson"
    assert speakers.resolve(store, "He") is None
    assert speakers.resolve(store, "Kelly") is None  # one word is too weak to guess on


@pytest.mark.parametrize(
    "typed,known",
    [
        ("Jon Kely", "John Kelly"),
        ("john kelly", None),  # the same name, not a close one
        ("Kelly", "John Kelly"),
        ("J. Kelly", "John Kelly"),
        ("JK", "John Kelly"),
        ("Luis Videgray", "Luis Videgaray"),
        ("Marco Rubio", None),
    ],
)
def test_close_speakers_catch_typos_initials_and_surnames(store, typed, known):
    for name in ("John Kelly", "Luis Videgaray", "Rex Tillerson"):
        speakers.create_speaker(store, name)
    found = [s.name for s in speaker_match.close_speakers(store, typed)]
    assert found == ([known] if known else [])


def test_completion_is_a_prefix_range_on_the_name_index(store):
    for name in ("Rex Tillerson", "rex ryan", "Rexford Tugwell", "John Kelly"):
        speakers.create_speaker(store, name)
    assert speaker_match.complete(store, "REX") == ["rex ryan", "Rex Tillerson", "Rexford Tugwell"]
    assert speaker_match.complete(store, "rex ", limit=1) == ["rex ryan"]
    assert speaker_match.complete(store, "") == []
    assert speaker_match.complete(store, "%") == []
    plan = " ".join(
        str(row[-1])
        for row in store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT name FROM speakers WHERE name >= ? COLLATE NOCASE "
            "AND name < ? COLLATE NOCASE ORDER BY name COLLATE NOCASE LIMIT 20",
            ("a", "b"),
        )
    )
    assert "USING COVERING INDEX" in plan


def test_surname_matches_one_full_name_only(store):
    luis = speakers.create_speaker(store, "Luis Videgaray").speakers_after[0]
    kelly = speakers.create_speaker(store, "John Kelly").speakers_after[0]
    other = speakers.create_speaker(store, "Megyn Kelly").speakers_after[0]
    assert speaker_match.surname_match("Videgaray", (luis, kelly)) == luis
    assert speaker_match.surname_match("Kelly", (kelly, other)) is None
    assert speaker_match.surname_match("he", (kelly,)) is None
