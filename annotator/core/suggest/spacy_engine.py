"""The spaCy engine (optional): the rules' direct quotes, and indirect ones from the parse.

Needs the ``nlp`` extra (spaCy) and an installed English pipeline package
with a parser; nothing is ever downloaded at run time. :func:`missing` says
in one line what to install when either is absent.

Direct quotes and their speakers come from the rules engine. The parse adds
what rules cannot see: a verb of saying or thinking with a subject and a
clausal complement ("Officials said the talks had stalled") is an indirect
quote whose content is the complement's subtree and whose mention is the
subject's.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Sequence
from functools import cache
from typing import Any

from annotator.core.codebook import SpanRule
from annotator.core.model import Speaker
from annotator.core.suggest.base import DEFAULT_RULE, EngineUnavailable, Proposal
from annotator.core.suggest.names import People
from annotator.core.suggest.rules import BELIEF, INDIRECT, RulesEngine

log = logging.getLogger("annotator.suggest.spacy")

HOW_TO_INSTALL = (
    "the spacy engine needs spaCy and an English pipeline: "
    "pip install 'quote-annotator[nlp]' && python -m spacy download en_core_web_sm"
)
# Pipelines tried first, most accurate first; any other English pipeline with a parser follows.
PREFERRED = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
SAY_LEMMAS = frozenset(
    """say tell add claim argue insist state declare warn note explain write tweet
    announce acknowledge admit suggest predict contend stress complain charge caution
    conclude confirm report maintain vow promise urge reply respond answer recall
    testify""".split()
)
THINK_LEMMAS = frozenset(
    """believe think feel expect hope fear find show reveal ask wish plan demand deny
    agree disagree estimate indicate accuse criticize call describe suggest seem
    appear""".split()
)


# Verbs whose object is what was attributed ("called the plan a disaster").
OBJECT_LEMMAS = frozenset(
    "call describe criticize accuse praise endorse support blame defend dismiss".split()
)


def _english_pipelines() -> list[str]:
    """Installed pipeline packages for English that have a parser, best first."""
    if importlib.util.find_spec("spacy") is None:
        return []
    import spacy.util

    found = []
    for name in spacy.util.get_installed_models():
        try:
            meta = spacy.util.get_model_meta(spacy.util.get_package_path(name))
        except (OSError, ValueError) as error:
            log.info("skipping pipeline %s: %s", name, error)
            continue
        if meta.get("lang") == "en" and "parser" in meta.get("pipeline", ()):
            found.append(name)
    rank = {name: index for index, name in enumerate(PREFERRED)}
    return sorted(found, key=lambda name: (rank.get(name, len(rank)), name))


def missing() -> str:
    """Why the engine cannot run here, in one line; "" when it can."""
    if importlib.util.find_spec("spacy") is None or not _english_pipelines():
        return HOW_TO_INSTALL
    return ""


@cache
def _load(name: str) -> Any:
    import spacy

    return spacy.load(name, exclude=["ner"])


def load(pipeline: str | None = None) -> SpacyEngine:
    """The engine on ``pipeline`` (default: the best installed English one)."""
    names = _english_pipelines()
    if pipeline is None:
        if not names:
            raise EngineUnavailable(HOW_TO_INSTALL)
        pipeline = names[0]
    elif pipeline not in names:
        raise EngineUnavailable(f"no English pipeline {pipeline!r} installed; {HOW_TO_INSTALL}")
    return SpacyEngine(pipeline, _load(pipeline))


class SpacyEngine:
    """Rules for direct quotes; the dependency parse for indirect ones."""

    name = "spacy"

    def __init__(self, pipeline: str, nlp: Any) -> None:
        self.pipeline = pipeline
        self._nlp = nlp
        self._rules = RulesEngine()

    def propose(
        self,
        text: str,
        speakers: Sequence[Speaker] = (),
        rule: SpanRule = DEFAULT_RULE,
    ) -> list[Proposal]:
        by_rules = self._rules.propose(text, speakers, rule)
        direct = [p for p in by_rules if p.quote_type == "direct"]
        taken = [(p.spans[0][0], p.spans[-1][1]) for p in direct]
        people = People(text, speakers)
        for proposal in direct:
            people.note_speaker(proposal.start, proposal.speaker)
        found = list(direct)
        for token in self._nlp(text):
            indirect = _attribution(text, token, people)
            if indirect is None:
                continue
            start, end = indirect.spans[0]
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append(indirect)
        # Where the parse found nothing, the rules' patterns may have.
        for proposal in by_rules:
            start, end = proposal.spans[0]
            if not any(start < t_end and t_start < end for t_start, t_end in taken):
                taken.append((start, end))
                found.append(proposal)
        found.sort(key=lambda p: p.spans[0])
        return found


def _attribution(text: str, token: Any, people: People) -> Proposal | None:
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") or lemma not in SAY_LEMMAS | THINK_LEMMAS | OBJECT_LEMMAS:
        return None
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    complements = [c for c in token.children if c.dep_ in ("ccomp", "xcomp")]
    if not complements and lemma in OBJECT_LEMMAS:
        complements = [c for c in token.children if c.dep_ == "dobj"]
    if not subjects or not complements:
        return None
    subject, complement = subjects[0], complements[0]
    if subject.lower_ in ("it", "this", "that", "which", "what"):
        return None
    tokens = list(complement.subtree)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    while end > start and text[end - 1] in ".,;:":
        end -= 1
    if len(tokens) < (2 if complement.dep_ == "dobj" else 3) or start >= end:
        return None
    mention_tokens = list(subject.subtree)
    mention = (mention_tokens[0].idx, mention_tokens[-1].idx + len(mention_tokens[-1]))
    quoted = any(mark in text[start:end] for mark in '“”"')
    return Proposal(
        spans=((start, end),),
        mention=mention,
        cue=(token.idx, token.idx + len(token)),
        speaker=people.resolve(text[mention[0] : mention[1]], mention[0]),
        quote_type="mixed" if quoted else "indirect",
        confidence=INDIRECT if lemma in SAY_LEMMAS else BELIEF,
    )
