"""Names in article text: candidate speaker names, and the name a mention implies.

Pure functions of the text, with no store: the quote panel offers
:func:`names_in` for completion, and the format readers link speakers with
:func:`implied_speaker`.
"""

from __future__ import annotations

import re

PERSONAL_PRONOUNS = frozenset(
    "he she they it we i you him her them his hers their theirs its our ours us me my mine "
    "your yours one himself herself themselves itself ourselves myself yourself".split()
)
# "which said", "officials who spoke": relative and demonstrative pronouns name no one.
RELATIVE_PRONOUNS = frozenset(
    "who whom whose which that what whoever whomever whichever this these those".split()
)
PRONOUNS = (
    PERSONAL_PRONOUNS
    | RELATIVE_PRONOUNS
    | frozenset("the spokesman the spokeswoman the spokesperson".split())
)

# Runs of two or more capitalised words: the names a news article mentions.
_NAME = re.compile(
    r"\b[A-Z][\w’'-]+(?:[ \u00a0]+(?:[A-Z][\w’'-]+|de|van|von|bin))*"
    r"[ \u00a0]+[A-Z][\w’'-]+"
)


def is_pronoun(name: str) -> bool:
    return name.casefold() in PRONOUNS


def implied_speaker(text: str, mention: tuple[int, int] | None) -> str | None:
    """The registry name a speaker mention implies: its text, unless a pronoun ("he").

    Formats that store only the mention link the speaker this way on import,
    and write a speaker name only where it differs from this.
    """
    if mention is None:
        return None
    name = " ".join(text[mention[0] : mention[1]].split())
    return None if not name or is_pronoun(name) else name


def names_in(text: str) -> list[str]:
    """Candidate speaker names found in an article, in order of first appearance."""
    found: dict[str, None] = {}
    for match in _NAME.finditer(text):
        words = match.group().split()
        # Titles come first in news style ("Foreign Secretary Luis Videgaray"),
        # so every tail of two or more words is a candidate too.
        for start in range(len(words) - 1):
            found.setdefault(" ".join(words[start:]), None)
    return list(found)
