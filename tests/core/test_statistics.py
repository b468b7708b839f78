import pytest

from annotator.core import colors, documents, quotes, statistics
from annotator.core.chart_data import Bar, Chart, Selection
from annotator.core.errors import InvalidValue, NotFound
from annotator.core.statistics import Filters
from annotator.core.store import Store
from tests.projects import add_document

TEXT = "Ana said yes. Ben said no. Cy said maybe. Di said so. Ed said it."


@pytest.fixture
def project(store: Store) -> dict[str, int]:
    """Two documents; Rex has three quotes, John one, one quote has no speaker."""
    first = add_document(store, TEXT, "first", title="First article")
    second = add_document(store, TEXT, "second", title="Second article")
    stance = {label.name: label.id for label in store.labels("stance")}
    kind = {label.name: label.id for label in store.labels("quote_type")}
    ids: dict[str, int] = {}

    def add(name: str, doc: int, start: int, coder: str, **fields: object) -> None:
        change = quotes.add_quote(store, doc, [(start, start + 3)], annotator=coder, **fields)
        ids[name] = change.after[0].id

    add("rex1", first, 0, "ana", stance_id=stance["supports"], quote_type_id=kind["direct"])
    add("rex2", first, 14, "ana", stance_id=stance["opposes"], quote_type_id=kind["direct"])
    add("rex3", second, 0, "ben", stance_id=stance["supports"], quote_type_id=kind["indirect"])
    add("john", second, 14, "ben", stance_id=stance["supports"])
    add("nobody", second, 27, "ana")
    for name in ("rex1", "rex2", "rex3"):
        quotes.set_speaker_by_name(store, ids[name], "Rex Tillerson")
    quotes.set_speaker_by_name(store, ids["john"], "John Kelly")
    documents.set_status(store, first, "done")
    # Quotes made on two days, as a project worked on over time would have them.
    with store.transaction() as conn:
        conn.execute("UPDATE quotes SET created_at = '2026-03-01T09:00:00.000+00:00'")
        conn.execute(
            "UPDATE quotes SET created_at = '2026-03-04T17:30:00.000+00:00' WHERE id IN (?, ?)",
            (ids["rex3"], ids["nobody"]),
        )
    ids["first"], ids["second"] = first, second
    return ids


def counts(chart: Chart, series: int = 0) -> dict[str, int]:
    return {bar.label: bar.count for bar in chart.series[series].bars}


def listed(store: Store, bar: Bar, filters: Filters | None = None) -> set[int]:
    return {row.id for row in statistics.quotes_in(store, filters or Filters(), bar.selection)}


def test_quotes_per_speaker_ranks_and_colours_speakers(store, project):
    stats = statistics.compute(store)
    assert stats.quotes == 5 and stats.documents == 2
    chart = stats.chart("speakers")
    assert chart.categories == ("Rex Tillerson", "John Kelly", "(no speaker)")
    assert counts(chart) == {"Rex Tillerson": 3, "John Kelly": 1, "(no speaker)": 1}
    rex = store.find_speaker("Rex Tillerson")
    assert chart.series[0].bars[0].color == colors.speaker_color(rex.id)
    assert chart.series[0].bars[2].color == colors.NO_SPEAKER
    assert listed(store, chart.series[0].bars[0]) == {project[n] for n in ("rex1", "rex2", "rex3")}
    assert listed(store, chart.series[0].bars[2]) == {project["nobody"]}


def test_top_speakers_and_the_rest_in_one_bar(store, project):
    chart = statistics.compute(store, top=1).chart("speakers")
    assert counts(chart) == {"Rex Tillerson": 3, statistics.REST: 2}
    # The rest includes the quote without a speaker.
    assert listed(store, chart.series[0].bars[1]) == {project["john"], project["nobody"]}
    stacked = statistics.compute(store, top=1).chart("stance_by_speaker")
    assert stacked.categories == ("Rex Tillerson", statistics.REST)
    supports = next(s for s in stacked.series if s.name == "supports")
    assert [bar.count for bar in supports.bars] == [2, 1]
    assert listed(store, supports.bars[1]) == {project["john"]}


def test_stance_by_speaker_stacks_every_stance_and_the_missing_one(store, project):
    chart = statistics.compute(store).chart("stance_by_speaker")
    assert [s.name for s in chart.series] == ["supports", "opposes", "neutral", "unclear", "(none)"]
    assert counts(chart, 0) == {"Rex Tillerson": 2, "John Kelly": 1, "(no speaker)": 0}
    assert counts(chart, 1) == {"Rex Tillerson": 1, "John Kelly": 0, "(no speaker)": 0}
    assert counts(chart, 4) == {"Rex Tillerson": 0, "John Kelly": 0, "(no speaker)": 1}
    supports = store.find_label("stance", "supports")
    assert chart.series[0].color == supports.color
    assert listed(store, chart.series[0].bars[0]) == {project["rex1"], project["rex3"]}
    assert chart.total() == 5


