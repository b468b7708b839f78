"""The corpus-wide speaker registry: create, rename, aliases, merge.

"Tillerson", "Rex Tillerson" and "Secretary of State Rex Tillerson" are one
speaker: one canonical name and a list of aliases.
"""

from __future__ import annotations

import json
import re

from annotator.core.errors import InvalidValue, NotFound
from annotator.core.model import Change, Quote, Speaker
from annotator.core.names import is_pronoun
from annotator.core.store import Store


def _clean(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidValue("a speaker needs a name")
    return name


def is_known_as(speaker: Speaker, name: str) -> bool:
    folded = name.casefold()
    return folded == speaker.name.casefold() or any(folded == a.casefold() for a in speaker.aliases)


def _names_within(name: str, speaker: Speaker) -> bool:
    """Whether a longer mention contains one of the speaker's names as whole words."""
    for known in (speaker.name, *speaker.aliases):
        if len(known.split()) >= 2 and re.search(
            rf"(?<!\w){re.escape(known)}(?!\w)", name, flags=re.IGNORECASE
        ):
            return True
    return False


def resolve(store: Store, name: str) -> Speaker | None:
    """The registry speaker a mention names, or None.

    An exact name or alias wins; else the one speaker whose full name (two or
    more words) stands inside the mention, as "Rex Tillerson" inside
    "Secretary of State Rex Tillerson". Looked up by the mention's runs of
    words, so the cost does not grow with the registry.
    """
    found = store.find_speaker(name)
    if found is not None or is_pronoun(name):
        return found
    words = name.split()
    candidates: dict[int, Speaker] = {}
    for first in range(len(words)):
        for last in range(first + 2, len(words) + 1):
            if last - first == len(words):
                continue
            speaker = store.find_speaker(" ".join(words[first:last]))
            if speaker is not None and _names_within(name, speaker):
                candidates[speaker.id] = speaker
    return next(iter(candidates.values())) if len(candidates) == 1 else None


def _insert(
    store: Store, name: str, aliases: tuple[str, ...] = (), description: str = ""
) -> Speaker:
    existing = store.find_speaker(name)
    if existing is not None:
        raise InvalidValue(f"a speaker named {existing.name!r} already exists")
    cursor = store.conn.execute(
        "INSERT INTO speakers (name, aliases, description) VALUES (?, ?, ?)",
        (name, json.dumps(list(aliases), ensure_ascii=False), description),
    )
    return Speaker(int(cursor.lastrowid or 0), name, aliases, description)


def find_or_create(store: Store, name: str) -> tuple[Speaker, bool]:
    """The speaker known by ``name``, or a new one; and whether it was created."""
    name = _clean(name)
    found = store.find_speaker(name)
    if found is not None:
        return found, False
    with store.transaction():
        return _insert(store, name), True


def create_speaker(
    store: Store, name: str, aliases: tuple[str, ...] = (), description: str = ""
) -> Change:
    name = _clean(name)
    with store.transaction():
        speaker = _insert(store, name, tuple(_clean(a) for a in aliases), description)
    return Change("add speaker", speakers=frozenset({speaker.id}), speakers_after=(speaker,))


def _save(store: Store, speaker: Speaker) -> None:
    store.conn.execute(
        # An upsert, not INSERT OR REPLACE: a replace deletes the row first,
        # and the foreign key would then clear the speaker of every quote.
        "INSERT INTO speakers (id, name, aliases, description) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, aliases = excluded.aliases, "
        "description = excluded.description",
        (
            speaker.id,
            speaker.name,
            json.dumps(list(speaker.aliases), ensure_ascii=False),
            speaker.description,
        ),
    )


def _update(store: Store, before: Speaker, after: Speaker, description: str) -> Change:
    with store.transaction():
        _save(store, after)
    quotes = frozenset(
        row[0]
        for row in store.conn.execute("SELECT id FROM quotes WHERE speaker_id = ?", (after.id,))
    )
    return Change(
        description,
        speakers=frozenset({after.id}),
        quotes=quotes,
        speakers_before=(before,),
        speakers_after=(after,),
    )


def rename_speaker(store: Store, speaker_id: int, name: str) -> Change:
    """Give a speaker a new canonical name; the old one becomes an alias."""
    name = _clean(name)
    before = store.speaker(speaker_id)
    other = store.find_speaker(name)
    if other is not None and other.id != speaker_id:
        raise InvalidValue(f"{name!r} already names speaker {other.name!r}; merge them instead")
    aliases = tuple(a for a in before.aliases if a.casefold() != name.casefold())
    if before.name != name and before.name.casefold() != name.casefold():
        aliases = (*aliases, before.name)
    after = Speaker(before.id, name, aliases, before.description)
    return _update(store, before, after, "rename speaker")


def add_alias(store: Store, speaker_id: int, alias: str) -> Change:
    alias = _clean(alias)
    before = store.speaker(speaker_id)
    other = store.find_speaker(alias)
    if other is not None and other.id != speaker_id:
        raise InvalidValue(f"{alias!r} already names speaker {other.name!r}")
    if is_known_as(before, alias):
        return Change("add alias", speakers_before=(before,), speakers_after=(before,))
    after = Speaker(before.id, before.name, (*before.aliases, alias), before.description)
    return _update(store, before, after, "add alias")


def remove_alias(store: Store, speaker_id: int, alias: str) -> Change:
    before = store.speaker(speaker_id)
    aliases = tuple(a for a in before.aliases if a.casefold() != alias.strip().casefold())
    if aliases == before.aliases:
        raise NotFound(f"speaker {before.name!r} has no alias {alias!r}")
    return _update(
        store, before, Speaker(before.id, before.name, aliases, before.description), "remove alias"
    )


def merge_speakers(store: Store, keep_id: int, drop_id: int) -> Change:
    """Fold speaker ``drop_id`` into ``keep_id``: its quotes, name and aliases move over."""
    if keep_id == drop_id:
        raise InvalidValue("cannot merge a speaker with itself")
    keep, drop = store.speaker(keep_id), store.speaker(drop_id)
    moved = _quotes_of(store, drop_id)
    aliases = list(keep.aliases)
    for name in (drop.name, *drop.aliases):
        if not any(name.casefold() == a.casefold() for a in (keep.name, *aliases)):
            aliases.append(name)
    merged = Speaker(keep.id, keep.name, tuple(aliases), keep.description or drop.description)
    with store.transaction() as conn:
        conn.execute("UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?", (keep_id, drop_id))
        conn.execute("DELETE FROM speakers WHERE id = ?", (drop_id,))
        _save(store, merged)
    after = [store.quote(q.id) for q in moved]
    return Change(
        f"merge {drop.name} into {keep.name}",
        documents=frozenset(q.document_id for q in moved),
        quotes=frozenset(q.id for q in moved),
        speakers=frozenset({keep_id, drop_id}),
        before=tuple(moved),
        after=tuple(after),
        speakers_before=(keep, drop),
        speakers_after=(merged,),
    )


def delete_speaker(store: Store, speaker_id: int) -> Change:
    """Remove a speaker from the registry; its quotes keep their text but lose the speaker."""
    before = store.speaker(speaker_id)
    moved = _quotes_of(store, speaker_id)
    with store.transaction() as conn:
        conn.execute("DELETE FROM speakers WHERE id = ?", (speaker_id,))
    return Change(
        "delete speaker",
        documents=frozenset(q.document_id for q in moved),
        quotes=frozenset(q.id for q in moved),
        speakers=frozenset({speaker_id}),
        before=tuple(moved),
        after=tuple(store.quote(q.id) for q in moved),
        speakers_before=(before,),
    )


def _quotes_of(store: Store, speaker_id: int) -> list[Quote]:
    ids = [
        row[0]
        for row in store.conn.execute("SELECT id FROM quotes WHERE speaker_id = ?", (speaker_id,))
    ]
    return [store.quote(i) for i in ids]


def put_speaker(store: Store, speaker: Speaker) -> None:
    """Write a speaker snapshot back exactly (for undo)."""
    with store.transaction():
        _save(store, speaker)


def remove_speaker_row(store: Store, speaker_id: int) -> None:
    with store.transaction() as conn:
        conn.execute("DELETE FROM speakers WHERE id = ?", (speaker_id,))


def speaker_by_name(store: Store, name: str) -> Speaker:
    found = store.find_speaker(name)
    if found is None:
        raise NotFound(f"no speaker named {name!r}")
    return found
