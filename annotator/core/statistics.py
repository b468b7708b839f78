"""Statistics of a project as plain data: what the charts, the tables and the report show.

Every figure is a SQL aggregate (``GROUP BY`` over the quotes), so a project of
100,000 quotes is summed in a few scans; Python only touches the grouped rows.
Each bar (:mod:`annotator.core.chart_data`) carries the :class:`Selection` of
the quotes it counts, so a click on it can list them (:func:`quotes_in`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core import colors
from annotator.core.chart_data import Bar, Chart, Field, Selection, Series, Value
from annotator.core.errors import InvalidValue, NotFound
from annotator.core.listing import collections as collections  # the filter's choices
from annotator.core.model import STATUSES, Label, status_title
from annotator.core.store import Store
from annotator.core.wording import plural

log = logging.getLogger("annotator.statistics")

TOP = 12
NO_SPEAKER = "(no speaker)"
NO_LABEL = "(none)"
REST = "all others"

# What each selectable field is in SQL, over ``quotes AS q JOIN documents AS d``.
_COLUMNS: dict[str, str] = {
    "speaker": "q.speaker_id",
    "stance": "q.stance_id",
    "type": "q.quote_type_id",
    "document": "q.document_id",
    "coder": "q.annotator_id",
    "day": "substr(q.created_at, 1, 10)",
    "status": "d.status",
}


@dataclass(frozen=True)
class Filters:
    """Which quotes count: documents of these statuses (all when empty), one collection,
    one coder's quotes."""

    statuses: tuple[str, ...] = ()
    collection: str | None = None
    coder: str | None = None

    def describe(self) -> list[tuple[str, str]]:
        """The filters as (name, value) pairs for people, "all" where there is none."""
        return [
            ("document status", ", ".join(self.statuses) if self.statuses else "all"),
            ("collection", self.collection if self.collection is not None else "all"),
            ("coder", self.coder if self.coder is not None else "all"),
        ]


@dataclass(frozen=True)
class Statistics:
    filters: Filters
    documents: int
    quotes: int
    charts: tuple[Chart, ...] = field(default=())

    def chart(self, key: str) -> Chart:
        for chart in self.charts:
            if chart.key == key:
                return chart
        raise KeyError(key)


@dataclass(frozen=True)
class QuoteRow:
    """A quote as the list under the charts shows it."""

    id: int
    document_id: int
    title: str
    speaker: str | None
    text: str


# -- the filter as SQL -----------------------------------------------------------


@dataclass(frozen=True)
class Coder:
    name: str
    kind: str
    quotes: int


def coders(store: Store) -> list[Coder]:
    """The annotators (coders and gold layers) who made quotes, with how many, by name.

    Someone who only changed others' quotes, or has not started, is not listed.
    """
    return [
        Coder(str(name), str(kind), int(count))
        for name, kind, count in store.conn.execute(
            "SELECT annotators.name, annotators.kind, count(*) FROM quotes "
            "JOIN annotators ON annotators.id = quotes.annotator_id "
            "GROUP BY annotators.id ORDER BY annotators.name"
        )
    ]


