"""Colours for quotes: a colour-blind-safe palette by speaker, or the stance labels' colours.

Highlights are translucent fills over the text so that the text stays legible
on light and dark palettes alike, and overlapping quotes add up to a darker
fill rather than hiding one another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtGui import QColor, QPalette

from annotator.core.colors import NO_SPEAKER, NO_STANCE
from annotator.core.colors import speaker_color as speaker_color  # shared with the charts
from annotator.core.model import Label, Quote, Speaker

# How many entries the speaker legend shows before "and N more".
LEGEND_SIZE = 8


@dataclass(frozen=True)
class LegendEntry:
    name: str
    color: str


@dataclass(frozen=True)
class Legend:
    """The entries shown, and the names of those collapsed into "and N more"."""

    entries: tuple[LegendEntry, ...]
    more: tuple[str, ...]


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
    speaker_counts: Mapping[int | None, int],
    has_no_stance: bool,
    mode: str,
    speakers: dict[int, Speaker],
    stances: dict[int, Label],
    limit: int = LEGEND_SIZE,
) -> Legend:
    """What the colours in this document mean, in the current mode.

    ``speaker_counts`` are the open document's quotes per speaker (``None``
    for quotes without one). The most quoted speakers come first; past
    ``limit`` the rest are only counted, so a document quoting hundreds of
    people keeps a legend of a few lines.
    """
    if mode == "stance":
        entries = [LegendEntry(label.name, label.color) for label in stances.values()]
        if has_no_stance:
            entries.append(LegendEntry("no stance", NO_STANCE))
        return Legend(tuple(entries), ())
    # Most quoted first; among equals by name, so the order does not flicker.
    ranked = sorted(
        (
            (-count, speakers[i].name.casefold(), i)
            for i, count in speaker_counts.items()
            if count > 0 and i is not None and i in speakers
        ),
    )
    named = [LegendEntry(speakers[i].name, speaker_color(i)) for _, _, i in ranked]
    if speaker_counts.get(None, 0) > 0:
        # Always shown: it says what the grey highlights are.
        shown = [*named[: max(limit - 1, 0)], LegendEntry("no speaker", NO_SPEAKER)]
        hidden = named[max(limit - 1, 0) :]
    else:
        shown, hidden = named[:limit], named[limit:]
    return Legend(tuple(shown), tuple(entry.name for entry in hidden))
