"""The project report: one self-contained HTML file for a methods section or a supervisor.

Everything is inside the file: the style sheet, the charts as inline SVG (text
kept as text), the tables behind them, agreement between coders with the
definitions of its figures, the label scheme with its descriptions, the
coders and the filters used. There are no scripts and no
links to fetch, so it opens offline in any browser and prints as it shows.
Every piece of text from the project is escaped: a speaker called
``<script>`` is shown, never run.
"""

from __future__ import annotations

import datetime
import logging
import os
import tempfile
from html import escape
from pathlib import Path

from annotator import __version__
from annotator.core import agreement_stats, figures, statistics
from annotator.core.chart_data import Chart
from annotator.core.errors import ExportFailed
from annotator.core.exporting import in_the_way
from annotator.core.statistics import Filters, Statistics
from annotator.core.store import Store
from annotator.core.wording import plural, score

log = logging.getLogger("annotator.report")

_STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222;
       max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
.generated { color: #666; margin-top: 0; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
th, td { padding: 0.2rem 0.7rem; border-bottom: 1px solid #e4e4e4; text-align: left;
         vertical-align: top; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figure svg { width: 100%; height: auto; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px;
          vertical-align: -0.1em; margin-right: 0.4em; }
.note { color: #555; font-size: 0.9rem; }
table.pairs td:first-child { white-space: nowrap; }
dt { font-weight: 600; margin-top: 0.4rem; }
dd { margin-left: 1.2rem; color: #444; font-size: 0.9rem; }
@media print { h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
"""

# What each chart counts, in words for a methods section.
_DEFINITIONS = {
    "speakers": "Quotes attributed to each speaker of the registry (aliases counted as "
    "the speaker); the speakers with most quotes by name, the others summed.",
    "stance_by_speaker": "The same quotes split by the stance the coder gave them.",
    "types": "Quotes by quote type (direct, indirect, mixed, or the project's own types).",
    "documents": "Quotes per document; the documents with most quotes by title, the others summed.",
    "statuses": "Documents by their coding status. Documents have no coder, so this chart "
    "follows the status and collection filters only.",
    "progress": "Quotes each coder made, summed day by day from when each quote was created "
    "(UTC). Quotes deleted since are not counted.",
}


# What one row of each chart's table is.
_CATEGORY = {
    "speakers": "speaker",
    "stance_by_speaker": "speaker",
    "types": "quote type",
    "documents": "document",
    "statuses": "status",
}


def build(
    store: Store,
    filters: Filters | None = None,
    top: int = statistics.TOP,
    title: str | None = None,
) -> str:
    """The report of the project under ``filters`` as one HTML document."""
    filters = filters or Filters()
    stats = statistics.compute(store, filters, top)
    name = title or (store.path.stem if store.path else "Project")
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(name)} — quote statistics</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(name)}</h1>",
        f'<p class="generated">Quote statistics, made {now} by Quote Annotator '
        f"{escape(__version__)}.</p>",
        *_summary(store, stats),
        *_filters(filters),
    ]
    for chart in stats.charts:
        parts += _chart(chart)
    parts += _agreement(store, filters)
    parts += _scheme(store)
    parts += _coders(store)
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def write(
    store: Store,
    output: Path | str,
    filters: Filters | None = None,
    top: int = statistics.TOP,
) -> Path:
    """Write the report to ``output`` through a temporary file: a failed write leaves
    any earlier report in place."""
    output = Path(output).expanduser()
    text = build(store, filters, top)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.chmod(name, 0o644)
            os.replace(name, output)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
    except OSError as error:
        blocker = in_the_way(output)
        if blocker is not None:
            reason = f"{blocker} is a file, not a folder"
            raise ExportFailed(f"{output}: cannot write the report: {reason}") from None
        raise ExportFailed(
            f"{output}: cannot write the report ({error.strerror or error})"
        ) from None
    log.info("wrote the report to %s (%d bytes)", output, len(text.encode("utf-8")))
    return output


def _summary(store: Store, stats: Statistics) -> list[str]:
    """The counts, and the same in a sentence to start a methods section from."""
    done = stats.chart("statuses").series[0].bars
    finished = sum(bar.count for bar in done if bar.selection.where == (("status", "done"),))
    days = stats.chart("progress").categories
    coded_by = [series.name for series in stats.chart("progress").series]
    stances = len(store.labels("stance"))
    types = len(store.labels("quote_type"))
    sentence = (
        f"{plural(stats.quotes, 'quote')} in {plural(stats.documents, 'document')} "
        f"({finished} marked done)"
    )
    if days:
        span = days[0] if days[0] == days[-1] else f"{days[0]} and {days[-1]}"
        sentence += (
            f", coded by {plural(len(coded_by), 'coder')} "
            f"{'on' if days[0] == days[-1] else 'between'} {span}"
        )
    sentence += (
        f" with Quote Annotator {__version__}, on a scheme of "
        f"{plural(stances, 'stance')} and {plural(types, 'quote type')}."
    )
    return [
        "<h2>Summary</h2>",
        f'<p class="methods">{escape(sentence)}</p>',
        "<table>",
        f'<tr><th>documents</th><td class="number">{stats.documents:,}</td></tr>',
        f'<tr><th>quotes</th><td class="number">{stats.quotes:,}</td></tr>',
        "</table>",
    ]


def _filters(filters: Filters) -> list[str]:
    rows = [
        f"<tr><th>{escape(name)}</th><td>{escape(value)}</td></tr>"
        for name, value in filters.describe()
    ]
    return ["<h2>Filters</h2>", '<table class="filters">', *rows, "</table>"]


def _chart(chart: Chart) -> list[str]:
    parts = [
        f'<h2 id="{chart.key}">{escape(chart.title)}</h2>',
        f'<p class="note">{escape(_DEFINITIONS.get(chart.key, ""))}</p>',
        f'<figure data-chart="{chart.key}">{figures.svg(chart)}</figure>',
    ]
    if chart.total() == 0:
        return parts
    if chart.kind == "timeline":
        return parts + _timeline_table(chart)
    header = "".join(f'<th class="number">{escape(s.name)}</th>' for s in chart.series)
    if len(chart.series) > 1:
        header += '<th class="number">total</th>'
    label = _CATEGORY.get(chart.key, "")
    rows = [f'<table data-chart="{chart.key}">', f"<tr><th>{escape(label)}</th>{header}</tr>"]
    for index, category in enumerate(chart.categories):
        counts = [series.bars[index].count for series in chart.series]
        color = chart.series[0].bars[index].color if len(chart.series) == 1 else None
        swatch = f'<span class="swatch" style="background:{escape(color)}"></span>' if color else ""
        cells = "".join(f'<td class="number">{count:,}</td>' for count in counts)
        if len(chart.series) > 1:
            cells += f'<td class="number">{sum(counts):,}</td>'
        rows.append(f"<tr><td>{swatch}{escape(category)}</td>{cells}</tr>")
    rows.append("</table>")
    return parts + rows


def _timeline_table(chart: Chart) -> list[str]:
    rows = [
        f'<table data-chart="{chart.key}">',
        '<tr><th>coder</th><th class="number">quotes</th><th>first day</th>'
        '<th>last day</th><th class="number">days with quotes</th></tr>',
    ]
    for series in chart.series:
        days = [day for day, bar in zip(chart.categories, series.bars, strict=True) if bar.count]
        total = sum(bar.count for bar in series.bars)
        rows.append(
            f'<tr><td><span class="swatch" style="background:{escape(series.color)}"></span>'
            f'{escape(series.name)}</td><td class="number">{total:,}</td>'
            f"<td>{escape(days[0])}</td><td>{escape(days[-1])}</td>"
            f'<td class="number">{len(days)}</td></tr>'
        )
    rows.append("</table>")
    return rows


def _scheme(store: Store) -> list[str]:
    parts = [
        "<h2>Label scheme</h2>",
        '<p class="note">The stances and quote types coders chose from, with the '
        "project's descriptions.</p>",
        '<table class="scheme">',
        "<tr><th>kind</th><th>label</th><th>key</th><th>description</th></tr>",
    ]
    # Stances first, as the window shows them.
    for label in sorted(store.labels(), key=lambda label: (label.kind != "stance", label.position)):
        kind = "stance" if label.kind == "stance" else "quote type"
        parts.append(
            f'<tr><td>{kind}</td><td><span class="swatch" style="background:{escape(label.color)}">'
            f"</span>{escape(label.name)}</td><td>{escape(label.shortcut)}</td>"
            f"<td>{escape(label.description)}</td></tr>"
        )
    parts.append("</table>")
    return parts


def _coders(store: Store) -> list[str]:
    parts = [
        "<h2>Coders</h2>",
        '<table class="coders">',
        '<tr><th>coder</th><th>kind</th><th class="number">quotes</th></tr>',
    ]
    for coder in statistics.coders(store):
        parts.append(
            f"<tr><td>{escape(coder.name)}</td><td>{escape(coder.kind)}</td>"
            f'<td class="number">{coder.quotes:,}</td></tr>'
        )
    parts.append("</table>")
    return parts


def _cells(values: list[str], number_from: int) -> str:
    return "".join(
        f'<td class="number">{escape(v)}</td>' if i >= number_from else f"<td>{escape(v)}</td>"
        for i, v in enumerate(values)
    )


def _agreement(store: Store, filters: Filters) -> list[str]:
    """Agreement per coder pair (a heatmap and a table) and per document, with definitions."""
    found = agreement_stats.compute(store, filters)
    parts = ['<h2 id="agreement">Agreement between coders</h2>']
    if not found.documents:
        parts.append(
            '<p class="note">No document under these filters was annotated by two or more '
            "coders.</p>"
        )
        return parts
    pooled = found.pooled
    parts += [
        f'<p class="note">Over {plural(len(found.documents), "document")} that two or more '
        f"coders annotated ({found.tokens:,} tokens); quotes match by overlap from a token "
        f"Jaccard index of {found.threshold:g}. n/a: nothing to compare.</p>",
        '<table class="agreement">',
        *(
            f'<tr><th>{escape(name)}</th><td class="number">{score(value)}</td></tr>'
            for name, value in (
                ("token α", found.token_alpha),
                ("F1 (overlap)", pooled.overlap.f1),
                ("F1 (exact)", pooled.exact.f1),
                ("speaker", pooled.speaker_agreement),
                ("stance α", pooled.stance.alpha),
                ("type α", pooled.quote_type.alpha),
            )
        ),
        "</table>",
        f'<figure data-chart="agreement">{figures.svg(agreement_stats.pair_matrix(found))}'
        "</figure>",
        '<table class="pairs" data-chart="agreement">',
        "<tr><th>coders</th>"
        + "".join(
            f'<th class="number">{name}</th>'
            for name in (
                "documents",
                "F1 (overlap)",
                "F1 (exact)",
                "speaker",
                "stance α",
                "stance κ",
                "type α",
                "type κ",
            )
        )
        + "</tr>",
    ]
    for pair in found.pairs:
        values = [
            " – ".join(pair.coders),
            str(pair.documents),
            score(pair.overlap.f1),
            score(pair.exact.f1),
            score(pair.speaker_agreement),
            score(pair.stance.alpha),
            score(pair.stance.kappa),
            score(pair.quote_type.alpha),
            score(pair.quote_type.kappa),
        ]
        parts.append(f"<tr>{_cells(values, 1)}</tr>")
    parts += [
        "</table>",
        "<h3>Per document</h3>",
        '<table data-chart="agreement_documents">',
        '<tr><th>document</th><th>coders</th><th class="number">token α</th>'
        '<th class="number">F1 (overlap)</th><th class="number">disagreements</th></tr>',
    ]
    for document in found.documents:
        values = [
            document.title,
            ", ".join(document.coders),
            score(document.alpha),
            score(document.pairs.overlap.f1),
            str(document.disagreements),
        ]
        parts.append(f"<tr>{_cells(values, 2)}</tr>")
    parts += ["</table>", "<dl>"]
    for name, definition in agreement_stats.DEFINITIONS:
        parts.append(f"<dt>{escape(name)}</dt><dd>{escape(definition)}</dd>")
    parts.append("</dl>")
    return parts
