"""The dataset card every export writes beside its data.

Markdown with a YAML header in the shape Hugging Face reads (``pretty_name``,
``tags``, ``size_categories``, and for the ``hf`` folder the ``configs``
that name its Parquet files): what was exported (counts by collection,
status and annotator), with which filters, the label scheme with its
descriptions (the codebook), the tool's version and the export date, and the
field glossary.
"""

from __future__ import annotations

import collections
import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator import __version__
from annotator.core.formats.hf import TABLES, data_file
from annotator.core.glossary import DOCUMENT_FIELDS, QUOTE_FIELDS, Field
from annotator.core.model import Label

CARD_NAME = "README.md"


@dataclass
class ExportCounts:
    """What an export held, counted as it streamed."""

    documents: int = 0
    quotes: int = 0
    by_collection: collections.Counter[str] = field(default_factory=collections.Counter)
    quotes_by_collection: collections.Counter[str] = field(default_factory=collections.Counter)
    by_status: collections.Counter[str] = field(default_factory=collections.Counter)
    by_annotator: collections.Counter[str] = field(default_factory=collections.Counter)
    splits: dict[str, None] = field(default_factory=dict)


def _size(documents: int) -> str:
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")):
        if documents < limit:
            return name
    return "100K<n<1M"


def _yaml(value: str) -> str:
    # JSON strings are valid YAML scalars.
    return json.dumps(value, ensure_ascii=False)


def _cell(value: str) -> str:
    return " ".join(value.split()).replace("|", "\\|") or "—"


def _fields(title: str, fields: Sequence[Field]) -> list[str]:
    lines = [f"### {title}", "", "| field | shape | meaning |", "| --- | --- | --- |"]
    lines += [f"| `{f.name}` | {f.shape} | {f.meaning} |" for f in fields]
    return [*lines, ""]


def card(
    *,
    name: str,
    format: str,
    counts: ExportCounts,
    labels: Sequence[Label],
    filters: dict[str, str | None],
    files: Sequence[str],
    now: datetime.datetime | None = None,
) -> str:
    """The card's Markdown text."""
    stamp = (now or datetime.datetime.now(datetime.UTC)).isoformat(timespec="seconds")
    header = [
        "---",
        f"pretty_name: {_yaml(name)}",
        "tags:",
        "- quotation-attribution",
        "- source-cue-content",
        "task_categories:",
        "- token-classification",
        "size_categories:",
        f"- {_size(counts.documents)}",
    ]
    if format == "hf":
        header.append("configs:")
        for table in TABLES:
            header += [f"- config_name: {table}", "  data_files:"]
            for split in counts.splits or {"train": None}:
                header += [f"  - split: {split}", f"    path: {data_file(table, split)}"]
    header.append("---")
    used = {key: value for key, value in filters.items() if value}
    lines = [
        *header,
        "",
        f"# {name}",
        "",
        "Quotations in news articles, annotated as source (the speaker's mention), cue and "
        "content spans with speaker, stance and quote type.",
        "",
        f"Exported by Quote Annotator {__version__} on {stamp} (UTC) as `{format}`.",
        "",
        "## Contents",
        "",
        f"- documents: {counts.documents}",
        f"- quotes: {counts.quotes}",
        "- filters: "
        + (", ".join(f"{key} = {value}" for key, value in used.items()) or "none (everything)"),
        "- files: " + ", ".join(f"`{f}`" for f in files),
        "",
    ]
    if any(counts.by_collection):
        lines += [
            "### Collections",
            "",
            "| collection | documents | quotes |",
            "| --- | --- | --- |",
        ]
        for collection, number in sorted(counts.by_collection.items()):
            quotes = counts.quotes_by_collection[collection]
            lines.append(f"| {_cell(collection)} | {number} | {quotes} |")
        lines.append("")
    lines += ["### Documents by status", "", "| status | documents |", "| --- | --- |"]
    lines += [f"| {status} | {n} |" for status, n in sorted(counts.by_status.items())]
    lines += ["", "### Annotators", "", "| annotator | quotes |", "| --- | --- |"]
    lines += [f"| {_cell(a)} | {n} |" for a, n in sorted(counts.by_annotator.items())]
    lines += ["", "## Label scheme (codebook)", ""]
    for kind, title in (("stance", "Stances"), ("quote_type", "Quote types")):
        lines += [f"### {title}", "", "| label | description |", "| --- | --- |"]
        lines += [f"| {_cell(x.name)} | {_cell(x.description)} |" for x in labels if x.kind == kind]
        lines.append("")
    lines += [
        "## Fields",
        "",
        "Offsets are Unicode code points (Python string indices) into the document's "
        "`text`, half-open `[start, end)`. A quote's content is a list of spans: a quote "
        "split around its cue has two.",
        "",
        *_fields("Documents", DOCUMENT_FIELDS),
        *_fields("Quotes", QUOTE_FIELDS),
        "## Reading it",
        "",
        "```python",
        'pandas.read_parquet("quotes.parquet", dtype_backend="pyarrow")  # integers stay integers',
        "duckdb.sql(\"SELECT speaker, count(*) FROM 'quotes.parquet' GROUP BY speaker\")",
        'datasets.load_dataset("parquet", data_files={"train": "quotes/train.parquet"})',
        "```",
        "",
    ]
    return "\n".join(lines)
