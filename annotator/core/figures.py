"""The statistics charts drawn with matplotlib, for the window and the HTML report alike.

matplotlib is the field's standard for paper figures: its vector output (SVG,
PDF) goes into a manuscript as it is, and the same :class:`Figure` is shown in
the window through its Qt canvas (:mod:`annotator.gui.charts`). Nothing here
imports Qt or pyplot: figures are made directly, so no global state or
interactive backend is involved.

Text from the project (speaker names, titles) is drawn as plain text: the
``$...$`` mathematics syntax is switched off.
"""

from __future__ import annotations

import colorsys
import datetime
import functools
import io
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import matplotlib
import matplotlib.dates
import numpy
from matplotlib import font_manager
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from annotator.core.chart_data import Bar, Chart, Matrix
from annotator.core.errors import InvalidValue

log = logging.getLogger("annotator.figures")

FORMATS = ("png", "svg", "pdf")
# Axis labels longer than this are cut with an ellipsis; tables give them whole.
LABEL_LENGTH = 36
WIDTH = 6.4  # inches: a column of a paper page, or a pane of the window
DPI = 100


@dataclass(frozen=True)
class Theme:
    """The colours around the data: light for paper, or the window's own palette."""

    background: str = "#FFFFFF"
    foreground: str = "#222222"
    grid: str = "#DDDDDD"
    dark: bool = False


LIGHT = Theme()

_RC: dict[str, Any] = {
    "text.parse_math": False,  # names with "$" are names, not formulas
    "svg.fonttype": "none",  # text stays text in SVG: small, searchable, editable
    "svg.hashsalt": "quote-annotator",  # the same chart gives the same SVG
    "pdf.fonttype": 42,  # TrueType in PDF, as journals ask
    "font.size": 9,
}


@contextmanager
def _settings() -> Iterator[None]:
    with matplotlib.rc_context(cast(Any, {**_RC, "font.family": _families()})), quiet():
        yield


# Fonts tried in turn for each character, among those installed: names in any
# script (and emoji, in black and white) draw where a font has them.
_FALLBACK = (
    "DejaVu Sans",
    "Noto Sans",
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
    "Noto Sans Devanagari",
    "Noto Emoji",
    "Symbola",
    "Liberation Sans",
)


@functools.cache
def _families() -> list[str]:
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return [name for name in _FALLBACK if name in installed] or ["sans-serif"]


