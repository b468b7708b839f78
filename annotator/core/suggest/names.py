"""People in an article: names found in the text, and what a mention refers to.

A surname ("Caddell") stands for the fullest name the article gave before it
("Pat Caddell"); a pronoun ("he") for the nearest person named before it; a
name the registry knows (as a name or an alias) for the registry's name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.model import Speaker

PERSONAL_PRONOUNS = frozenset("he she they we i".split())
# Titles and honorifics that stand before a name and are not part of it.
TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. lt lt. col col.
    sgt sgt. prof prof. rev rev. president senator governor secretary representative
    congressman congresswoman mayor judge justice chairman chairwoman minister ambassador
    speaker leader director general gov.-elect pope former vice candidate nominee
    attorney sheriff officer commissioner chief spokesman spokeswoman""".split()
)
# Capitalised words that start sentences or name things, not people.
NOT_NAMES = frozenset(
    """the a an and but or so yet if when while as at in on of for to from by with
    this that these those there here it its he she they we i you his her their our
    democrat democrats democratic republican republicans gop american americans
    u.s. us america washington white house congress senate monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august
    september october november december mr mrs ms news then after before later
    meanwhile however also still now since though although because during despite
    earlier today last next even only just both where what who why how asked said
    says according speaking""".split()
)
# A word of a name: an initial, a title with its full stop, or a capitalised word.
# Words that make a capitalised run a place or an organisation, not a person.
NOT_PEOPLE = frozenset(
    """united states america mexico news times post journal city county university
    college school street avenue party committee department house senate congress
    court company corporation inc association institute foundation center centre
    national international american republican democratic""".split()
)
# Plural nouns that stand for unnamed speakers ("Officials said …").
GROUPS = frozenset(
    """officials sources aides analysts experts critics supporters advisers advisors
    lawmakers officers investigators prosecutors witnesses residents voters people
    republicans democrats police authorities""".split()
)
# Words of office titles that stand before a name ("Homeland Security Secretary").
OFFICES = frozenset(
    """state security homeland foreign interior defense treasury justice affairs press
    house senate department agency council committee party campaign""".split()
)
_NAME_WORD = r"(?:[A-Z]\.|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|St|Jr|Sr)\.|[A-Z][\w’'-]*)"
_NAME = re.compile(
    rf"{_NAME_WORD}(?:[ \t\xa0]+(?:(?:de|da|del|van|von|bin|al|la|le)\s+)?{_NAME_WORD})+"
)
_WORD = re.compile(r"\b[A-Z][\w’'-]+")
_DETERMINERS = frozenset("the a an one another his her their its our".split())
_POSSESSIVE = re.compile(r"[’']s?$")


def clean_name(mention: str) -> str:
    """The name inside a mention: descriptors, titles, parentheses and possessives dropped.

    "longtime Democratic pollster Pat Caddell" gives "Pat Caddell", "Gov. Mike
    Pence (R-IN)" gives "Mike Pence"; a mention without a capitalised word
    gives itself, spaces normalised; a mention whose capitalised words are only
    sentence words ("The minister", "It", "His aide") names nobody and gives "".
    """
    mention = re.sub(r"\([^)]*\)", " ", mention)
    words = mention.replace(",", " ").split()
    # The name is the last run of capitalised words.
    end = len(words)
    while end > 0 and not words[end - 1][:1].isupper():
        end -= 1
    if end == 0:
        return " ".join(words)
    start = end - 1
    while start > 0 and (
        words[start - 1][:1].isupper() or words[start - 1] in ("de", "van", "von", "al", "bin")
    ):
        start -= 1
    run = words[start:end]
    # Drop everything up to the last title, office or possessive: "Mexico’s Foreign
    # Secretary Luis Videgaray" is "Luis Videgaray".
    for index in range(len(run) - 2, -1, -1):
        word = run[index].casefold()
        if word in TITLES or word in NOT_NAMES or word in OFFICES or _POSSESSIVE.search(word):
            run = run[index + 1 :]
            break
    if run and run[-1].casefold() in NOT_NAMES:
        # Capitalised only because it starts a sentence: "The minister", "It".
        return ""
    if run:
        run[-1] = _POSSESSIVE.sub("", run[-1]) or run[-1]
    return " ".join(run)


