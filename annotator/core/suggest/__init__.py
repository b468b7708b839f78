"""Suggestion engines: propose quotes and speakers for a coder to accept or reject.

:func:`engine` gives an engine by name, or raises
:class:`~annotator.core.suggest.base.EngineUnavailable` with one line saying
how to make it available; :func:`available` lists what this installation can
run. Optional engines are found at run time and never download anything.
"""

from __future__ import annotations

from annotator.core.suggest.base import (
    DEFAULT_RULE,
    Engine,
    EngineUnavailable,
    Proposal,
)
from annotator.core.suggest.rules import RulesEngine

ENGINES = ("rules", "spacy")
DEFAULT_ENGINE = "rules"

__all__ = [
    "DEFAULT_ENGINE",
    "DEFAULT_RULE",
    "ENGINES",
    "Engine",
    "EngineUnavailable",
    "Proposal",
    "available",
    "engine",
]


def engine(name: str = DEFAULT_ENGINE) -> Engine:
    """The engine called ``name``; :class:`EngineUnavailable` says why it cannot run."""
    if name == "rules":
        return RulesEngine()
    if name == "spacy":
        from annotator.core.suggest import spacy_engine

        return spacy_engine.load()
    raise EngineUnavailable(f"no suggestion engine {name!r}; choose one of {', '.join(ENGINES)}")


def available() -> dict[str, str]:
    """Each engine's name and, for one that cannot run here, the reason ("" when it can)."""
    from annotator.core.suggest import spacy_engine

    return {"rules": "", "spacy": spacy_engine.missing()}
