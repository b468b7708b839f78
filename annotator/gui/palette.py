"""Colours for quotes: a colour-blind-safe palette by speaker, or the stance labels' colours.

Highlights are translucent fills over the text so that the text stays legible
on light and dark palettes alike, and overlapping quotes add up to a darker
fill rather than hiding one another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtGui import QColor, QPalette

from annotator.core.colors import NO_SPEAKER, NO_STANCE
from annotator.core.colors import speaker_color as speaker_color  # shared with the charts
from annotator.core.model import Label, Quote, Speaker


@dataclass(frozen=True)
class LegendEntry:
    name: str
    color: str


class QuoteLook(NamedTuple):
    """What a quote's colour depends on, named as on :class:`Quote`; painting needs no more."""

    speaker_id: int | None
    stance_id: int | None


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def quote_color(quote: Quote | QuoteLook, mode: str, stances: dict[int, Label]) -> str:
    if mode == "stance":
        label = stances.get(quote.stance_id) if quote.stance_id is not None else None
        return label.color if label else NO_STANCE
    return speaker_color(quote.speaker_id)


def fill(color: str, dark: bool) -> QColor:
    """The translucent fill for a highlight: stronger on dark backgrounds to stay visible."""
    result = QColor(color)
    if dark and result.lightness() < 110:
        # Dark colours (indigo, say) vanish on a dark background.
        result = result.lighter(180)
    result.setAlpha(120 if dark else 85)
    return result


def line(color: str, dark: bool) -> QColor:
    """The opaque colour for underlines and bars; lightened on dark backgrounds."""
    result = QColor(color)
    return result.lighter(150) if dark and result.lightness() < 110 else result


def legend(
    speaker_ids: Iterable[int | None],
    has_no_stance: bool,
    mode: str,
    speakers: dict[int, Speaker],
    stances: dict[int, Label],
) -> list[LegendEntry]:
    """What the colours in this document mean, in the current mode.

    ``speaker_ids`` are the document's speakers in order of appearance
    (``None`` for quotes without one).
    """
    if mode == "stance":
        entries = [LegendEntry(label.name, label.color) for label in stances.values()]
        if has_no_stance:
            entries.append(LegendEntry("no stance", NO_STANCE))
        return entries
    seen = list(speaker_ids)
    entries = [
        LegendEntry(speakers[i].name, speaker_color(i))
        for i in seen
        if i is not None and i in speakers
    ]
    if None in seen:
        entries.append(LegendEntry("no speaker", NO_SPEAKER))
    return entries
