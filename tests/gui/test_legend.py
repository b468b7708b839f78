"""The colour legend: the open document's speakers, most quoted first, the rest counted."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QLabel

from annotator.core.model import Label, Speaker
from annotator.gui import palette
from annotator.gui.legend import legend_markup, legend_tooltip
from annotator.gui.palette import Legend, LegendEntry

SPEAKERS = {i: Speaker(i, f"Speaker {i:03}") for i in range(1, 301)}


def test_most_quoted_first_and_the_rest_collapsed() -> None:
    counts: Counter[int | None] = Counter({i: i % 7 + 1 for i in range(1, 46)})
    legend = palette.legend(counts, False, "speaker", SPEAKERS, {}, limit=8)
    assert len(legend.entries) == 8
    assert len(legend.more) == 45 - 8
    shown = [int(entry.name.split()[1]) for entry in legend.entries]
    assert [counts[i] for i in shown] == sorted((counts[i] for i in shown), reverse=True)
    assert min(counts[i] for i in shown) >= max(counts[int(n.split()[1])] for n in legend.more)


def test_only_the_document_speakers_and_no_speaker_stays_visible() -> None:
    counts: Counter[int | None] = Counter({None: 1, 5: 2, 9: 0})
    legend = palette.legend(counts, False, "speaker", SPEAKERS, {}, limit=1)
    assert [entry.name for entry in legend.entries] == ["no speaker"]
    assert legend.more == ("Speaker 005",)


def test_stance_mode_lists_the_stances() -> None:
    stances = {1: Label(1, "stance", "supports", "#009E73", "1", 0)}
    legend = palette.legend(Counter(), True, "stance", SPEAKERS, stances)
    assert [entry.name for entry in legend.entries] == ["supports", "no stance"]


def test_markup_says_and_n_more_and_escapes_names(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    long = "<i>Senator</i> " + "x" * 200
    legend = Legend((LegendEntry(long, "#CC6677"),), tuple(f"S{i}" for i in range(37)))
    markup = legend_markup(legend, "speaker", False, label.fontMetrics())
    assert "and&nbsp;37&nbsp;more" in markup
    assert "<i>" not in markup
    assert "x" * 200 not in markup
    tooltip = legend_tooltip(legend)
    assert "x" * 200 in tooltip
    assert "&lt;i&gt;" in tooltip
    assert "… 7 others" in tooltip


def test_window_legend_with_hundreds_of_speakers(tmp_path, open_window) -> None:
    from annotator.core import quotes, speakers
    from annotator.core.store import Store
    from tests.projects import add_document

    path = tmp_path / "many.db"
    text = "He said yes. " * 300
    with Store.open(path) as store:
        document_id = add_document(store, text)
        for i in range(300):
            speaker = speakers.create_speaker(store, f"Person {i:03}").speakers_after[0]
            for _ in range(1 + (i == 42) * 5):
                start = 13 * i
                quotes.add_quote(store, document_id, [(start, start + 12)], speaker_id=speaker.id)
    window = open_window(path)
    legend = window.panel.legend.text()
    assert "Person&nbsp;042" in legend.split("Colour by speaker:")[1][:120]
    assert f"and&nbsp;{300 - palette.LEGEND_SIZE}&nbsp;more" in legend
