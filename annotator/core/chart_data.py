"""What a chart shows, as plain data: bars with the quotes they count, series, charts.

Made by :mod:`annotator.core.statistics`, drawn by :mod:`annotator.core.figures`
(for the window and the report alike).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Field = Literal["speaker", "stance", "type", "document", "coder", "day", "status"]
Value = int | str | None


@dataclass(frozen=True)
class Selection:
    """The quotes one bar counts: every ``where`` pair matches (a ``None`` value means
    the field is empty) and no ``exclude`` pair does (the "all others" bar)."""

    where: tuple[tuple[Field, Value], ...] = ()
    exclude: tuple[tuple[Field, tuple[Value, ...]], ...] = ()


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    color: str
    selection: Selection


@dataclass(frozen=True)
class Series:
    """One row of bars across a chart's categories: a stance over speakers, a coder
    over days. A plain bar chart has a single series."""

    name: str
    color: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    """One figure. ``kind`` is ``bar`` (one series), ``stacked`` (series stacked per
    category) or ``timeline`` (categories are days; each series is drawn cumulative)."""

    key: str
    title: str
    kind: Literal["bar", "stacked", "timeline"]
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = "quotes"

    def total(self) -> int:
        return sum(bar.count for series in self.series for bar in series.bars)


@dataclass(frozen=True)
class Matrix:
    """Figures between every two of ``labels`` (agreement per coder pair), drawn as a
    heatmap; ``None`` where a pair has no figure."""

    key: str
    title: str
    labels: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]
    measure: str

    def total(self) -> int:
        """How many cells have a figure."""
        return sum(value is not None for row in self.values for value in row)
