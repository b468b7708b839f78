"""The chart canvas in the window: a bar chart never gets less height than its bars need."""

from __future__ import annotations

from matplotlib.axes import Axes

from annotator.core.chart_data import Bar, Chart, Selection, Series
from annotator.gui.charts import ChartCanvas


def speakers_chart(count: int) -> Chart:
    names = tuple(f"Speaker number {n}" for n in range(count))
    bars = tuple(
        Bar(name, 100 - n, "#4477aa", Selection((("speaker", name),)))
        for n, name in enumerate(names)
    )
    return Chart(
        "speakers", "Quotes per speaker", "bar", names, (Series("quotes", "#4477aa", bars),)
    )


def test_the_speaker_names_of_a_long_bar_chart_never_overlap(qtbot) -> None:
    canvas = ChartCanvas()
    qtbot.addWidget(canvas)
    canvas.show_chart(speakers_chart(14))
    # The statistics dock offers little height at 1280x720; the chart keeps what it needs.
    canvas.resize(600, 160)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.draw()
    axes = canvas.figure.axes[0]
    assert isinstance(axes, Axes)
    renderer = canvas.get_renderer()
    boxes = sorted(
        (label.get_window_extent(renderer) for label in axes.get_yticklabels() if label.get_text()),
        key=lambda box: box.y0,
    )
    assert len(boxes) == 14
    for lower, upper in zip(boxes, boxes[1:], strict=False):
        assert lower.y1 <= upper.y0, (lower, upper)
