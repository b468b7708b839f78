"""What every suggestion engine takes and gives: text in, proposed quotes out.

An engine is anything with a ``name`` and a ``propose`` method (see
:class:`Engine`); :mod:`annotator.core.suggest` lists the engines this
installation can run. Proposals carry names, not registry ids, so an engine
never touches the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from annotator.core.errors import AnnotatorError, InvalidValue
from annotator.core.model import Speaker

# The span rule's vocabulary, shared with the project's codebook setting.
MARKS_INCLUDE, MARKS_EXCLUDE = "include", "exclude"
PUNCTUATION_KEEP, PUNCTUATION_DROP = "keep", "drop"


class EngineUnavailable(AnnotatorError):
    """An engine cannot run here; the message says in one line how to make it run."""


@dataclass(frozen=True)
class ContentRule:
    """How a proposed quote's content is cut at its quotation marks.

    The default is PolNeAR's: the marks and the punctuation inside them (the
    comma of ``“…,” she said``) are part of the content. ``exclude`` leaves the
    marks out; ``drop`` also leaves out a comma, colon or semicolon just
    inside the closing mark (a full stop, question or exclamation mark that
    ends the quoted sentence stays).
    """

    quotation_marks: str = MARKS_INCLUDE
    punctuation: str = PUNCTUATION_KEEP

    def __post_init__(self) -> None:
        if self.quotation_marks not in (MARKS_INCLUDE, MARKS_EXCLUDE):
            raise InvalidValue(
                f"quotation marks must be {MARKS_INCLUDE} or {MARKS_EXCLUDE}, "
                f"not {self.quotation_marks!r}"
            )
        if self.punctuation not in (PUNCTUATION_KEEP, PUNCTUATION_DROP):
            raise InvalidValue(
                f"punctuation must be {PUNCTUATION_KEEP} or {PUNCTUATION_DROP}, "
                f"not {self.punctuation!r}"
            )


DEFAULT_RULE = ContentRule()


@dataclass(frozen=True)
class Proposal:
    """One proposed quote. Offsets are code-point indices into the text, half-open.

    ``speaker`` is a registry name when the engine resolved the mention to one,
    else the fullest name the article gives for the mention, else ``""``.
    """

    spans: tuple[tuple[int, int], ...]
    mention: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    speaker: str = ""
    quote_type: str = "direct"
    confidence: float = 1.0

    @property
    def start(self) -> int:
        return self.spans[0][0]


class Engine(Protocol):
    """A suggestion engine: proposes quotes for one article's text."""

    name: str

    def propose(
        self,
        text: str,
        speakers: Sequence[Speaker] = (),
        rule: ContentRule = DEFAULT_RULE,
    ) -> list[Proposal]:
        """Proposed quotes in text order; ``speakers`` is the registry to resolve names to."""
        ...
