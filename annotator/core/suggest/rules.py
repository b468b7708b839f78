"""The rules engine: quotations by their marks, cues and speakers by patterns around them.

No dependency and no model: about a millisecond for a 1,000-word article.

- A quotation is a direct quote when it stands as a clause of its own (it
  opens a paragraph or a sentence, or follows a cue, a colon or a comma);
  one in the middle of a clause ("called it “a disgrace”") is a partial
  quote and belongs to the indirect quote around it, if any.
- Scare quotes and titles (one or two words, or a few capitalised words
  with no sentence punctuation, and no cue beside them) are not quotes.
- ``“…,” he said. “…”``: the pieces either side of a bare attribution are one
  quote. A quotation over several paragraphs is one quote (see
  :mod:`~annotator.core.suggest.quotation`).
- The speaker is the mention beside the cue, resolved by
  :class:`~annotator.core.suggest.names.People`; a quotation without a cue
  (a paragraph that goes on quoting the last speaker) gets the last speaker,
  with a lower confidence.
- Indirect quotes (``X said that …``, ``…, X said.``, ``According to X, …``)
  come with a lower confidence still.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from annotator.core.codebook import SpanRule
from annotator.core.model import Speaker
from annotator.core.suggest import cues
from annotator.core.suggest.base import DEFAULT_RULE, Proposal
from annotator.core.suggest.names import People
from annotator.core.suggest.quotation import DOUBLE_MARKS, Quotation, find_quotations, paragraphs
from annotator.core.suggest.sentences import sentences
from annotator.core.text import apply_rule

# Confidence of each kind of proposal.
ATTRIBUTED = 0.95
CONTINUED = 0.75
UNCLOSED = 0.5
INDIRECT = 0.5
BELIEF = 0.35

_CLAUSE_BEFORE = ":,;.!?—–-([…"
_SENTENCE_PUNCTUATION = ".,!?;:…—–-"
_LAST_SENTENCE_END = re.compile(r".*[.!?][”\"’]?\s+", re.DOTALL)
_WORDS = re.compile(r"[\w’'-]+")
_CUE_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(cues.SAY_VERBS, key=len, reverse=True))})\s*$")


class RulesEngine:
    """The default engine: see the module's description."""

    name = "rules"

    def propose(
        self,
        text: str,
        speakers: Sequence[Speaker] = (),
        rule: SpanRule = DEFAULT_RULE,
    ) -> list[Proposal]:
        people = People(text, speakers)
        paras = paragraphs(text)
        direct = _direct(text, paras, people)
        taken = [(p.spans[0][0], p.spans[-1][1]) for p in direct]
        indirect = _indirect(text, paras, people, taken)
        found = [_apply_rule(text, p, rule) for p in direct] + indirect
        found.sort(key=lambda p: p.spans[0])
        return found


