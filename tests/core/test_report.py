from html.parser import HTMLParser
from pathlib import Path

import pytest

from annotator import __version__
from annotator.core import quotes, report
from annotator.core.errors import ExportFailed
from annotator.core.statistics import Filters
from annotator.core.store import Store
from tests.projects import add_document

TEXT = "Ana said yes. Ben said no. Cy said maybe."
CHARTS = ("speakers", "stance_by_speaker", "types", "documents", "statuses", "progress")
SNEAKY = "<script>x()</script> & $\\alpha$"


class Page(HTMLParser):
    """What a browser would find in the report: sections, charts, tables, cells."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.figures_with_svg: set[str] = set()
        self.tables: dict[str, list[list[str]]] = {}
        self.text: list[str] = []
        self._table: str | None = None
        self._figure: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "figure":
            self._figure = attributes.get("data-chart")
        elif tag == "svg" and self._figure:
            self.figures_with_svg.add(self._figure)
        elif tag == "table":
            self._table = attributes.get("data-chart") or attributes.get("class") or "?"
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])

    def handle_endtag(self, tag: str) -> None:
        if tag == "figure":
            self._figure = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._table and self.tables[self._table] and data.strip():
            self.tables[self._table][-1].append(data.strip())


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture
def project(store: Store) -> Store:
    first = add_document(store, TEXT, "first", title="Talks & <b>walls</b>")
    supports = store.find_label("stance", "supports").id
    direct = store.find_label("quote_type", "direct").id
    for start, coder in ((0, "ana"), (14, "ana"), (27, "ben")):
        change = quotes.add_quote(
            store, first, [(start, start + 3)], annotator=coder, stance_id=supports
        )
        quotes.set_speaker_by_name(store, change.after[0].id, SNEAKY)
    quotes.set_quote_type(store, change.after[0].id, direct)
    with store.transaction() as conn:
        conn.execute(
            "UPDATE labels SET description = 'The speaker backs the target <fully>.' "
            "WHERE name = 'supports'"
        )
    store.forget_labels()
    return store


def test_every_chart_is_there_with_its_svg_and_table(project):
    page = parse(report.build(project))
    headings = {attrs.get("id") for tag, attrs in page.tags if tag == "h2"}
    assert set(CHARTS) <= headings
    assert page.figures_with_svg == {*CHARTS, "agreement"}
    assert set(CHARTS) <= set(page.tables)
    speakers = page.tables["speakers"]
    assert speakers[0] == ["speaker", "quotes"]
    assert speakers[1] == [SNEAKY, "3"]
    stance = page.tables["stance_by_speaker"]
    assert stance[0] == ["speaker", "supports", "opposes", "neutral", "unclear", "total"]
    assert stance[1] == [SNEAKY, "3", "0", "0", "0", "3"]
    assert ["direct", "1"] in page.tables["types"]
    assert ["in progress", "1"] in page.tables["statuses"]
    assert page.tables["progress"][1][:2] == ["ana", "2"]


def test_scheme_coders_and_filters_are_listed(project):
    page = parse(report.build(project, Filters(coder="ana")))
    scheme = page.tables["scheme"]
    assert scheme[1] == ["stance", "supports", "1", "The speaker backs the target <fully>."]
    assert [row[:2] for row in scheme[5:]] == [
        ["quote type", "direct"],
        ["quote type", "indirect"],
        ["quote type", "mixed"],
    ]
    assert page.tables["coders"][1:] == [["ana", "coder", "2"], ["ben", "coder", "1"]]
    assert page.tables["filters"] == [
        ["document status", "all"],
        ["collection", "all"],
        ["coder", "ana"],
    ]
    assert page.tables["speakers"][1] == [SNEAKY, "2"]


def test_text_from_the_project_is_escaped_everywhere(project):
    html = report.build(project)
    assert "<script" not in html
    assert "<b>walls" not in html and "<fully>" not in html
    # The document title and the speaker name are shown as they are, in tables and charts.
    page = parse(html)
    assert "Talks & <b>walls</b>" in page.text
    assert SNEAKY in page.text
    # "$\alpha$" is a name, not a formula: the SVG keeps it as text.
    assert html.count("$\\alpha$") >= 3


def test_the_file_is_self_contained(project):
    page = parse(report.build(project))
    assert not [tag for tag, _ in page.tags if tag in ("script", "link", "img", "iframe")]
    for _, attrs in page.tags:
        for name in ("src", "href"):
            assert not (attrs.get(name) or "").startswith(("http", "//")), attrs


def test_an_empty_project_still_makes_a_whole_report(store):
    page = parse(report.build(store))
    assert page.figures_with_svg == set(CHARTS)
    assert "No quotes under these filters" in page.text


def test_write_replaces_the_file_whole(project, tmp_path: Path):
    output = tmp_path / "out" / "report.html"
    assert report.write(project, output) == output
    assert output.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in output.parent.iterdir()] == ["report.html"]


def test_an_unwritable_place_is_one_clear_error(project, tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportFailed, match="cannot write the report: .*file is a file, not"):
        report.write(project, blocker / "report.html")


def test_agreement_per_pair_and_document_with_definitions(store):
    document = add_document(store, TEXT, "first", title="Talks")
    for coder in ("ana", "ben"):
        quotes.add_quote(store, document, [(0, 3)], annotator=coder)
    quotes.add_quote(store, document, [(14, 17)], annotator="ana")
    page = parse(report.build(store))
    assert "agreement" in page.figures_with_svg
    assert page.tables["agreement"][1][:3] == ["ana – ben", "1", "0.667"]
    assert page.tables["agreement_documents"][1][:2] == ["Talks", "ana, ben"]
    assert "Krippendorff's alpha (nominal) over every token" in "".join(page.text)


def test_without_two_coders_the_report_says_there_is_no_agreement(store):
    document = add_document(store, TEXT)
    quotes.add_quote(store, document, [(0, 3)], annotator="ana")
    page = parse(report.build(store))
    assert "agreement" not in page.figures_with_svg
    assert "No document under these filters was annotated by two or more coders." in page.text


def test_the_summary_says_it_in_a_sentence_for_a_methods_section(project):
    with project.transaction() as conn:
        conn.execute("UPDATE quotes SET created_at = '2026-03-01T09:00:00+00:00'")
        conn.execute("UPDATE quotes SET created_at = '2026-03-09T09:00:00+00:00' WHERE id = 3")
    page = parse(report.build(project))
    assert (
        "3 quotes in 1 document (0 marked done), coded by 2 coders between 2026-03-01 and "
        f"2026-03-09 with Quote Annotator {__version__}, on a scheme of 4 stances and 3 quote "
        "types."
    ) in page.text