@contextmanager
def quiet() -> Iterator[None]:
    """A character no installed font has is drawn as a box: say so once in the log, not
    as a warning on every redraw."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for warning in caught:
        if "missing from font" in str(warning.message):
            _missing_glyph(str(warning.message))
        else:
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )


@functools.cache
def _missing_glyph(message: str) -> None:
    log.info("%s", message)


def shade(color: str, theme: Theme) -> str:
    """A data colour as drawn on ``theme``: dark colours are lightened on a dark background
    (as the article view does), so an indigo bar stays visible."""
    if not theme.dark:
        return color
    red, green, blue = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lightness = colorsys.rgb_to_hls(red, green, blue)[1]
    if lightness >= 110 / 255:
        return color
    hue, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    red, green, blue = colorsys.hsv_to_rgb(hue, saturation, min(1.0, value * 1.5))
    return "#{:02X}{:02X}{:02X}".format(*(round(c * 255) for c in (red, green, blue)))


def short(label: str, length: int = LABEL_LENGTH) -> str:
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"


def height_for(chart: Chart | Matrix) -> float:
    """Inches: bar charts grow with their bars so that labels never overlap."""
    if isinstance(chart, Matrix):
        return max(2.4, 1.4 + 0.5 * len(chart.labels))
    if chart.kind == "timeline":
        return 3.2
    return max(2.0, 0.9 + 0.28 * len(chart.categories) + (0.4 if chart.kind == "stacked" else 0))


def new_figure(chart: Chart | Matrix, theme: Theme = LIGHT) -> Figure:
    with _settings():
        figure = Figure(figsize=(WIDTH, height_for(chart)), dpi=DPI, layout="constrained")
    figure.set_facecolor(theme.background)
    return figure


def draw(
    figure: Figure, chart: Chart | Matrix, theme: Theme = LIGHT, titled: bool = True
) -> dict[Artist, tuple[Bar, ...]]:
    """Draw ``chart`` on a cleared ``figure``.

    Returns the artists that stand for data, each with the bars it shows (one
    for a bar; one per point, in order, for a line), so a click can say which.
    """
    with _settings():
        figure.clear()
        figure.set_facecolor(theme.background)
        axes = figure.add_subplot()
        _style(axes, theme)
        if titled:
            axes.set_title(chart.title, color=theme.foreground, loc="left", fontweight="bold")
        if chart.total() == 0:
            axes.set_axis_off()
            empty = "No figures" if isinstance(chart, Matrix) else f"No {chart.unit}"
            axes.text(
                0.5,
                0.5,
                f"{empty} under these filters",
                transform=axes.transAxes,
                ha="center",
                va="center",
                color=theme.foreground,
            )
            return {}
        if isinstance(chart, Matrix):
            _heatmap(axes, chart, theme)
            return {}
        if chart.kind == "timeline":
            return _timeline(axes, chart, theme)
        return _bars(axes, chart, theme)


def _style(axes: Axes, theme: Theme) -> None:
    axes.set_facecolor(theme.background)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(theme.foreground)
    axes.tick_params(colors=theme.foreground, which="both")
    axes.set_axisbelow(True)


def _bars(axes: Axes, chart: Chart, theme: Theme) -> dict[Artist, tuple[Bar, ...]]:
    """Horizontal bars, largest at the top; several series are stacked."""
    picked: dict[Artist, tuple[Bar, ...]] = {}
    positions = list(range(len(chart.categories)))
    left = [0] * len(positions)
    for series in chart.series:
        counts = [bar.count for bar in series.bars]
        container = axes.barh(
            positions,
            counts,
            left=left,
            color=[shade(bar.color, theme) for bar in series.bars],
            label=series.name,
            height=0.7,
        )
        for patch, bar in zip(container.patches, series.bars, strict=True):
            patch.set_picker(True)
            picked[patch] = (bar,)
        left = [a + b for a, b in zip(left, counts, strict=True)]
    axes.set_yticks(positions, [short(label) for label in chart.categories])
    axes.invert_yaxis()
    axes.xaxis.grid(True, color=theme.grid, linewidth=0.8)
    axes.set_xlabel(chart.unit, color=theme.foreground)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    if len(chart.series) == 1:
        # The number at the end of each bar, for reading off and for print.
        for y, total in zip(positions, left, strict=True):
            axes.annotate(
                f"{total:,}",
                (total, y),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                color=theme.foreground,
                fontsize=8,
            )
        axes.margins(x=0.12)
    else:
        _legend(axes, theme, ncols=min(5, len(chart.series)))
    return picked


def _timeline(axes: Axes, chart: Chart, theme: Theme) -> dict[Artist, tuple[Bar, ...]]:
    """Each coder's quotes so far, day by day (a step up on each day they coded)."""
    picked: dict[Artist, tuple[Bar, ...]] = {}
    to_number = matplotlib.dates.date2num
    days = [float(to_number(datetime.date.fromisoformat(day))) for day in chart.categories]  # type: ignore[no-untyped-call]
    for series in chart.series:
        total = 0
        cumulative = []
        for bar in series.bars:
            total += bar.count
            cumulative.append(total)
        color = shade(series.color, theme)
        (line,) = axes.plot(
            days,
            cumulative,
            drawstyle="steps-post",
            marker="o",
            markersize=3.5,
            color=color,
            label=series.name,
            picker=True,
            pickradius=5,
        )
        picked[line] = series.bars
    axes.yaxis.grid(True, color=theme.grid, linewidth=0.8)
    axes.set_ylabel(f"{chart.unit} coded (cumulative)", color=theme.foreground)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    highest = max(sum(bar.count for bar in series.bars) for series in chart.series)
    axes.set_ylim(0, highest * 1.08)
    if days[-1] - days[0] < 10:
        # A few days: one tick a day, never hours.
        axes.set_xlim(days[0] - 1, days[-1] + 1)
        axes.xaxis.set_major_locator(matplotlib.dates.DayLocator())  # type: ignore[no-untyped-call]
        day_format = matplotlib.dates.DateFormatter("%Y-%m-%d")  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_formatter(day_format)
        for label in axes.get_xticklabels():
            label.set_rotation(30)
            label.set_horizontalalignment("right")
    else:
        locator = matplotlib.dates.AutoDateLocator(maxticks=8)  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_locator(locator)
        formatter = matplotlib.dates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_formatter(formatter)
    _legend(axes, theme, ncols=1)
    return picked


