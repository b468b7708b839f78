"""How messages word things, the same in the window and on the command line."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """``1 quote``, ``2 quotes``, ``0 quotes``: for nouns that take an ``s``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def score(value: float | None, missing: str = "n/a") -> str:
    """A precision, recall, F1, alpha or kappa to three decimals; ``missing`` where none."""
    return missing if value is None else f"{value:.3f}"
