import json

from annotator.core.speaker_registry import SpeakerRegistry


def _speakers(store):
    return [
        (name, json.loads(aliases), description)
        for name, aliases, description in store.conn.execute(
            "SELECT name, aliases, description FROM speakers ORDER BY id"
        )
    ]


def test_finds_by_name_or_alias_in_any_case(store):
    registry = SpeakerRegistry(store.conn)
    rex = registry.add("Rex Tillerson", ["Tillerson"], "Secretary of State")
    assert registry.find("REX TILLERSON") == rex
    assert registry.find("tillerson") == rex
    assert registry.find("Kelly") is None
    assert _speakers(store) == [("Rex Tillerson", ["Tillerson"], "Secretary of State")]


def test_a_spelling_shared_by_two_speakers(store):
    # Imports may bring in an alias that is another speaker's name.
    store.conn.execute("INSERT INTO speakers (name, aliases) VALUES ('John Kelly', '[\"Kelly\"]')")
    store.conn.execute("INSERT INTO speakers (name, aliases) VALUES ('Kelly', '[]')")
    registry = SpeakerRegistry(store.conn)
    john, kelly = sorted(registry.names)
    assert registry.find("kelly") == john
    assert registry.find("kelly", name_first=True) == kelly


def test_extend_adds_aliases_to_the_row_and_the_maps(store):
    registry = SpeakerRegistry(store.conn)
    rex = registry.add("Rex Tillerson", [])
    registry.extend(rex, ["Tillerson", "Rex"])
    registry.extend(rex, [])
    assert registry.find("rex") == rex
    assert SpeakerRegistry(store.conn).aliases[rex] == ["Tillerson", "Rex"]
    assert _speakers(store) == [("Rex Tillerson", ["Tillerson", "Rex"], "")]