def _heatmap(axes: Axes, matrix: Matrix, theme: Theme) -> None:
    """Each pair's figure as a cell from 0 to 1 (viridis: ordered, colour-blind safe)."""
    values = numpy.ma.masked_invalid(
        numpy.array(
            [[numpy.nan if v is None else v for v in row] for row in matrix.values], dtype=float
        )
    )
    colours = matplotlib.colormaps["viridis"].with_extremes(bad=theme.grid)
    image = axes.imshow(values, cmap=colours, vmin=0.0, vmax=1.0)
    positions = list(range(len(matrix.labels)))
    names = [short(label, 20) for label in matrix.labels]
    axes.set_xticks(positions, names, rotation=30, ha="right")
    axes.set_yticks(positions, names)
    for side in ("left", "bottom"):
        axes.spines[side].set_visible(False)
    for row, figures_of_row in enumerate(matrix.values):
        for column, value in enumerate(figures_of_row):
            dark_cell = value is not None and value < 0.55
            axes.text(
                column,
                row,
                "–" if value is None else f"{value:.2f}",
                ha="center",
                va="center",
                fontsize=8,
                color="#FFFFFF" if dark_cell else theme.foreground if value is None else "#222222",
            )
    bar = axes.get_figure().colorbar(image, ax=axes, shrink=0.85)  # type: ignore[union-attr]
    bar.set_label(matrix.measure, color=theme.foreground)
    bar.ax.tick_params(colors=theme.foreground)
    bar.outline.set_edgecolor(theme.foreground)


def _legend(axes: Axes, theme: Theme, ncols: int) -> None:
    """One series a line in a corner for lines; a row under the figure for stacked bars,
    in space the layout keeps for it."""
    style: dict[str, Any] = {"frameon": False, "fontsize": 8, "labelcolor": theme.foreground}
    if ncols > 1:
        handles, labels = axes.get_legend_handles_labels()
        figure = axes.get_figure()
        assert isinstance(figure, Figure)
        figure.legend(handles, labels, ncols=ncols, loc="outside lower center", **style)
    else:
        axes.legend(loc="upper left", **style)


def save(figure: Figure, path: Path) -> None:
    """Write the figure as PNG, SVG or PDF, by the file's extension."""
    kind = path.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise InvalidValue(f"{path}: save a chart as .png, .svg or .pdf, not {path.suffix!r}")
    with _settings():
        figure.savefig(
            path,
            format=kind,
            dpi=200 if kind == "png" else DPI,
            facecolor=figure.get_facecolor(),
            metadata=_metadata(kind),
        )
    log.info("saved %s", path)


def _metadata(kind: str) -> dict[str, str | None]:
    # No creation date in vector files: the same chart gives the same bytes.
    if kind == "svg":
        return {"Date": None}
    if kind == "pdf":
        return {"CreationDate": None}
    return {}


def svg(chart: Chart | Matrix, theme: Theme = LIGHT) -> str:
    """The chart as an SVG element (text as text) for an HTML page, which gives the title."""
    figure = new_figure(chart, theme)
    draw(figure, chart, theme, titled=False)
    buffer = io.StringIO()
    with _settings():
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    # Inline in HTML the XML prolog and DOCTYPE are not wanted.
    return text[text.index("<svg") :]
