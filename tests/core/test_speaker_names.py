import pytest

from annotator.core.model import Speaker
from annotator.core.speaker_names import (
    document_speakers,
    group_in_document,
    mention_name,
    normalise,
    suggest_merges,
)

TEXT = (
    "Mr. Trump said the wall would be built. Donald Trump repeated it, which "
    "officials doubted. The campaign said nothing. Officials said later that "
    "Secretary of State Rex Tillerson agreed, as did a majority of Americans."
)


def at(piece: str) -> tuple[int, int]:
    start = TEXT.index(piece)
    return start, start + len(piece)


@pytest.mark.parametrize(
    "mention",
    [
        "which",
        "that",
        "who",
        "he",
        "They",
        "The campaign",
        "officials",
        "Officials",
        "a majority of Americans",
    ],
)
def test_pronouns_and_descriptions_name_no_speaker(mention):
    text = TEXT if mention in TEXT else f"{TEXT} {mention} said so."
    start = text.index(mention)
    assert mention_name(text, (start, start + len(mention))) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Mr. Trump", "Trump"),
        ("Secretary of State Rex Tillerson", "Rex Tillerson"),
        ("Texas Sen. Ted Cruz", "Ted Cruz"),
        ("His Democratic opponent, Rep. Alan Grayson", "Alan Grayson"),
        ("Democratic pollster Chris Anderson", "Chris Anderson"),
        ("Bank of America", "Bank of America"),
        ("The New York Times", "New York Times"),
        ("Clinton’s", "Clinton"),
    ],
)
def test_names_lose_titles_descriptors_and_possessives(name, expected):
    assert normalise(name) == expected


def test_within_a_document_a_surname_is_the_full_name_named_there():
    names = document_speakers(TEXT, [at("Mr. Trump"), at("Donald Trump"), at("which"), None])
    assert names == ["Donald Trump", "Donald Trump", None, None]
    # Two full names ending in it: ambiguous, the surname stays.
    assert group_in_document(["Clinton", "Hillary Clinton", "Bill Clinton"])["Clinton"] == (
        "Clinton"
    )


def test_within_a_document_a_name_of_several_people_stays_as_it_is():
    grouped = group_in_document(["Donald Trump", "Hillary Clinton and Donald Trump", "Trump"])
    assert grouped == {
        "Donald Trump": "Donald Trump",
        "Hillary Clinton and Donald Trump": "Hillary Clinton and Donald Trump",
        "Trump": "Donald Trump",
    }


def test_a_name_of_several_people_is_never_proposed_as_one_of_them():
    registry = [
        Speaker(1, "Donald Trump"),
        Speaker(2, "Hillary Clinton and Donald Trump"),
        Speaker(3, "Mike Pence & Donald Trump"),
        Speaker(4, "Republican nominee Donald Trump"),
    ]
    found = {(p.drop.name, p.keep.name) for p in suggest_merges(registry)}
    assert found == {("Republican nominee Donald Trump", "Donald Trump")}


def test_suggested_merges_are_proposals_with_reasons():
    registry = [
        Speaker(1, "Trump"),
        Speaker(2, "Donald Trump"),
        Speaker(3, "Eric Trump"),
        Speaker(4, "Mr. Kelly"),
        Speaker(5, "Kelly"),
        Speaker(6, "Republican nominee Donald Trump"),
    ]
    proposals = suggest_merges(registry, {2: 10, 3: 2, 5: 3})
    found = {(p.drop.name, p.keep.name) for p in proposals}
    assert found == {
        ("Mr. Kelly", "Kelly"),
        ("Trump", "Donald Trump"),
        ("Republican nominee Donald Trump", "Donald Trump"),
    }
    assert all(p.reason for p in proposals)
    # Without quote counts two full names end in "Trump": no proposal for it.
    assert ("Trump", "Donald Trump") not in {
        (p.drop.name, p.keep.name) for p in suggest_merges(registry)
    }