def _document_where(store: Store, filters: Filters) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    for status in filters.statuses:
        if status not in STATUSES:
            raise InvalidValue(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
    if filters.statuses:
        clauses.append(f"d.status IN ({','.join('?' * len(filters.statuses))})")
        params.extend(filters.statuses)
    if filters.collection is not None:
        clauses.append("d.collection = ?")
        params.append(filters.collection)
    return clauses, params


def _where(clauses: list[str]) -> str:
    return f" WHERE {' AND '.join(clauses)}" if clauses else ""


def _quote_filter(store: Store, filters: Filters) -> tuple[list[str], list[object], bool]:
    """The clauses over ``quotes AS q`` (and ``documents AS d``) that keep the filtered
    quotes, their parameters, and whether they need the documents joined."""
    clauses, params = _document_where(store, filters)
    needs_documents = bool(clauses)
    if filters.coder is not None:
        row = store.conn.execute(
            "SELECT id FROM annotators WHERE name = ?", (filters.coder,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no coder named {filters.coder!r}")
        clauses.append("q.annotator_id = ?")
        params.append(row[0])
    return clauses, params, needs_documents


def _quote_where(store: Store, filters: Filters) -> tuple[str, list[object]]:
    """``FROM ... WHERE ...`` over the quotes the filters keep."""
    clauses, params, needs_documents = _quote_filter(store, filters)
    # Join the documents only when a filter needs them: the scans stay on one table.
    join = " JOIN documents AS d ON d.id = q.document_id" if needs_documents else ""
    return f"FROM quotes AS q{join}{_where(clauses)}", params


def _selection_sql(selection: Selection) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    for name, value in selection.where:
        column = _COLUMNS[name]
        if value is None:
            clauses.append(f"{column} IS NULL")
        else:
            clauses.append(f"{column} = ?")
            params.append(value)
    for name, values in selection.exclude:
        column = _COLUMNS[name]
        known = [v for v in values if v is not None]
        parts = [f"{column} NOT IN ({','.join('?' * len(known))})"] if known else []
        params.extend(known)
        if None in values:
            parts.append(f"{column} IS NOT NULL")
            clauses.append(" AND ".join(parts))
        elif parts:
            clauses.append(f"({column} IS NULL OR {parts[0]})")
    return clauses, params


# -- the charts --------------------------------------------------------------------


def compute(store: Store, filters: Filters | None = None, top: int = TOP) -> Statistics:
    """All the charts of the project under ``filters``; ``top`` speakers and documents
    are shown by name and the rest summed in one bar."""
    filters = filters or Filters()
    source, params = _quote_where(store, filters)
    tally = _tally(store, source, params)
    quotes = sum(row.quotes for row in tally.speakers.values())
    charts = [
        *_speaker_charts(store, tally, top),
        _types(store, tally),
        _documents(store, source, params, top, quotes),
        _statuses(store, filters),
        _progress(store, source, params),
    ]
    return Statistics(
        filters=filters,
        documents=_document_count(store, filters),
        quotes=quotes,
        charts=tuple(charts),
    )


@dataclass(frozen=True)
class SpeakerRow:
    """One speaker's quotes by stance and by type id (None: without one)."""

    stances: dict[int | None, int]
    types: dict[int | None, int]

    @property
    def quotes(self) -> int:
        return sum(self.stances.values())


@dataclass(frozen=True)
class Tally:
    """The stance and type labels, and each speaker's row (None: quotes without one)."""

    stances: list[Label]
    types: list[Label]
    speakers: dict[int | None, SpeakerRow]


def tally(store: Store, filters: Filters | None = None) -> Tally:
    """Quotes per speaker with their stances and types under ``filters`` (all quotes)."""
    source, params = _quote_where(store, filters or Filters())
    return _tally(store, source, params)


def _tally(store: Store, source: str, params: list[object]) -> Tally:
    """Quotes per speaker with their stances and types, in one scan of the quotes.

    Only the speakers are grouped, in the order of their index; the few labels
    are summed as columns (``sum(stance_id IS ?)``). Grouping by speaker, stance
    and type instead would sort every row: a third slower at 100,000 quotes.
    """
    stances = store.labels("stance")
    types = store.labels("quote_type")
    stance_keys: list[int | None] = [label.id for label in stances] + [None]
    type_keys: list[int | None] = [label.id for label in types] + [None]
    columns = ["sum(q.stance_id IS ?)"] * len(stance_keys)
    columns += ["sum(q.quote_type_id IS ?)"] * len(type_keys)
    speakers: dict[int | None, SpeakerRow] = {}
    for row in store.conn.execute(
        f"SELECT q.speaker_id, {', '.join(columns)} {source} GROUP BY q.speaker_id",
        [*stance_keys, *type_keys, *params],
    ):
        counts = row[1:]
        speakers[row[0]] = SpeakerRow(
            dict(zip(stance_keys, counts[: len(stance_keys)], strict=True)),
            dict(zip(type_keys, counts[len(stance_keys) :], strict=True)),
        )
    return Tally(stances, types, speakers)


def _bar_chart(key: str, title: str, bars: Sequence[Bar], unit: str = "quotes") -> Chart:
    """One series of bars, a category each, named after what they count."""
    return Chart(
        key,
        title,
        "bar",
        tuple(bar.label for bar in bars),
        (Series(unit, colors.NEUTRAL, tuple(bars)),),
        unit=unit,
    )


def _speaker_charts(store: Store, tally: Tally, top: int) -> tuple[Chart, Chart]:
    """Quotes per speaker, and the same bars split by stance."""
    names = dict(store.conn.execute("SELECT id, name FROM speakers"))
    ranked = sorted(
        tally.speakers,
        key=lambda i: (-tally.speakers[i].quotes, i is None, str(names.get(i, "")).casefold()),
    )
    shown = ranked[:top]
    others = ranked[top:]
    everyone_else: tuple[tuple[Field, tuple[Value, ...]], ...] = (("speaker", tuple(shown)),)

    def name(speaker_id: int | None) -> str:
        return NO_SPEAKER if speaker_id is None else str(names.get(speaker_id, speaker_id))

    bars = [
        Bar(
            name(i),
            tally.speakers[i].quotes,
            colors.speaker_color(i),
            Selection(where=(("speaker", i),)),
        )
        for i in shown
    ]
    if others:
        rest = sum(tally.speakers[i].quotes for i in others)
        bars.append(Bar(REST, rest, colors.REST, Selection(exclude=everyone_else)))
    categories = tuple(bar.label for bar in bars)
    by_speaker = _bar_chart("speakers", "Quotes per speaker", bars)

    stance_keys: list[tuple[int | None, str, str]] = [
        (label.id, label.name, label.color) for label in tally.stances
    ]
    if any(row.stances[None] for row in tally.speakers.values()):
        stance_keys.append((None, NO_LABEL, colors.NO_STANCE))
    series = []
    for stance_id, stance_name, color in stance_keys:
        stacked = [
            Bar(
                name(i),
                tally.speakers[i].stances[stance_id],
                color,
                Selection(where=(("speaker", i), ("stance", stance_id))),
            )
            for i in shown
        ]
        if others:
            stacked.append(
                Bar(
                    REST,
                    sum(tally.speakers[i].stances[stance_id] for i in others),
                    color,
                    Selection(where=(("stance", stance_id),), exclude=everyone_else),
                )
            )
        series.append(Series(stance_name, color, tuple(stacked)))
    by_stance = Chart(
        "stance_by_speaker", "Stance by speaker", "stacked", categories, tuple(series)
    )
    return by_speaker, by_stance


def _types(store: Store, tally: Tally) -> Chart:
    def count(type_id: int | None) -> int:
        return sum(row.types[type_id] for row in tally.speakers.values())

    bars = [
        Bar(label.name, count(label.id), label.color, Selection((("type", label.id),)))
        for label in tally.types
    ]
    if count(None):
        bars.append(Bar(NO_LABEL, count(None), colors.NO_STANCE, Selection((("type", None),))))
    return _bar_chart("types", "Quote types", bars)


def _documents(store: Store, source: str, params: list[object], top: int, total: int) -> Chart:
    """The ``top`` documents by quotes; the rest summed from ``total`` (all quotes)."""
    shown = store.conn.execute(
        f"SELECT q.document_id, count(*) AS n {source} GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?",
        [*params, top],
    ).fetchall()
    titles = dict(
        store.conn.execute(
            f"SELECT id, title FROM documents WHERE id IN ({','.join('?' * len(shown))})",
            [document_id for document_id, _ in shown],
        )
    )
    bars = [
        Bar(
            str(titles.get(document_id, document_id)),
            count,
            colors.NEUTRAL,
            Selection((("document", document_id),)),
        )
        for document_id, count in shown
    ]
    rest = total - sum(count for _, count in shown)
    if rest:
        coded = store.conn.execute(
            f"SELECT count(DISTINCT q.document_id) {source}", params
        ).fetchone()[0]
        bars.append(
            Bar(
                f"{REST} ({plural(coded - len(shown), 'document')})",
                rest,
                colors.REST,
                Selection(exclude=(("document", tuple(d for d, _ in shown)),)),
            )
        )
    return _bar_chart("documents", "Quotes per document", bars)


def _document_count(store: Store, filters: Filters) -> int:
    clauses, params = _document_where(store, filters)
    return int(
        store.conn.execute(
            f"SELECT count(*) FROM documents AS d{_where(clauses)}", params
        ).fetchone()[0]
    )


def _statuses(store: Store, filters: Filters) -> Chart:
    # Documents have no coder: this chart follows the status and collection filters only.
    clauses, params = _document_where(store, filters)
    counts = dict(
        store.conn.execute(
            f"SELECT d.status, count(*) FROM documents AS d{_where(clauses)} GROUP BY 1", params
        )
    )
    shown = filters.statuses or STATUSES
    bars = tuple(
        Bar(
            status_title(status),
            counts.get(status, 0),
            colors.STATUS_COLORS[status],
            Selection((("status", status),)),
        )
        for status in STATUSES
        if status in shown
    )
    return _bar_chart("statuses", "Documents by status", bars, unit="documents")


def _progress(store: Store, source: str, params: list[object]) -> Chart:
    """Quotes coded per day and coder, from when each quote was made."""
    names = store.annotators()
    coder_ids: list[int | None] = [*names, None]
    # Coders as summed columns, days as groups: one scan, a sort of few distinct keys.
    columns = ", ".join("sum(q.annotator_id IS ?)" for _ in coder_ids)
    rows = store.conn.execute(
        f"SELECT substr(q.created_at, 1, 10) AS day, {columns} {source} GROUP BY day ORDER BY day",
        [*coder_ids, *params],
    ).fetchall()
    days = tuple(str(row[0]) for row in rows)
    series = []
    for index, coder_id in enumerate(coder_ids):
        counts = [row[1 + index] for row in rows]
        if not any(counts):
            continue
        name = names[coder_id] if coder_id is not None else "(unknown)"
        # By position among all coders, so a coder keeps a colour under any filter.
        color = colors.coder_color(index)
        bars = tuple(
            Bar(f"{name}, {day}", count, color, Selection((("coder", coder_id), ("day", day))))
            for day, count in zip(days, counts, strict=True)
        )
        series.append(Series(name, color, bars))
    return Chart("progress", "Quotes coded over time", "timeline", days, tuple(series))


# -- the quotes behind a bar ----------------------------------------------------------


def _selected(store: Store, filters: Filters, selection: Selection) -> tuple[str, list[object]]:
    """``WHERE`` over ``quotes AS q JOIN documents AS d`` for a bar's quotes under filters."""
    clauses, params, _ = _quote_filter(store, filters)
    chosen, extra = _selection_sql(selection)
    return _where([*clauses, *chosen]), [*params, *extra]


def count_in(store: Store, filters: Filters, selection: Selection) -> int:
    """How many quotes a bar counts now."""
    where, params = _selected(store, filters, selection)
    return int(
        store.conn.execute(
            f"SELECT count(*) FROM quotes AS q JOIN documents AS d ON d.id = q.document_id{where}",
            params,
        ).fetchone()[0]
    )


def quotes_in(
    store: Store, filters: Filters, selection: Selection, limit: int = 1000
) -> list[QuoteRow]:
    """The quotes that a bar counts, in document then text order (at most ``limit``)."""
    where, params = _selected(store, filters, selection)
    rows = store.conn.execute(
        "SELECT q.id, q.document_id, d.title, s.name, "
        "(SELECT group_concat(text, ' … ') FROM (SELECT text FROM quote_spans "
        " WHERE quote_id = q.id ORDER BY start)), "
        "(SELECT min(start) FROM quote_spans WHERE quote_id = q.id) AS start "
        "FROM quotes AS q JOIN documents AS d ON d.id = q.document_id "
        f"LEFT JOIN speakers AS s ON s.id = q.speaker_id{where} "
        "ORDER BY d.title, q.document_id, start, q.id LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [QuoteRow(row[0], row[1], str(row[2]), row[3], str(row[4] or "")) for row in rows]
