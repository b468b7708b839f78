"""Cues and speaker mentions: the words beside a quotation that say who said it.

Everything here reads a short stretch of one sentence next to a quotation:
``,” Caddell said.`` after it, ``He told reporters: “`` before it. Patterns
are anchored at the quotation, so a whole article costs a few regex runs per
quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Verbs of saying, in the forms news prose uses for attribution.
_SAY_VERBS = """said says say saying told tells telling added adds adding asked asks
    wrote writes tweeted tweets posted explained explains noted notes argued argues
    insisted insists claimed claims stated declared declares warned warns
    continued continues recalled recalls replied replies responded responds
    answered answers acknowledged acknowledges admitted admits announced announces
    observed observes remarked remarks suggested suggests predicted predicts joked
    jokes quipped quips conceded concedes contended contends countered counters
    stressed stresses emphasized emphasizes complained complains charged charges
    cautioned cautions concluded concludes confirmed confirms shouted shouts
    yelled yells exclaimed exclaims reported reports maintained maintains vowed vows
    promised promises urged urges pointed declared boasted boasts mused muses
    testified testifies read reads began begins chanted chant chanting""".split()
SAY_VERBS = frozenset(_SAY_VERBS)
# Verbs that report a belief or finding rather than words; cues of indirect quotes only.
THINK_VERBS = frozenset(
    """believes believe believed thinks think thought feels feel felt knows know
    expects expect expected hopes hope hoped fears fear feared found find finds
    shows show showed suggest revealed reveals indicated indicates announced""".split()
)
_AUXILIARIES = (
    r"(?:has|have|had|also|later|then|previously|earlier|once|again|would|will|"
    r"had\s+previously|has\s+long|has\s+also|just|recently|later|further|simply)"
)
_ADVERB = r"(?:\w+ly\s+)?"
_VERB = r"(?:" + "|".join(sorted(SAY_VERBS, key=len, reverse=True)) + r")"
_THINK = r"(?:" + "|".join(sorted(THINK_VERBS, key=len, reverse=True)) + r")"

# A speaker mention: a pronoun, a name with its titles, or a short noun phrase.
_CAP = r"(?:[A-Z][\w’'.-]*|[A-Z]\.)"
_NAME = rf"{_CAP}(?:\s+(?:(?:de|van|von|al|bin|of|the)\s+)?{_CAP}){{0,5}}(?:\s+\([^)]{{1,20}}\))?"
_PRONOUN = r"(?:he|she|they|we|I|He|She|They|We|it|It)"
_DETERMINER = r"(?:the|a|an|one|another|two|three|several|some|many|his|her|their|its|our|The|A|An)"
_PHRASE = rf"{_DETERMINER}(?:\s+[\w’'-]+){{1,4}}?"
_PLURAL = (
    r"(?:officials|sources|aides|analysts|experts|critics|supporters|advisers|advisors|"
    r"lawmakers|officers|investigators|prosecutors|witnesses|residents|voters|people|"
    r"Republicans|Democrats|police|authorities)"
)
MENTION = rf"(?:{_NAME}|{_PRONOUN}|{_PHRASE}|{_PLURAL})"
# A name with a description before it: "White House press secretary Josh Earnest".
_CONNECTIVES = r"(?:while|and|but|as|when|after|before|because|though|although|whereas|if)"
_DESCRIBED = rf"(?!{_CONNECTIVES}\b)(?:[\w’'.-]+\s+){{1,6}}?{_NAME}"
# What a cue may take after it before the quotation: an object ("told reporters").
_OBJECT = rf"(?:\s+(?:{_NAME}|{_PHRASE}|reporters|supporters|the crowd|me|us|him|her|them))?"
_APPOSITIVE = r"(?:,\s+[^,“”\"]{1,80}?,)?"
# After a closing mark the attribution is anchored, so a long description may stand
# between name and cue: "Leonard E. Burman, director of …, a professor at …, said".
_LONG_APPOSITIVE = r"(?:,\s+[^“”\"]{1,200}?,)?"

# ``,” Caddell said`` / ``,” he told reporters`` after a closing mark.
AFTER_MENTION_CUE = re.compile(
    rf"\s*[,—–-]?\s*(?P<mention>{MENTION}|{_DESCRIBED}){_LONG_APPOSITIVE}\s+(?:{_AUXILIARIES}\s+)?{_ADVERB}"
    rf"(?P<cue>{_VERB})\b"
)
# ``,” said Pat Caddell`` after a closing mark.
AFTER_CUE_MENTION = re.compile(
    rf"\s*[,—–-]?\s*(?P<cue>{_VERB})\s+(?P<mention>{_NAME}|{_PHRASE}|{_PLURAL}|he|she|they)\b"
)
# ``” ― Francisco Herrero`` (a dash and a name ending the paragraph) after a closing mark.
AFTER_DASH = re.compile(rf"\s*(?P<cue>[―—–])\s*(?P<mention>{_NAME})[.,]?\s*(?:\n|$)")
# ``,” according to Caddell`` after a closing mark.
AFTER_ACCORDING = re.compile(rf"\s*[,—–-]?\s*(?P<cue>according to)\s+(?P<mention>{MENTION})")
# ``Caddell said: “`` / ``He told Breitbart News, “`` before an opening mark.
BEFORE_MENTION_CUE = re.compile(
    rf"(?P<mention>{MENTION}){_APPOSITIVE}\s+(?:{_AUXILIARIES}\s+)?{_ADVERB}(?P<cue>{_VERB})"
    rf"{_OBJECT}(?:\s+(?:in|on|at|during|to)\s+[^,:“”\"]{{1,60}})?\s*[,:]?\s*$"
)
# ``According to Caddell, “`` before an opening mark.
BEFORE_ACCORDING = re.compile(rf"(?P<cue>[Aa]ccording to)\s+(?P<mention>{MENTION})\s*,\s*$")
# ``PENCE: “`` (interviews, transcripts) before an opening mark.
BEFORE_COLON = re.compile(rf"(?:^|[.!?]\s+)(?P<mention>{_NAME})\s*(?P<cue>:)\s*$")
# A headline quoting someone: ``Tillerson: ‘But for Us, …’``.
HEADLINE = re.compile(rf"(?P<mention>{_NAME})\s*(?P<cue>:)\s+(?P<quote>[‘'\"“].+[’'\"”])$")
# How an attribution between two pieces of one quotation ends.
BETWEEN_END = re.compile(r"\s*[,.:;]?\s*$")

# Indirect quotes: ``X said (that) …``, ``…, X said.``, ``According to X, …``.
INDIRECT_MENTION_CUE = re.compile(
    rf"(?:^|(?<=[\s(]))(?P<mention>{MENTION}){_APPOSITIVE}\s+(?:{_AUXILIARIES}\s+)?{_ADVERB}"
    rf"(?P<cue>{_VERB}|{_THINK}){_OBJECT}\s+(?P<content>(?:that\s+)?[\w“\"‘'$])"
)
INDIRECT_TRAILING = re.compile(
    rf",\s+(?P<mention>{MENTION}){_APPOSITIVE}\s+(?:{_AUXILIARIES}\s+)?{_ADVERB}"
    rf"(?P<cue>{_VERB}|{_THINK})(?:{_OBJECT})?(?:\s+[^,.]{{1,40}})?\s*[.!?]?\s*$"
)
INDIRECT_TRAILING_INVERTED = re.compile(
    rf",\s+(?P<cue>said|says|added|wrote|told)\s+(?P<mention>{_NAME}|{_PHRASE}|{_PLURAL})"
    rf"(?:,\s+[^.]{{1,80}})?\s*[.!?]?\s*$"
)
ACCORDING_LEADING = re.compile(
    r"^(?P<cue>According to)\s+(?P<mention>[^,]{1,80}),\s+(?P<content>\S)"
)
ACCORDING_TRAILING = re.compile(
    r",\s+(?P<cue>according to)\s+(?P<mention>[^,.]{1,80})(?:,[^.]{1,80})?\s*[.!?]?\s*$"
)


@dataclass(frozen=True)
class Attribution:
    """Where the cue and the speaker mention are, as offsets into the text."""

    cue: tuple[int, int]
    mention: tuple[int, int]


def _found(match: re.Match[str], base: int) -> Attribution:
    cue_start, cue_end = match.span("cue")
    mention_start, mention_end = match.span("mention")
    return Attribution(
        (base + cue_start, base + cue_end), (base + mention_start, base + mention_end)
    )


def after(text: str, start: int, end: int) -> tuple[Attribution, int] | None:
    """An attribution right after a closing mark at ``start``, and where it ends."""
    for pattern in (AFTER_MENTION_CUE, AFTER_CUE_MENTION, AFTER_ACCORDING, AFTER_DASH):
        match = pattern.match(text, start, end)
        if match is not None and _plausible(match.group("mention")):
            return Attribution(match.span("cue"), match.span("mention")), match.end()
    return None


def before(text: str, start: int, end: int) -> Attribution | None:
    """An attribution that ends right before an opening mark at ``end``."""
    window = text[start:end]
    for pattern in (BEFORE_ACCORDING, BEFORE_MENTION_CUE, BEFORE_COLON):
        match = pattern.search(window)
        if match is not None and _plausible(match.group("mention")):
            return _found(match, start)
    return None


_NOT_MENTIONS = frozenset("it it’s it's this that there which what who".split())


def _plausible(mention: str) -> bool:
    words = mention.split()
    return bool(words) and words[0].casefold() not in _NOT_MENTIONS
