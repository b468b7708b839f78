"""Names in an article and what a mention refers to."""

from __future__ import annotations

from annotator.core.model import Speaker
from annotator.core.suggest.names import People, clean_name


def test_clean_name_drops_titles_descriptions_offices_and_possessives():
    assert clean_name("Secretary of State Rex Tillerson") == "Rex Tillerson"
    assert clean_name("Mexico’s Foreign Secretary Luis Videgaray") == "Luis Videgaray"
    assert clean_name("longtime Democratic pollster Pat Caddell") == "Pat Caddell"
    assert clean_name("Gov. Mike Pence (R-IN)") == "Mike Pence"
    assert clean_name("Trump’s") == "Trump"
    assert clean_name("a source") == "a source"


def test_a_surname_resolves_to_the_nearest_full_name_before_it():
    text = "Bill Clinton spoke first. Hillary Clinton spoke next. Then Clinton left."
    people = People(text)
    assert people.resolve("Clinton", text.index("Then")) == "Hillary Clinton"
    assert people.resolve("Clinton", text.index("spoke first")) == "Bill Clinton"


def test_a_pronoun_resolves_to_the_last_person_named_and_places_are_not_people():
    text = "Ana Ruiz met Ben Okafor in the United States. "
    people = People(text)
    assert people.resolve("he", len(text)) == "Ben Okafor"
    people.note_speaker(len(text) - 1, "Ana Ruiz")
    assert people.resolve("she", len(text)) == "Ana Ruiz"


def test_descriptions_and_groups_are_not_names_unless_the_registry_knows_them():
    people = People("Officials met.", [Speaker(1, "The Spokesman", ("the spokesman",))])
    assert people.resolve("Officials", 0) == ""
    assert people.resolve("a senior aide", 0) == ""
    assert people.resolve("the spokesman", 0) == "The Spokesman"


def test_a_sentence_initial_word_is_not_a_name():
    assert clean_name("The minister") == ""
    assert clean_name("It") == ""
    assert clean_name("His aide") == ""
    assert clean_name("The Spokesman Ana Ruiz") == "Ana Ruiz"
    people = People("The minister spoke. It was said.", [Speaker(1, "Ana Ruiz", ("the aide",))])
    assert people.resolve("The minister", 0) == ""
    assert people.resolve("It", 20) == ""
    assert people.resolve("His aide", 20) == ""
    assert people.resolve("The aide", 20) == "Ana Ruiz"
