"""A corpus's metadata table (CSV or TSV), joined to the project's documents by an id column.

One row per document: the id column names the document (its id, or the
file name without extension the id was made from: ``filename`` in PolNeAR's
``metadata.tsv`` matches the document ``breitbart_2016-09-12_...``), the
``title`` column (when present and not empty) becomes the title, and every
other column is merged into the document's metadata. All in one transaction.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from annotator.core.errors import ImportFailed
from annotator.core.store import Store
from annotator.core.text import read_text

log = logging.getLogger("annotator.metadata")


@dataclass
class MetadataReport:
    path: Path
    rows: int
    matched: int  # documents given metadata
    titled: int  # of which the title changed
    unmatched: list[str] = field(default_factory=list)  # ids with no document


def read_table(path: Path, id_column: str) -> dict[str, dict[str, str]]:
    """Rows of a CSV or TSV file by their id cell; refused with the file and line when wrong."""
    text = read_text(path)
    header = text.split("\n", 1)[0]
    if header.lstrip().startswith(("{", "[")):
        raise ImportFailed(
            path, "this is JSON; a metadata table is a CSV or TSV file with a header row"
        )
    delimiter = "\t" if path.suffix.lower() == ".tsv" or header.count("\t") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = reader.fieldnames or []
    if id_column not in columns:
        found = ", ".join(repr(c) for c in columns) or "none"
        raise ImportFailed(path, f"no {id_column!r} column (columns found: {found})")
    rows: dict[str, dict[str, str]] = {}
    for row in reader:
        if None in row:
            raise ImportFailed(path, "more cells than the header has columns", reader.line_num)
        key = (row.get(id_column) or "").strip()
        if not key:
            raise ImportFailed(path, f"the {id_column!r} cell is empty", reader.line_num)
        if key in rows:
            raise ImportFailed(path, f"{id_column} {key!r} is there twice", reader.line_num)
        rows[key] = {name: value or "" for name, value in row.items() if name != id_column}
    return rows


def _keys(external_id: str) -> tuple[str, ...]:
    path = PurePosixPath(external_id)
    return (external_id, path.name, path.stem)


def apply_metadata(
    store: Store, path: Path | str, id_column: str, title_column: str = "title"
) -> MetadataReport:
    """Fill titles and metadata of the documents the table names."""
    path = Path(path).expanduser()
    return apply_rows(store, path, read_table(path, id_column), title_column)


def apply_rows(
    store: Store, path: Path, rows: dict[str, dict[str, str]], title_column: str = "title"
) -> MetadataReport:
    """Fill titles and metadata from rows :func:`read_table` read from ``path`` (read
    first, so that a table that cannot be joined refuses before anything is imported)."""
    report = MetadataReport(path, len(rows), 0, 0)
    used: set[str] = set()
    with store.transaction() as conn:
        documents = conn.execute("SELECT id, external_id, title, metadata FROM documents")
        for document_id, external_id, title, metadata in documents.fetchall():
            key = next((k for k in _keys(external_id) if k in rows), None)
            if key is None:
                continue
            used.add(key)
            row = rows[key]
            new_title = " ".join(row.get(title_column, "").split()) or title
            merged = {**json.loads(metadata), **{k: v for k, v in row.items() if k != title_column}}
            conn.execute(
                "UPDATE documents SET title = ?, metadata = ? WHERE id = ?",
                (new_title, json.dumps(merged, ensure_ascii=False), document_id),
            )
            report.matched += 1
            report.titled += new_title != title
    report.unmatched = sorted(set(rows) - used)
    log.info(
        "%s: metadata for %d documents, %d rows unmatched",
        path,
        report.matched,
        len(report.unmatched),
    )
    return report