def surname(name: str) -> str:
    words = name.split()
    return words[-1].casefold() if words else ""


@dataclass
class People:
    """The people an article names, in order of appearance, for resolving mentions."""

    text: str
    registry: Sequence[Speaker] = ()
    # How far past the last quote's speaker a newly named person takes over pronouns.
    reach: int = 0
    # (offset, full name) of every name of two or more words, in text order.
    _names: list[tuple[int, str]] = field(default_factory=list)
    _offsets: list[int] = field(default_factory=list)
    # Speakers of earlier quotes, by the offset of their mention.
    _speakers: list[tuple[int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for match in _NAME.finditer(self.text):
            name = clean_name(match.group())
            words = name.split()
            if (
                len(words) >= 2
                and words[0].casefold() not in NOT_NAMES
                and not any(word.casefold() in NOT_PEOPLE for word in words)
            ):
                self._names.append((match.start(), name))
        # A surname alone ("Kelly") is another mention of the full name met before it.
        by_surname: dict[str, list[tuple[int, str]]] = {}
        for offset, name in self._names:
            by_surname.setdefault(name.split()[-1], []).append((offset, name))
        if by_surname:
            surnames = "|".join(
                re.escape(word) for word in sorted(by_surname, key=len, reverse=True)
            )
            starts = [offset for offset, _ in self._names]
            ends = [offset + len(name) for offset, name in self._names]
            alone: list[tuple[int, str]] = []
            for match in re.finditer(rf"\b(?:{surnames})\b", self.text):
                inside = bisect.bisect_right(starts, match.start()) - 1
                if inside >= 0 and ends[inside] > match.start():
                    continue  # part of the full name itself
                earlier = by_surname[match.group()]
                before = bisect.bisect_right(earlier, (match.start(), "")) - 1
                if before >= 0:
                    alone.append((match.start(), earlier[before][1]))
            self._names = sorted(self._names + alone)
        self._offsets = [offset for offset, _ in self._names]
        self._registry: dict[str, str] = {}
        for speaker in self.registry:
            for known in (speaker.name, *speaker.aliases):
                self._registry.setdefault(known.casefold(), speaker.name)

    def note_speaker(self, offset: int, name: str) -> None:
        """Remember that a quote at ``offset`` was attributed to ``name`` (for pronouns)."""
        if name:
            bisect.insort(self._speakers, (offset, name))

    def _full_name(self, name: str, offset: int) -> str:
        last = surname(name)
        before = bisect.bisect_right(self._offsets, offset)
        for index in range(before - 1, -1, -1):
            full = self._names[index][1]
            if surname(full) == last and len(full.split()) > len(name.split()):
                return full
        for _, full in self._names[before:]:
            if surname(full) == last and len(full.split()) > len(name.split()):
                return full
        return name

    def _registered(self, name: str) -> str:
        found = self._registry.get(name.casefold())
        if found is not None:
            return found
        last = surname(name)
        matches = {known for key, known in self._registry.items() if surname(key) == last}
        if len(matches) == 1 and len(name.split()) == 1:
            return matches.pop()
        return name

    def resolve(self, mention: str, offset: int) -> str:
        """The person a mention at ``offset`` refers to, as a name ("" when unknown)."""
        words = mention.split()
        if not words:
            return ""
        if len(words) == 1 and words[0].casefold() in PERSONAL_PRONOUNS:
            return self.nearest_before(offset)
        cleaned = clean_name(mention)
        name = cleaned or " ".join(words)
        if (
            not cleaned
            or not name[:1].isupper()
            or words[0].casefold() in _DETERMINERS
            or name.casefold() in GROUPS
        ):
            # "a source", "The minister", "officials": a description, not a name.
            return self._registry.get(name.casefold(), "")
        if len(name.split()) == 1:
            name = self._full_name(name, offset)
        return self._registered(name)

    def nearest_before(self, offset: int) -> str:
        """The speaker of the nearest quote before ``offset``, else the nearest person named."""
        best_offset, best = -1, ""
        index = bisect.bisect_left(self._speakers, (offset, "")) - 1
        if index >= 0:
            best_offset, best = self._speakers[index]
        name_index = bisect.bisect_left(self._offsets, offset) - 1
        if name_index >= 0 and self._names[name_index][0] > best_offset + self.reach:
            best = self._registered(self._names[name_index][1])
        return best
