"""Synthetic multi-coder projects for the merge and agreement benchmarks.

Every coder sees the same articles; each marks the same underlying quotes
with their own boundaries (a word more or less), sometimes misses one or
gives another speaker or stance, as real coders do.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from annotator.core.model import DocumentRecord, QuoteRecord

WORDS = (
    "the minister said government border security talks agreement officials "
    "market crime violence cooperation we need to tackle problem country "
    "economy trade policy Café naïve résumé — Zürich jointly urgent"
).split()
SPEAKERS = [f"Speaker {i} Example" for i in range(300)]
STANCES = ("supports", "opposes", "neutral", "unclear")
TYPES = ("direct", "indirect", "mixed")


def article_text(rng: random.Random, length: int = 3000) -> str:
    words: list[str] = []
    total = 0
    while total < length:
        word = rng.choice(WORDS)
        words.append(word)
        total += len(word) + 1
    return " ".join(words)


def _snap(text: str, offset: int) -> int:
    """Move an offset back to the start of its word."""
    while 0 < offset < len(text) and text[offset - 1] != " ":
        offset -= 1
    return offset


def documents(
    count: int, coders: list[str], quotes_per_coder: int, seed: int = 1
) -> Iterator[tuple[str, str, dict[str, list[QuoteRecord]]]]:
    """(external id, text, coder -> quotes) for ``count`` articles."""
    rng = random.Random(seed)
    for number in range(count):
        text = article_text(rng)
        slot = len(text) // (quotes_per_coder + 1)
        by_coder: dict[str, list[QuoteRecord]] = {coder: [] for coder in coders}
        for index in range(quotes_per_coder):
            base = index * slot + 20
            speaker = rng.choice(SPEAKERS)
            for coder in coders:
                if rng.random() < 0.08:
                    continue
                start = _snap(text, base + 12 + rng.choice((-6, 0, 0, 0, 6)))
                end = _snap(text, base + slot - 30 + rng.choice((-8, 0, 0, 0, 8)))
                by_coder[coder].append(
                    QuoteRecord(
                        spans=[(start, end)],
                        speaker=speaker if rng.random() < 0.9 else rng.choice(SPEAKERS),
                        mention=(base, base + 8),
                        cue=(_snap(text, base + 9) + 0, base + 11),
                        stance=rng.choice(STANCES),
                        quote_type=rng.choice(TYPES),
                        annotator=coder,
                    )
                )
        yield f"article-{number:05d}", text, by_coder


def records(
    count: int, coders: list[str], quotes_per_coder: int, seed: int = 1
) -> Iterator[DocumentRecord]:
    """Articles with every coder's quotes, as an import would store them."""
    for external_id, text, by_coder in documents(count, coders, quotes_per_coder, seed):
        quotes = [quote for coder in coders for quote in by_coder[coder]]
        yield DocumentRecord(external_id, external_id, text, quotes=quotes)


def coder_records(
    count: int, coders: list[str], quotes_per_coder: int, seed: int = 1
) -> dict[str, list[DocumentRecord]]:
    """The same articles for each coder, each with only that coder's quotes."""
    by_coder: dict[str, list[DocumentRecord]] = {coder: [] for coder in coders}
    for external_id, text, quotes in documents(count, coders, quotes_per_coder, seed):
        for coder in coders:
            by_coder[coder].append(
                DocumentRecord(external_id, external_id, text, quotes=quotes[coder])
            )
    return by_coder
