"""Matching typed and mentioned names to the speaker registry, without reading it whole.

Completion is a range scan on the name index; close names (typos, initials,
surnames) are looked up by first letter and surname; a mention's speaker is
suggested from the names around a quote. Every function here reads only.
"""

from __future__ import annotations

import re

from annotator.core.model import Span, Speaker
from annotator.core.names import is_pronoun, names_in
from annotator.core.speakers import is_known_as
from annotator.core.store import Store


def complete(store: Store, prefix: str, limit: int = 20) -> list[str]:
    """Registry names starting with ``prefix`` (any case), by name: a range scan on the index.

    Memory and time stay flat in the registry's size: only ``limit`` rows are read.
    """
    prefix = " ".join(prefix.split())
    if not prefix:
        return []
    return [
        row[0]
        for row in store.conn.execute(
            "SELECT name FROM speakers WHERE name >= ? COLLATE NOCASE "
            "AND name < ? COLLATE NOCASE ORDER BY name COLLATE NOCASE LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        )
    ]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance between ``a`` and ``b``, or ``limit + 1`` once it passes ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def letters_apart(a: str, b: str) -> int:
    """A lower bound of the edit distance, cheap to compute: each letter only one of the
    two has needs an edit of its own (a substitution mends one on each side)."""
    first, second = set(a), set(b)
    return max(len(first - second), len(second - first))


def _fold(name: str) -> str:
    return " ".join(name.replace(".", ". ").casefold().split())


def _surname(name: str) -> str:
    words = _fold(name).split()
    return words[-1] if words else ""


def is_close(typed: str, known: str) -> bool:
    """Whether ``typed`` may be a typo or short form of the name ``known``.

    Close are: a small edit distance ("Jon Kely" for "John Kelly"), initials
    for the first names ("J. Kelly", "JK"), or the surname alone ("Kelly").
    """
    typed_f, known_f = _fold(typed), _fold(known)
    if not typed_f or not known_f or typed_f == known_f:
        return False
    allowed = 1 if len(known_f) < 8 else 2
    # The letters that differ bound the edit distance from below, and cost far less.
    if (
        letters_apart(typed_f, known_f) <= allowed
        and edit_distance(typed_f, known_f, allowed) <= allowed
    ):
        return True
    typed_words, known_words = typed_f.split(), known_f.split()
    if len(known_words) >= 2:
        if typed_words == [known_words[-1]]:
            return True
        initials = "".join(word[0] for word in known_words)
        if typed_f.replace(". ", "").replace(" ", "").rstrip(".") == initials:
            return True
        if len(typed_words) >= 2 and typed_words[-1] == known_words[-1]:
            firsts = [w.rstrip(".") for w in typed_words[:-1]]
            if all(len(w) == 1 for w in firsts) and firsts == [
                w[0] for w in known_words[: len(firsts)]
            ]:
                return True
    return False


def close_speakers(
    store: Store, name: str, limit: int = 5, among: tuple[Speaker, ...] = ()
) -> list[Speaker]:
    """Registry speakers ``name`` may mean (typo, initials, surname), closest first.

    Looked up through the name index by first letter and length, and by surname,
    so a large registry is not read whole. ``among`` adds speakers to consider
    (those met in this article).
    """
    name = " ".join(name.split())
    if not name:
        return []
    folded = _fold(name)
    surname = _surname(name)
    # Aliases count for the speakers met here; for the registry at large, names only.
    found = {s.id: s for s in among if any(is_close(name, known) for known in (s.name, *s.aliases))}
    rows = store.conn.execute(
        "SELECT id, name FROM speakers WHERE name >= ? COLLATE NOCASE "
        "AND name < ? COLLATE NOCASE AND length(name) BETWEEN ? AND ? LIMIT 5000",
        # Initials alone ("JK") may stand for a name of any length.
        (name[0], name[0] + "\U0010ffff", len(name) - 2, 999 if len(name) <= 4 else len(name) + 2),
    ).fetchall()
    rows += store.conn.execute(
        "SELECT id, name FROM speakers WHERE name LIKE ? ESCAPE '\\' LIMIT 200",
        ("% " + surname.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"),),
    ).fetchall()
    for speaker_id, known in rows:
        if speaker_id not in found and is_close(name, known):
            found[speaker_id] = store.speaker(speaker_id)
    found_list = list(found.values())
    found_list.sort(key=lambda s: (edit_distance(folded, _fold(s.name), 99), s.name))
    return found_list[:limit]


def surname_match(name: str, speakers: tuple[Speaker, ...]) -> Speaker | None:
    """The one speaker among ``speakers`` whose full name ends in the one word ``name``."""
    words = name.split()
    if len(words) != 1 or is_pronoun(name):
        return None
    folded = name.casefold()
    found = {
        speaker.id: speaker
        for speaker in speakers
        for known in (speaker.name, *speaker.aliases)
        if len(known.split()) >= 2 and _surname(known) == folded
    }
    return next(iter(found.values())) if len(found) == 1 else None


def met_in(store: Store, document_id: int) -> tuple[Speaker, ...]:
    """Speakers met in a document: its quotes' speakers and registry names found in its text."""
    ids = {
        row[0]
        for row in store.conn.execute(
            "SELECT DISTINCT speaker_id FROM quotes WHERE document_id = ? "
            "AND speaker_id IS NOT NULL",
            (document_id,),
        )
    }
    met = {i: store.speaker(i) for i in ids}
    for candidate in names_in(store.document_text(document_id)):
        speaker = store.find_speaker(candidate)
        if speaker is not None:
            met.setdefault(speaker.id, speaker)
    return tuple(met.values())


# A capitalised word or run of them: a name, or the surname a later mention uses.
_CAPITALISED = re.compile(r"[A-Z][\w’'-]+(?:[ \u00a0]+[A-Z][\w’'-]+)*")
_CUE_VERBS = (
    "said|says|added|adds|told|tells|declared|acknowledged|noted|stated|explained|argued|"
    "warned|insisted|asked|replied|wrote|continued|concluded|recalled|claimed|announced"
)
_NAME_CUE = re.compile(rf"([A-Z][\w’'-]+(?:[ \u00a0]+[A-Z][\w’'-]+)*)\s+(?:{_CUE_VERBS})\b")
_PRONOUN_CUE = re.compile(r"^\W*(?:he|she|they)\s+\w+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][”’\"']?\s")


def _named(name: str, met: tuple[Speaker, ...], store: Store) -> Speaker | None:
    words = name.split()
    # The longest run first: "Foreign Secretary Luis Videgaray" before "Videgaray".
    for first in range(len(words)):
        candidate = " ".join(words[first:])
        known = next((s for s in met if is_known_as(s, candidate)), None)
        if known is None and len(words) - first >= 2:
            known = store.find_speaker(candidate)
        if known is None and first == len(words) - 1:
            known = surname_match(candidate, met)
        if known is not None:
            return known
    return None


def suggest_speaker(store: Store, document_id: int, span: Span) -> Speaker | None:
    """The known speaker the text around a quote names, to offer when it is made.

    News style names the speaker right after a quotation ("…,” Videgaray said)
    or right before it ("Tillerson acknowledged, “…"); "he said" after it means
    the speaker of the quote before. Only speakers already in the registry are
    suggested; ``None`` when the text says nothing clear.
    """
    text = store.document_text(document_id)
    met = met_in(store, document_id)
    line_end = text.find("\n", span.end)
    after = text[span.end : line_end if line_end >= 0 else len(text)][:80]
    sentence = _SENTENCE_END.search(after)
    after = after[: sentence.start() + 1] if sentence else after
    # "…,” Videgaray said": the name comes first after the closing mark.
    lead = re.match(r"[\s,.;:!?”’\"'»]*", after)
    named = _CAPITALISED.match(after, lead.end() if lead else 0)
    if named is not None:
        found = _named(named.group(), met, store)
        if found is not None:
            return found
    line_start = text.rfind("\n", 0, span.start) + 1
    before = text[max(line_start, span.start - 120) : span.start]
    ends = list(_SENTENCE_END.finditer(before))
    before = before[ends[-1].end() :] if ends else before
    # "Rex Tillerson declared “…": a name and its cue right before the quotation.
    cue = re.search(rf"{_NAME_CUE.pattern}[^“”\"«»]{{0,30}}$", before.rstrip(" “\"«„‘'"))
    if cue is not None:
        found = _named(cue.group(1), met, store)
        if found is not None:
            return found
    # "…” on battling crime, Tillerson said."
    for match in _NAME_CUE.finditer(after):
        found = _named(match.group(1), met, store)
        if found is not None:
            return found
    if _PRONOUN_CUE.match(after):
        row = store.conn.execute(
            "SELECT quotes.speaker_id FROM quotes JOIN quote_spans ON quote_spans.quote_id = "
            "quotes.id WHERE quotes.document_id = ? AND quotes.speaker_id IS NOT NULL "
            "AND quote_spans.start < ? ORDER BY quote_spans.start DESC LIMIT 1",
            (document_id, span.start),
        ).fetchone()
        return store.speaker(row[0]) if row else None
    for match in reversed(list(_CAPITALISED.finditer(before))):
        found = _named(match.group(), met, store)
        if found is not None:
            return found
    return None