def _paragraph_of(paras: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    low, high = 0, len(paras) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if paras[middle][0] <= offset:
            low = middle
        else:
            high = middle - 1
    return paras[low]


def _stands_alone(text: str, para_start: int, start: int) -> bool:
    """Whether a quotation opening at ``start`` begins a clause of its own."""
    before = text[para_start:start].rstrip()
    if not before or before[-1] in _CLAUSE_BEFORE:
        return True
    return _CUE_BEFORE.search(before[-30:]) is not None


def _is_scare(text: str, quotation: Quotation, attributed: bool) -> bool:
    """Scare quotes, titles and terms: short, or title-like, and no cue beside them."""
    if attributed:
        return False
    inner = text[quotation.start + 1 : quotation.end - (1 if quotation.closed else 0)]
    words = _WORDS.findall(inner)
    if len(words) <= 2:
        return True
    if not quotation.closed:
        return False  # runs to the end of its paragraph: a sentence, not a title
    last = inner.rstrip()[-1:]
    if len(words) <= 6 and last not in _SENTENCE_PUNCTUATION:
        return True
    return len(words) <= 8 and all(w[:1].isupper() or len(w) <= 3 for w in words)


def _attribution_before(text: str, para_start: int, start: int) -> cues.Attribution | None:
    window_start = max(para_start, start - 240)
    head = _LAST_SENTENCE_END.match(text, window_start, start)
    if head is not None:
        window_start = head.end()
    if window_start >= start:
        return None
    return cues.before(text, window_start, start)


def _direct(text: str, paras: list[tuple[int, int]], people: People) -> list[Proposal]:
    quotations = find_quotations(text)
    found: list[Proposal] = []
    index = 0
    while index < len(quotations):
        quotation = quotations[index]
        index += 1
        para_start, para_end = _paragraph_of(paras, quotation.start)
        if not _stands_alone(text, para_start, quotation.start):
            continue
        pieces = list(quotation.pieces)
        closed = quotation.closed
        after = cues.after(text, quotation.end, para_end) if closed else None
        # “…,” he said. “…” — the next quotation goes on with this one.
        while after is not None and index < len(quotations):
            following = quotations[index]
            # Titles and scare quotes inside the attribution ("on Fox News’s “Fox and
            # Friends.”") do not end it.
            skip = index
            while (
                skip + 1 < len(quotations)
                and _paragraph_of(paras, following.start)[0] == para_start
                and (
                    not _stands_alone(text, para_start, following.start)
                    or _is_scare(text, following, attributed=False)
                )
            ):
                skip += 1
                following = quotations[skip]
            gap_end = following.start
            if _paragraph_of(paras, following.start)[0] != para_start:
                break
            if not _bare_gap(text, after[1], gap_end):
                break
            if not _stands_alone(text, para_start, following.start) or _is_scare(
                text, following, attributed=False
            ):
                break
            next_para_end = _paragraph_of(paras, following.end)[1]
            if following.closed and cues.after(text, following.end, next_para_end):
                break
            pieces.extend(following.pieces)
            closed = following.closed
            index = skip + 1
        attribution = after[0] if after is not None else None
        if attribution is None or _CUE_BEFORE.search(text, para_start, quotation.start):
            # "X declared “…,” while Y said …": the cue right before the mark wins.
            attribution = _attribution_before(text, para_start, quotation.start) or attribution
        if _is_scare(text, quotation, attribution is not None) and len(pieces) == 1:
            continue
        if attribution is not None:
            mention = text[attribution.mention[0] : attribution.mention[1]]
            speaker = people.resolve(mention, attribution.mention[0])
            confidence = ATTRIBUTED if closed else UNCLOSED
        else:
            speaker = people.nearest_before(quotation.start)
            confidence = CONTINUED if closed else UNCLOSED
        people.note_speaker(quotation.start, speaker)
        found.append(
            Proposal(
                spans=tuple(pieces),
                mention=attribution.mention if attribution else None,
                cue=attribution.cue if attribution else None,
                speaker=speaker,
                quote_type="direct",
                confidence=confidence,
            )
        )
    found.extend(_headlines(text, paras, people, found))
    found.sort(key=lambda p: p.spans[0])
    return found


def _headlines(
    text: str, paras: list[tuple[int, int]], people: People, taken: list[Proposal]
) -> list[Proposal]:
    """``Name: ‘…’`` paragraphs (headlines), which single marks hide from the quotation finder."""
    found = []
    for para_start, para_end in paras:
        match = cues.HEADLINE.match(text, para_start, para_end)
        if match is None:
            continue
        start, end = match.span("quote")
        if any(p.spans[0][0] < end and start < p.spans[-1][1] for p in taken):
            continue
        mention = match.span("mention")
        found.append(
            Proposal(
                spans=((start, end),),
                mention=mention,
                cue=match.span("cue"),
                speaker=people.resolve(match.group("mention"), mention[0]),
                quote_type="direct",
                confidence=CONTINUED,
            )
        )
    return found


def _bare_gap(text: str, start: int, end: int) -> bool:
    """Whether the rest of an attribution, up to the next quotation, is short."""
    return end - start <= 250


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def _content_end(text: str, start: int, end: int) -> int:
    """The end of indirect content running to a sentence end: the full stop left out."""
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] in ".!?…;:" and text[end - 1] not in DOUBLE_MARKS:
        end -= 1
    return end


def _indirect(
    text: str,
    paras: list[tuple[int, int]],
    people: People,
    taken: list[tuple[int, int]],
) -> list[Proposal]:
    found: list[Proposal] = []
    for para_start, para_end in paras:
        for start, end in sentences(text, para_start, para_end):
            if _overlaps(start, end, taken):
                continue
            proposal = _indirect_in(text, start, end, people)
            if proposal is not None:
                people.note_speaker(start, proposal.speaker)
                found.append(proposal)
    return found


def _indirect_in(text: str, start: int, end: int, people: People) -> Proposal | None:
    sentence = text[start:end]
    content: tuple[int, int] | None = None
    match = cues.ACCORDING_LEADING.match(sentence)
    if match is not None:
        content = (start + match.start("content"), _content_end(text, start, end))
    if content is None:
        for pattern in (
            cues.ACCORDING_TRAILING,
            cues.INDIRECT_TRAILING_INVERTED,
            cues.INDIRECT_TRAILING,
        ):
            match = pattern.search(sentence)
            if match is not None:
                content = (start, start + match.start())
                break
    if content is None:
        match = cues.INDIRECT_MENTION_CUE.search(sentence)
        if match is not None:
            content = (start + match.start("content"), _content_end(text, start, end))
    if match is None or content is None or len(_WORDS.findall(text[content[0] : content[1]])) < 3:
        return None
    mention_text = match.group("mention")
    mention = (start + match.start("mention"), start + match.end("mention"))
    cue = (start + match.start("cue"), start + match.end("cue"))
    quoted = any(mark in text[content[0] : content[1]] for mark in DOUBLE_MARKS)
    belief = match.group("cue") in cues.THINK_VERBS
    return Proposal(
        spans=(content,),
        mention=mention,
        cue=cue,
        speaker=people.resolve(mention_text, mention[0]),
        quote_type="mixed" if quoted else "indirect",
        confidence=BELIEF if belief else INDIRECT,
    )


def _apply_rule(text: str, proposal: Proposal, rule: SpanRule) -> Proposal:
    """Cut a direct quote's pieces by the project's span rule, as a coder's selection is.

    Under the default rule (``as_selected``) pieces stay from mark to mark.
    """
    if rule == DEFAULT_RULE:
        return proposal
    pieces = []
    for start, end in proposal.spans:
        span = apply_rule(text, start, end, rule)
        if span is not None:
            pieces.append((span.start, span.end))
    if not pieces:
        return proposal
    return replace(proposal, spans=tuple(pieces))
