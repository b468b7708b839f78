"""Writing a project out as a dataset, through a format's writer, atomically.

:func:`iter_records` streams the corpus as
:class:`~annotator.core.model.DocumentRecord` objects with three queries in
all (documents, quotes, spans), walked side by side in document order.
:func:`export` writes them to a temporary file beside the output and renames
it into place, so an interrupted export never leaves a half-written file
where a complete one was.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core import formats
from annotator.core.errors import ExportFailed, InvalidValue
from annotator.core.formats import WriteOptions
from annotator.core.model import STATUSES, DocumentRecord, QuoteRecord
from annotator.core.store import Store

log = logging.getLogger("annotator.exporting")


@dataclass
class ExportReport:
    path: Path
    format: str
    documents: int
    quotes: int


def _filters(
    store: Store, status: str | None, annotator: str | None
) -> tuple[str, str, list[Any], list[Any]]:
    """SQL conditions on documents and on quotes, with their parameters."""
    if status is not None and status not in STATUSES:
        raise InvalidValue(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    document_where, document_params = "", []  # type: tuple[str, list[Any]]
    quote_where, quote_params = [], []  # type: tuple[list[str], list[Any]]
    if status is not None:
        document_where = "WHERE documents.status = ?"
        document_params.append(status)
        quote_where.append("quotes.document_id IN (SELECT id FROM documents WHERE status = ?)")
        quote_params.append(status)
    if annotator is not None:
        ids = [i for i, name in store.annotators().items() if name == annotator.strip()]
        if not ids:
            known = ", ".join(sorted(store.annotators().values())) or "none yet"
            raise InvalidValue(f"no annotator named {annotator!r} (annotators: {known})")
        quote_where.append("quotes.annotator_id = ?")
        quote_params.append(ids[0])
    where = ("WHERE " + " AND ".join(quote_where)) if quote_where else ""
    return document_where, where, document_params, quote_params


def iter_records(
    store: Store, *, status: str | None = None, annotator: str | None = None
) -> Iterator[DocumentRecord]:
    """Every document (filtered by status) with its quotes (filtered by annotator), by id.

    Quotes come in text order; speakers, labels and annotators by name.
    Streams: one document and its quotes are held at a time.
    """
    document_where, quote_where, document_params, quote_params = _filters(store, status, annotator)
    return _walk(store, document_where, quote_where, document_params, quote_params)


def _walk(
    store: Store,
    document_where: str,
    quote_where: str,
    document_params: list[Any],
    quote_params: list[Any],
) -> Iterator[DocumentRecord]:
    conn = store.conn
    speakers = {
        speaker_id: (name, json.loads(aliases))
        for speaker_id, name, aliases in conn.execute("SELECT id, name, aliases FROM speakers")
    }
    labels = {label.id: label.name for label in store.labels()}
    annotators = store.annotators()
    documents = conn.execute(
        "SELECT id, external_id, title, text, source, metadata, status FROM documents "
        f"{document_where} ORDER BY id",
        document_params,
    )
    quotes = conn.execute(
        "SELECT document_id, id, speaker_id, mention_start, mention_end, cue_start, cue_end, "
        "stance_id, quote_type_id, target, note, annotator_id, origin, created_at, updated_at, "
        f"uid FROM quotes {quote_where} ORDER BY document_id, id",
        quote_params,
    )
    spans = conn.execute(
        'SELECT quotes.document_id, quote_spans.quote_id, quote_spans.start, quote_spans."end" '
        f"FROM quote_spans JOIN quotes ON quotes.id = quote_spans.quote_id {quote_where} "
        'ORDER BY quotes.document_id, quote_spans.quote_id, quote_spans.start, quote_spans."end"',
        quote_params,
    )
    quote_row = next(quotes, None)
    span_row = next(spans, None)
    for document_id, external_id, title, text, source, metadata, doc_status in documents:
        pieces: dict[int, list[tuple[int, int]]] = {}
        while span_row is not None and span_row[0] <= document_id:
            if span_row[0] == document_id:
                pieces.setdefault(span_row[1], []).append((span_row[2], span_row[3]))
            span_row = next(spans, None)
        records: list[QuoteRecord] = []
        while quote_row is not None and quote_row[0] <= document_id:
            if quote_row[0] == document_id:
                (
                    _,
                    quote_id,
                    speaker_id,
                    m_start,
                    m_end,
                    c_start,
                    c_end,
                    stance_id,
                    type_id,
                    target,
                    note,
                    annotator_id,
                    origin,
                    created_at,
                    updated_at,
                    uid,
                ) = quote_row
                speaker = speakers.get(speaker_id) if speaker_id is not None else None
                records.append(
                    QuoteRecord(
                        spans=pieces.get(quote_id, []),
                        speaker=speaker[0] if speaker else None,
                        speaker_aliases=list(speaker[1]) if speaker else [],
                        mention=(m_start, m_end) if m_start is not None else None,
                        cue=(c_start, c_end) if c_start is not None else None,
                        stance=labels.get(stance_id) if stance_id is not None else None,
                        target=target,
                        quote_type=labels.get(type_id) if type_id is not None else None,
                        note=note,
                        annotator=annotators.get(annotator_id),
                        origin=origin,
                        created_at=created_at,
                        updated_at=updated_at,
                        uid=uid,
                    )
                )
            quote_row = next(quotes, None)
        # Text order, as the window lists them; ids were assigned in creation order.
        records.sort(key=lambda q: q.spans[0][0] if q.spans else -1)
        yield DocumentRecord(
            external_id=external_id,
            title=title,
            text=text,
            source=source,
            metadata=json.loads(metadata),
            status=doc_status,
            quotes=records,
        )


class _Counted:
    """Passes records through while counting documents and quotes."""

    def __init__(self, records: Iterable[DocumentRecord]) -> None:
        self.records = records
        self.documents = 0
        self.quotes = 0

    def __iter__(self) -> Iterator[DocumentRecord]:
        for record in self.records:
            self.documents += 1
            self.quotes += len(record.quotes)
            yield record


def export(
    store: Store,
    format: str,
    output: Path | str,
    *,
    status: str | None = None,
    annotator: str | None = None,
) -> ExportReport:
    """Write the project (filtered) in ``format`` to ``output``, atomically.

    The writer writes a temporary file (or folder) beside ``output``, which
    then replaces it. On any error the old output is untouched and
    :class:`ExportFailed` (or another :class:`AnnotatorError`) says why.
    """
    fmt = formats.writer(format)
    assert fmt.write is not None
    output = Path(output).expanduser()
    records = _Counted(iter_records(store, status=status, annotator=annotator))
    options = WriteOptions(
        stances=tuple(label.name for label in store.labels("stance")),
        quote_types=tuple(label.name for label in store.labels("quote_type")),
    )
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        if fmt.directory:
            temporary = Path(
                tempfile.mkdtemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
            )
        else:
            handle, name = tempfile.mkstemp(
                dir=output.parent, prefix=f".{output.name}.", suffix=".tmp"
            )
            os.close(handle)
            temporary = Path(name)
    except OSError as error:
        raise ExportFailed(f"{output}: cannot write there ({error.strerror or error})") from None
    try:
        fmt.write(records, temporary, options)
        _place(temporary, output, fmt.directory)
    except OSError as error:
        _discard(temporary)
        raise ExportFailed(f"{output}: {error.strerror or error}; nothing was written") from None
    except BaseException:
        _discard(temporary)
        raise
    log.info(
        "exported %d documents, %d quotes as %s to %s",
        records.documents,
        records.quotes,
        format,
        output,
    )
    return ExportReport(output, format, records.documents, records.quotes)


def _place(temporary: Path, output: Path, directory: bool) -> None:
    # mkstemp/mkdtemp make private files; an export is an ordinary file.
    os.chmod(temporary, 0o755 if directory else 0o644)
    if not directory or not output.is_dir():
        os.replace(temporary, output)
        return
    # A folder cannot replace a non-empty folder in one step: move the old one
    # aside, move the new one in, and only then delete the old one.
    old = Path(tempfile.mkdtemp(dir=output.parent, prefix=f".{output.name}.", suffix=".old"))
    os.rmdir(old)
    os.replace(output, old)
    try:
        os.replace(temporary, output)
    except OSError:
        os.replace(old, output)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _discard(temporary: Path) -> None:
    if temporary.is_dir():
        shutil.rmtree(temporary, ignore_errors=True)
    else:
        temporary.unlink(missing_ok=True)
