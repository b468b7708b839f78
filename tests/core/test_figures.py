from pathlib import Path

import pytest
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from annotator.core import figures, quotes, statistics
from annotator.core.chart_data import Chart
from annotator.core.errors import InvalidValue
from annotator.core.store import Store
from tests.projects import add_document

TEXT = "Ana said yes. Ben said no. Cy said maybe."
DARK = figures.Theme("#202124", "#E8EAED", "#444444", dark=True)


@pytest.fixture
def stats(store: Store) -> statistics.Statistics:
    document = add_document(store, TEXT, "first")
    supports = store.find_label("stance", "supports").id
    opposes = store.find_label("stance", "opposes").id
    for start, coder, name, stance in (
        (0, "ana", "Rex $Tillerson$", supports),
        (14, "ana", "Rex $Tillerson$", opposes),
        (27, "ben", "John Kelly", supports),
    ):
        change = quotes.add_quote(store, document, [(start, start + 3)], annotator=coder)
        quotes.set_speaker_by_name(store, change.after[0].id, name)
        quotes.set_stance(store, change.after[0].id, stance)
    with store.transaction() as conn:
        conn.execute("UPDATE quotes SET created_at = '2026-03-01T09:00:00+00:00' WHERE id < 3")
        conn.execute("UPDATE quotes SET created_at = '2026-03-03T09:00:00+00:00' WHERE id = 3")
    return statistics.compute(store)


def drawn(chart: Chart, theme: figures.Theme = figures.LIGHT):
    figure = figures.new_figure(chart, theme)
    return figure, figures.draw(figure, chart, theme)


def test_bars_are_as_long_as_their_counts_in_their_colours(stats):
    chart = stats.chart("speakers")
    _, artists = drawn(chart)
    shown = {bars[0].label: (a.get_width(), a.get_facecolor()) for a, bars in artists.items()}
    assert {name: width for name, (width, _) in shown.items()} == {
        "Rex $Tillerson$": 2,
        "John Kelly": 1,
    }
    rex = chart.series[0].bars[0]
    assert figures.matplotlib.colors.to_hex(shown["Rex $Tillerson$"][1]) == rex.color.lower()


def test_stacked_bars_start_where_the_previous_stance_ends(stats):
    _, artists = drawn(stats.chart("stance_by_speaker"))
    rex = sorted(
        (a.get_x(), a.get_width())
        for a, bars in artists.items()
        if bars[0].label == "Rex $Tillerson$" and a.get_width()
    )
    assert rex == [(0, 1), (1, 1)]
    assert all(isinstance(artist, Rectangle) for artist in artists)


def test_the_timeline_climbs_by_each_days_quotes(stats):
    _, artists = drawn(stats.chart("progress"))
    lines = {line.get_label(): line for line in artists if isinstance(line, Line2D)}
    assert list(lines["ana"].get_ydata()) == [2, 2]
    assert list(lines["ben"].get_ydata()) == [0, 1]
    assert [bar.label for bar in artists[lines["ben"]]] == ["ben, 2026-03-01", "ben, 2026-03-03"]


def test_names_with_dollars_stay_plain_text(stats):
    # As mathematics, the dollars would vanish and "Tillerson" be set in italics.
    assert ">Rex $Tillerson$</text>" in figures.svg(stats.chart("speakers"))


def test_a_dark_theme_lightens_dark_colours_only():
    assert figures.shade("#332288", DARK) != "#332288"
    assert figures.shade("#DDCC77", DARK) == "#DDCC77"
    assert figures.shade("#332288", figures.LIGHT) == "#332288"


def test_an_empty_chart_says_so(store):
    chart = statistics.compute(store).chart("speakers")
    figure, artists = drawn(chart)
    assert artists == {}
    assert figure.axes[0].texts[0].get_text() == "No quotes under these filters"


@pytest.mark.parametrize("suffix, magic", [("svg", b"<svg"), ("pdf", b"%PDF"), ("png", b"PNG")])
def test_save_by_extension(stats, tmp_path: Path, suffix: str, magic: bytes):
    figure, _ = drawn(stats.chart("types"))
    path = tmp_path / f"types.{suffix}"
    figures.save(figure, path)
    assert magic in path.read_bytes()[:400]


def test_save_refuses_other_formats(stats, tmp_path: Path):
    figure, _ = drawn(stats.chart("types"))
    with pytest.raises(InvalidValue, match=r"\.png, \.svg or \.pdf"):
        figures.save(figure, tmp_path / "types.jpg")


def test_the_same_chart_gives_the_same_svg(stats):
    assert figures.svg(stats.chart("speakers")) == figures.svg(stats.chart("speakers"))


def test_a_character_no_font_has_is_not_a_warning(store, tmp_path: Path):
    document = add_document(store, TEXT)
    change = quotes.add_quote(store, document, [(0, 3)])
    quotes.set_speaker_by_name(store, change.after[0].id, "Ana \U0001fae0 Ruiz")
    chart = statistics.compute(store).chart("speakers")
    # The suite turns warnings into errors: drawing and saving must not warn.
    figure, _ = drawn(chart)
    figures.save(figure, tmp_path / "speakers.png")
    assert "Ana \U0001fae0 Ruiz" in figures.svg(chart)
