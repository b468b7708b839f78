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

from annotator.core.codebook import SpanRule
from annotator.core.errors import AnnotatorError
from annotator.core.model import Speaker


class EngineUnavailable(AnnotatorError):
    """An engine cannot run here; the message says in one line how to make it run."""


# The rule when the project sets none: engines cut a direct quote from mark to
# mark, punctuation inside included (PolNeAR's convention).
DEFAULT_RULE = SpanRule()


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
        rule: SpanRule = DEFAULT_RULE,
    ) -> list[Proposal]:
        """Proposed quotes in text order; ``speakers`` is the registry to resolve names to,
        ``rule`` the project's span rule (quotation marks and punctuation in or out)."""
        ...
