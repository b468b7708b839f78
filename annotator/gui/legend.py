"""The colour legend drawn as a short line of swatches: names cut to a width, the rest counted.

The text is markup built here from plain names, each escaped; the tooltip
gives every name in full as plain text.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QFontMetrics

from annotator.gui import palette
from annotator.gui.elide import elided, plain_tooltip
from annotator.gui.palette import Legend

# A name longer than this many pixels is cut with "…" (its whole self in the tooltip).
NAME_WIDTH = 160
# How many collapsed names the tooltip lists before it only counts them.
TOOLTIP_NAMES = 30


def legend_markup(legend: Legend, mode: str, dark: bool, metrics: QFontMetrics) -> str:
    """The legend line: a swatch and a name per entry, then "and N more"."""
    swatches = [
        f'<span style="background-color:{palette.line(entry.color, dark).name()}">'
        "&nbsp;&nbsp;&nbsp;</span>&nbsp;"
        # Names never break across lines, and are text, not markup.
        f"{html.escape(elided(entry.name, metrics, NAME_WIDTH)).replace(' ', '&nbsp;')}"
        for entry in legend.entries
    ]
    if legend.more:
        swatches.append(f"and&nbsp;{len(legend.more)}&nbsp;more")
    shown = " ".join(swatches) if swatches else "no quotes yet"
    return f"<small>Colour by {mode}: {shown}</small>"


def legend_tooltip(legend: Legend) -> str:
    """Every name of the legend in full, the collapsed ones after the shown ones."""
    names = [entry.name for entry in legend.entries]
    if legend.more:
        names.append(f"and {len(legend.more)} more:")
        names.extend(legend.more[:TOOLTIP_NAMES])
        if len(legend.more) > TOOLTIP_NAMES:
            names.append(f"… {len(legend.more) - TOOLTIP_NAMES} others")
    return plain_tooltip("\n".join(names)) if names else ""
