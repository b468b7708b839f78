"""Colours for quotes: a colour-blind-safe palette by speaker, or the stance labels' colours.

Highlights are translucent fills over the text so that the text stays legible
on light and dark palettes alike, and overlapping quotes add up to a darker
fill rather than hiding one another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

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


class SpeakerNames(Protocol):
    """Speakers by id: a dict, or the panel's cache that reads them on demand."""

    def __contains__(self, speaker_id: object) -> bool: ...

    def __getitem__(self, speaker_id: int) -> Speaker: ...


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def quote_color(quote: Quote | QuoteLook, mode: str, stances: dict[int, Label]) -> str:
    if mode == "stance":
        label = stances.get(quote.stance_id) if quote.stance_id is not None else None
        return label.color if label else NO_STANCE
    return speaker_color(quote.speaker_id)


# On a dark background a colour needs at least this HSL lightness (0-255) to be seen.
DARK_MIN_LIGHTNESS = 165


def _for_dark(color: QColor) -> QColor:
    """The same hue, lightened until it stands out on a dark background."""
    if color.lightness() >= DARK_MIN_LIGHTNESS:
        return color
    return QColor.fromHsl(
        max(color.hslHue(), 0), color.hslSaturation(), DARK_MIN_LIGHTNESS, color.alpha()
    )


def fill(color: str, dark: bool) -> QColor:
    """The translucent fill for a highlight: stronger on dark backgrounds to stay visible."""
    result = _for_dark(QColor(color)) if dark else QColor(color)
    result.setAlpha(110 if dark else 85)
    return result


def line(color: str, dark: bool) -> QColor:
    """The opaque colour for underlines and bars; lightened on dark backgrounds."""
    return _for_dark(QColor(color)) if dark else QColor(color)


def contrast(foreground: QColor, background: QColor) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""

    def luminance(color: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(color.redF())
            + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF())
        )

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def disabled_text(palette: QPalette) -> QColor:
    """A colour for disabled labels that still reads (contrast 3:1 or more) on the button."""
    text = palette.color(QPalette.ColorRole.ButtonText)
    button = palette.color(QPalette.ColorRole.Button)
    for share in (0.55, 0.65, 0.75, 0.85, 1.0):
        mixed = QColor.fromRgbF(
            button.redF() + (text.redF() - button.redF()) * share,
            button.greenF() + (text.greenF() - button.greenF()) * share,
            button.blueF() + (text.blueF() - button.blueF()) * share,
        )
        if contrast(mixed, button) >= 3:
            return mixed
    return text


THEMES = ("system", "light", "dark")


def theme_palette(theme: str, system: QPalette) -> QPalette:
    """The application palette for a theme: the system's, or a fixed light or dark one."""
    if theme not in ("light", "dark"):
        return system
    result = QPalette()
    if theme == "light":
        colors = {
            QPalette.ColorRole.Window: "#efefef",
            QPalette.ColorRole.WindowText: "#1a1a1a",
            QPalette.ColorRole.Base: "#ffffff",
            QPalette.ColorRole.AlternateBase: "#f5f5f5",
            QPalette.ColorRole.Text: "#1a1a1a",
            QPalette.ColorRole.Button: "#efefef",
            QPalette.ColorRole.ButtonText: "#1a1a1a",
            QPalette.ColorRole.Highlight: "#2f6fb8",
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: "#ffffdc",
            QPalette.ColorRole.ToolTipText: "#1a1a1a",
            QPalette.ColorRole.PlaceholderText: "#6e6e6e",
            QPalette.ColorRole.Mid: "#b8b8b8",
            QPalette.ColorRole.Light: "#ffffff",
            QPalette.ColorRole.Dark: "#9f9f9f",
            QPalette.ColorRole.Link: "#2f6fb8",
        }
    else:
        colors = {
            QPalette.ColorRole.Window: "#2b2b2b",
            QPalette.ColorRole.WindowText: "#e6e6e6",
            QPalette.ColorRole.Base: "#1f1f1f",
            QPalette.ColorRole.AlternateBase: "#292929",
            QPalette.ColorRole.Text: "#e6e6e6",
            QPalette.ColorRole.Button: "#353535",
            QPalette.ColorRole.ButtonText: "#e6e6e6",
            QPalette.ColorRole.Highlight: "#4a86c8",
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: "#3a3a3a",
            QPalette.ColorRole.ToolTipText: "#e6e6e6",
            QPalette.ColorRole.PlaceholderText: "#9a9a9a",
            QPalette.ColorRole.Mid: "#5a5a5a",
            QPalette.ColorRole.Light: "#505050",
            QPalette.ColorRole.Dark: "#1a1a1a",
            QPalette.ColorRole.Link: "#8ab4f8",
        }
    for role, color in colors.items():
        result.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        result.setColor(QPalette.ColorGroup.Disabled, role, disabled_text(result))
    return result


def legend(
    speaker_counts: Mapping[int | None, int],
    has_no_stance: bool,
    mode: str,
    speakers: SpeakerNames,
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


_system_palette: QPalette | None = None


def apply_theme(theme: str) -> None:
    """Use the system's colours, or light or dark ones, in the whole application."""
    global _system_palette
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _system_palette is None:
        _system_palette = QPalette(app.palette())
    schemes = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
    app.styleHints().setColorScheme(schemes.get(theme, Qt.ColorScheme.Unknown))
    app.setPalette(theme_palette(theme, _system_palette))
