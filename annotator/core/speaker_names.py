"""Which source mentions name a speaker, and which names are one speaker.

A mention is where the text names who speaks; a registry speaker is a person
or organisation across the corpus. The rules, in order:

1. **Not a speaker**: personal pronouns ("he", "they"), relative and
   demonstrative pronouns ("which", "that", "who", "this"), and generic
   descriptions, i.e. mentions with no capitalised word after their first
   ("the campaign", "officials", "The spokesman", "a senior aide"). These
   stay mentions without a registry speaker.
2. **Name normalisation**: white space collapsed; of an apposition the part
   that is a name ("His opponent, Rep. Alan Grayson"); outer punctuation, a
   possessive "'s" and leading determiners dropped; of a capitalised head with
   a qualifier ("Democrats on the committee") the head; then everything up to the
   last title word ("Mr.", "Sen.", "President", "Secretary", "Judge", ...)
   or lower-case descriptor ("pollster") before the name: "Mr. Trump" ->
   "Trump", "Secretary of State Rex Tillerson" -> "Rex Tillerson", "Texas
   Sen. Ted Cruz" -> "Ted Cruz". The mention is then checked by rule 1.
3. **Within one document**: a one-word name is the full name (two or more
   words) ending in it when the document has exactly one such name ("Trump"
   -> "Donald Trump"); a longer name ending in exactly one shorter full name
   of the document is that name.

Across documents the registry matches names and aliases ignoring case.
Merges beyond these rules are only proposed (:func:`suggest_merges`) for a
person to review, never made silently.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from annotator.core.model import Speaker
from annotator.core.names import PERSONAL_PRONOUNS, RELATIVE_PRONOUNS

PRONOUNS = PERSONAL_PRONOUNS | RELATIVE_PRONOUNS
# Words that open a description rather than a name.
_DETERMINERS = frozenset(
    "the a an some many several most all both other others another each every few any no "
    "such one two three four five six seven eight nine ten".split()
)
# Words of a title or office: a name starts after the last of them ("Texas Sen.
# Ted Cruz", "AFL-CIO President Richard Trumka"); compared without case and final dot.
_TITLE_WORDS = frozenset(
    "mr mrs ms miss mx dr prof professor sen senator rep representative gov governor "
    "president vice secretary speaker mayor judge justice gen general rev sir dame lord lady "
    "chairman chairwoman chair leader candidate nominee former director minister "
    "chancellor attorney ambassador commissioner sheriff lt col sgt capt adm".split()
)
_LONG_TITLES = ("secretary of state", "secretary of defense", "attorney general", "chief of staff")
# Lower-case words that belong inside names ("Bank of America", "Ludwig van Beethoven").
_CONNECTORS = frozenset("of for and the de du da di van von der la le al bin y".split())
_OUTER = "\"'“”‘’«»()[],.;:!?-—– "
_SENTENCE_END = ".!?\"“”'’\n"


# A name joining several people: "Hillary Clinton and Donald Trump", "Pence & Trump".
_SEVERAL = re.compile(r"(?:^|\s)(?:and|&|or)(?:\s|$)", re.IGNORECASE)


def _words(name: str) -> list[str]:
    return name.split()


def _is_capitalised(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].isupper()


def is_pronoun(name: str) -> bool:
    return " ".join(name.split()).strip(_OUTER).casefold() in PRONOUNS


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in _SENTENCE_END


@functools.lru_cache(maxsize=8)
def _words_of(text: str) -> frozenset[str]:
    """The words of a document as written (a few documents are asked about at a time)."""
    return frozenset(re.findall(r"\w+(?:[’'-]\w+)*", text))


def is_description(name: str, text: str = "", start: int = 0) -> bool:
    """Whether a mention describes rather than names: no capitalised word after the first.

    A capitalised single word is a description when it opens a sentence and
    the document also uses it in lower case ("Officials said" beside "officials").
    """
    words = _words(name.strip(_OUTER))
    if not words:
        return True
    if any(_is_capitalised(word) for word in words[1:]):
        return False
    first = words[0]
    if not _is_capitalised(first):
        return True
    if first.casefold().rstrip(".") in _DETERMINERS or first.casefold() in PRONOUNS:
        return True
    if len(words) == 1:
        lower = first.strip(_OUTER).lower()
        initial = not text or _sentence_initial(text, start)
        return initial and lower in _words_of(text)
    # "Senior officials", "American diplomats", "Clinton aides": one capital is no name.
    return True


def _name_part(name: str) -> str:
    """Of an apposition ("His opponent, Rep. Alan Grayson"), the part that is a name."""
    parts = [part.strip(_OUTER) for part in name.split(",")]
    for part in parts:
        words = _words(part)
        while words and words[0].casefold() in _DETERMINERS | PRONOUNS:
            words = words[1:]
        if words and not is_description(" ".join(words)):
            return part
    return parts[0]


# Words after which a mention only qualifies its head ("Democrats on the committee").
_QUALIFIERS = frozenset("on at from in with to who which that whose".split())


def _head(words: list[str]) -> list[str]:
    """The words before a qualifier, when the mention opens with a capitalised head."""
    for index, word in enumerate(words[1:], start=1):
        if word in _QUALIFIERS:
            return words[:index] if _is_capitalised(words[0]) else []
    return []


@functools.lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """A name without titles, descriptors, possessive and outer punctuation (rule 2).

    Applied until nothing changes: "a count by The Associated Press" loses
    "a count by", then "The".
    """
    for _ in range(4):
        shorter = _normalise_once(name)
        if shorter == name:
            break
        name = shorter
    return name


def _normalise_once(name: str) -> str:
    name = _name_part(" ".join(name.split()).strip(_OUTER))
    words = [w for w in _words(name) if any(c.isalnum() for c in w)]
    while len(words) > 1 and words[0].casefold() in _DETERMINERS | PRONOUNS:
        words = words[1:]
    folded = " ".join(words).casefold()
    for title in _LONG_TITLES:
        if folded.startswith(title + " "):
            words = words[len(title.split()) :]
            break
    head = _head(words)
    if head:
        words = head
    cut = 0
    for index, word in enumerate(words[:-1]):
        folded = word.casefold().rstrip(".")
        rest = words[index + 1 :]
        if not _is_capitalised(rest[0]) or not all(
            _is_capitalised(w) or w in _CONNECTORS for w in rest
        ):
            continue
        if folded in _TITLE_WORDS or (not _is_capitalised(word) and folded not in _CONNECTORS):
            if folded in _TITLE_WORDS or len(rest) >= 2:
                cut = index + 1
    return re.sub(r"[’']s$", "", " ".join(words[cut:]).strip(_OUTER)).strip(_OUTER)


def mention_name(text: str, mention: tuple[int, int] | None) -> str | None:
    """The name a mention gives (rules 1 and 2), or None when it names no speaker."""
    if mention is None:
        return None
    raw = " ".join(text[mention[0] : mention[1]].split())
    if not raw or is_pronoun(raw):
        return None
    name = normalise(raw)
    # Sentence position only tells for a name that opens the mention.
    opens = raw.strip(_OUTER).startswith(name)
    if not name or is_pronoun(name) or _partitive(raw):
        return None
    if is_description(name, text if opens else "", mention[0]):
        return None
    return name


def _partitive(raw: str) -> bool:
    """ "a majority of Americans", "Only a quarter of voters": a share of a group, no one."""
    words = _words(raw)
    if "of" not in words[1:]:
        return False
    before = words[words.index("of", 1) - 1]
    return not _is_capitalised(before) and before.casefold() not in _TITLE_WORDS


def group_in_document(names: Iterable[str]) -> dict[str, str]:
    """Each name of one document and the name it stands for there (rule 3)."""
    distinct = list(dict.fromkeys(names))
    full = [n for n in distinct if len(_words(n)) >= 2 and not _SEVERAL.search(n)]
    grouped: dict[str, str] = {}
    for name in distinct:
        words = [w.casefold() for w in _words(name)]
        if _SEVERAL.search(name):
            matches = set()  # "Hillary Clinton and Donald Trump" stays as it is
        elif len(words) == 1:
            matches = {f for f in full if _words(f)[-1].casefold() == words[0]}
        else:
            matches = {
                f
                for f in full
                if len(_words(f)) < len(words)
                and [w.casefold() for w in _words(f)] == words[-len(_words(f)) :]
            }
        folded = {m.casefold() for m in matches}
        grouped[name] = min(matches, key=len) if len(folded) == 1 else name
    return grouped


def document_speakers(text: str, mentions: Sequence[tuple[int, int] | None]) -> list[str | None]:
    """The speaker name of each mention of one document, by rules 1 to 3."""
    names = [mention_name(text, mention) for mention in mentions]
    grouped = group_in_document(n for n in names if n is not None)
    return [grouped[n] if n is not None else None for n in names]


@dataclass(frozen=True)
class MergeProposal:
    """Fold ``drop`` into ``keep``, for a person to confirm."""

    keep: Speaker
    drop: Speaker
    reason: str


def suggest_merges(
    speakers: Sequence[Speaker], quotes: Mapping[int, int] | None = None
) -> list[MergeProposal]:
    """Registry speakers that look like one person, by the rules above; none is merged here.

    Proposed: two speakers whose names are the same after normalisation
    ("Mr. Trump", "Trump"); a one-word name and the longer name ending in it
    ("Trump", "Donald Trump"): the only one, else the one with the most
    ``quotes`` (speaker id -> count); a name ending in exactly one shorter
    full name ("Republican nominee Donald Trump", "Donald Trump"), unless it
    joins several people ("Hillary Clinton and Donald Trump"). Names that
    differ only in case are one speaker already (the registry ignores case).
    """
    counts = quotes or {}
    proposals: list[MergeProposal] = []
    dropped: set[int] = set()
    by_normal: dict[str, list[Speaker]] = {}
    for speaker in speakers:
        by_normal.setdefault(normalise(speaker.name).casefold(), []).append(speaker)
    for group in by_normal.values():
        if len(group) < 2:
            continue
        keep = max(group, key=lambda s: (counts.get(s.id, 0), -len(s.name), s.name))
        for other in group:
            if other.id != keep.id:
                proposals.append(MergeProposal(keep, other, "the same name without titles"))
                dropped.add(other.id)
    remaining = [s for s in speakers if s.id not in dropped]
    full = [s for s in remaining if len(_words(normalise(s.name))) >= 2]
    by_last: dict[str, list[Speaker]] = {}
    for speaker in full:
        by_last.setdefault(_words(normalise(speaker.name))[-1].casefold(), []).append(speaker)
    for speaker in remaining:
        words = [w.casefold() for w in _words(normalise(speaker.name))]
        if len(words) == 1:
            candidates = by_last.get(words[0], [])
            ranked = sorted(candidates, key=lambda s: -counts.get(s.id, 0))
            if len(ranked) == 1 or (
                len(ranked) > 1 and counts.get(ranked[0].id, 0) > counts.get(ranked[1].id, 0)
            ):
                reason = (
                    "a surname of one full name"
                    if len(ranked) == 1
                    else f"a surname of {len(ranked)} full names; this one has the most quotes"
                )
                proposals.append(MergeProposal(ranked[0], speaker, reason))
            continue
        if _SEVERAL.search(speaker.name):
            continue  # "Hillary Clinton and Donald Trump" is not Donald Trump
        shorter = [
            other
            for other in by_last.get(words[-1], [])
            if len(_words(normalise(other.name))) < len(words)
            and [w.casefold() for w in _words(normalise(other.name))]
            == words[-len(_words(normalise(other.name))) :]
        ]
        if len(shorter) == 1:
            proposals.append(MergeProposal(shorter[0], speaker, "ends in one shorter full name"))
    return proposals