def test_quote_types_documents_and_statuses(store, project):
    stats = statistics.compute(store)
    assert counts(stats.chart("types")) == {"direct": 2, "indirect": 1, "mixed": 0, "(none)": 2}
    documents_chart = stats.chart("documents")
    assert counts(documents_chart) == {"Second article": 3, "First article": 2}
    assert listed(store, documents_chart.series[0].bars[1]) == {project["rex1"], project["rex2"]}
    statuses = stats.chart("statuses")
    assert statuses.unit == "documents"
    assert counts(statuses) == {"new": 0, "in progress": 1, "done": 1, "skipped": 0}
    assert listed(store, statuses.series[0].bars[2]) == {project["rex1"], project["rex2"]}


def test_documents_beyond_the_top_are_summed(store, project):
    chart = statistics.compute(store, top=1).chart("documents")
    assert counts(chart) == {"Second article": 3, "all others (1 document)": 2}
    assert listed(store, chart.series[0].bars[1]) == {project["rex1"], project["rex2"]}


def test_progress_counts_quotes_per_coder_and_day(store, project):
    chart = statistics.compute(store).chart("progress")
    assert chart.kind == "timeline"
    assert chart.categories == ("2026-03-01", "2026-03-04")
    assert {s.name: [b.count for b in s.bars] for s in chart.series} == {
        "ana": [2, 1],
        "ben": [1, 1],
    }
    ana = chart.series[0]
    assert listed(store, ana.bars[1]) == {project["nobody"]}


def test_filters_by_status_and_coder(store, project):
    done = statistics.compute(store, Filters(statuses=("done",)))
    assert done.quotes == 2 and done.documents == 1
    assert counts(done.chart("speakers")) == {"Rex Tillerson": 2}
    assert counts(done.chart("statuses")) == {"done": 1}
    ben = Filters(coder="ben")
    by_ben = statistics.compute(store, ben)
    # Equal counts go by name.
    assert by_ben.chart("speakers").categories == ("John Kelly", "Rex Tillerson")
    assert [s.name for s in by_ben.chart("progress").series] == ["ben"]
    # The listing under a bar keeps the filters.
    rex = by_ben.chart("speakers").series[0].bars[1]
    assert listed(store, rex, ben) == {project["rex3"]}
    both = statistics.compute(store, Filters(statuses=("done",), coder="ben"))
    assert both.quotes == 0 and both.chart("speakers").categories == ()


def test_filter_by_collection(store, project):
    with store.transaction() as conn:
        conn.execute("UPDATE documents SET collection = 'train' WHERE id = ?", (project["first"],))
    assert statistics.collections(store) == ["train"]
    train = statistics.compute(store, Filters(collection="train"))
    assert train.documents == 1 and train.quotes == 2
    assert counts(train.chart("documents")) == {"First article": 2}


def test_bad_filters_are_refused_by_name(store, project):
    with pytest.raises(NotFound, match="no coder named 'zoe'"):
        statistics.compute(store, Filters(coder="zoe"))
    with pytest.raises(InvalidValue, match="unknown status 'finished'"):
        statistics.compute(store, Filters(statuses=("finished",)))


def test_an_empty_project_has_empty_charts(store):
    stats = statistics.compute(store)
    assert stats.quotes == 0
    assert all(chart.total() == 0 for chart in stats.charts)
    assert stats.chart("speakers").categories == ()


def test_count_in_counts_what_quotes_in_lists(store, project):
    chart = statistics.compute(store, top=1).chart("speakers")
    for bar in chart.series[0].bars:
        assert statistics.count_in(store, Filters(), bar.selection) == bar.count
        assert len(statistics.quotes_in(store, Filters(), bar.selection, limit=1)) == 1


def test_quote_rows_name_document_speaker_and_text(store, project):
    rows = statistics.quotes_in(store, Filters(), Selection((("document", project["first"]),)))
    assert [(r.title, r.speaker, r.text) for r in rows] == [
        ("First article", "Rex Tillerson", "Ana"),
        ("First article", "Rex Tillerson", "Ben"),
    ]


def test_coders_with_their_quote_counts(store, project):
    store.ensure_annotator("zoe")  # no quotes yet: not listed
    assert statistics.coders(store) == [
        statistics.Coder("ana", "coder", 3),
        statistics.Coder("ben", "coder", 2),
    ]


def test_filters_describe_themselves():
    assert Filters(statuses=("done",), coder="ana").describe() == [
        ("document status", "done"),
        ("collection", "all"),
        ("coder", "ana"),
    ]
