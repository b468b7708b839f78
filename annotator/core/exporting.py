"""Writing a project out as a dataset, through a format's writer, atomically.

:func:`iter_records` streams the corpus as
:class:`~annotator.core.model.DocumentRecord` objects with four queries in
all (documents, quotes, spans, extra marks), walked side by side in document
order, filtered by status, collection and annotator. :func:`export` writes
them to a temporary file beside the output and renames it into place, so an
interrupted export never leaves a half-written file where a complete one
was; beside it go the documents file of one-row-per-quote formats
(``NAME.documents.EXT``) and the dataset card (``NAME.card.md``, or
``README.md`` inside a folder).
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
from annotator.core.dataset_card import CARD_NAME, ExportCounts, card
from annotator.core.errors import ExportFailed, InvalidValue
from annotator.core.formats import WriteOptions
from annotator.core.formats.hf import split_name
from annotator.core.model import STATUSES, DocumentRecord, ExtraMark, QuoteRecord
from annotator.core.store import Store

log = logging.getLogger("annotator.exporting")


@dataclass
class ExportReport:
    path: Path
    format: str
    documents: int
    quotes: int


@dataclass(frozen=True)
class _Where:
    """SQL conditions on documents, quotes and extra marks, with their parameters."""

    documents: str
    document_params: list[Any]
    quotes: str
    quote_params: list[Any]
    marks: str
    mark_params: list[Any]


def _filters(
    store: Store, status: str | None, annotator: str | None, collection: str | None = None
) -> _Where:
    if status is not None and status not in STATUSES:
        raise InvalidValue(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    documents: list[str] = []
    document_params: list[Any] = []
    if status is not None:
        documents.append("status = ?")
        document_params.append(status)
    if collection is not None:
        known = {c for (c,) in store.conn.execute("SELECT DISTINCT collection FROM documents")}
        if collection not in known:
            listed = ", ".join(repr(c) for c in sorted(known) if c) or "none yet"
            raise InvalidValue(f"no collection named {collection!r} (collections: {listed})")
        documents.append("collection = ?")
        document_params.append(collection)
    owned: list[str] = []
    owned_params: list[Any] = []
    if documents:
        owned.append(f"document_id IN (SELECT id FROM documents WHERE {' AND '.join(documents)})")
        owned_params.extend(document_params)
    if annotator is not None:
        ids = [i for i, name in store.annotators().items() if name == annotator.strip()]
        if not ids:
            known_names = ", ".join(sorted(store.annotators().values())) or "none yet"
            raise InvalidValue(f"no annotator named {annotator!r} (annotators: {known_names})")
        owned.append("annotator_id = ?")
        owned_params.append(ids[0])

    def where(table: str) -> str:
        if not owned:
            return ""
        return "WHERE " + " AND ".join(f"{table}.{condition}" for condition in owned)

    return _Where(
        ("WHERE " + " AND ".join(documents)) if documents else "",
        document_params,
        where("quotes"),
        owned_params,
        where("extra_marks"),
        owned_params,
    )


def iter_records(
    store: Store,
    *,
    status: str | None = None,
    annotator: str | None = None,
    collection: str | None = None,
) -> Iterator[DocumentRecord]:
    """Every document (filtered by status and collection) with its quotes and extra
    marks (filtered by annotator), by id.

    Quotes come in text order; speakers, labels and annotators by name.
    Streams: one document and its quotes are held at a time.
    """
    return _walk(store, _filters(store, status, annotator, collection))


def _walk(store: Store, where: _Where) -> Iterator[DocumentRecord]:
    document_where, document_params = where.documents, where.document_params
    quote_where, quote_params = where.quotes, where.quote_params
    conn = store.conn
    speakers = {
        speaker_id: (name, json.loads(aliases))
        for speaker_id, name, aliases in conn.execute("SELECT id, name, aliases FROM speakers")
    }
    labels = {label.id: label.name for label in store.labels()}
    annotators = store.annotators()
    documents = conn.execute(
        "SELECT id, external_id, title, text, source, metadata, status, collection "
        f"FROM documents {document_where} ORDER BY id",
        document_params,
    )
    quotes = conn.execute(
        "SELECT document_id, id, speaker_id, mention_start, mention_end, cue_start, cue_end, "
        "stance_id, quote_type_id, target, note, annotator_id, origin, created_at, updated_at, "
        f"uid FROM quotes {quote_where} ORDER BY document_id, id",
        quote_params,
    )
    marks = conn.execute(
        "SELECT document_id, annotator_id, format, kind, spans, data FROM extra_marks "
        f"{where.marks} ORDER BY document_id, id",
        where.mark_params,
    )
    mark_row = next(marks, None)
    spans = conn.execute(
        'SELECT quotes.document_id, quote_spans.quote_id, quote_spans.start, quote_spans."end" '
        f"FROM quote_spans JOIN quotes ON quotes.id = quote_spans.quote_id {quote_where} "
        'ORDER BY quotes.document_id, quote_spans.quote_id, quote_spans.start, quote_spans."end"',
        quote_params,
    )
    quote_row = next(quotes, None)
    span_row = next(spans, None)
    for document_id, external_id, title, text, source, metadata, doc_status, coll in documents:
        extra: list[ExtraMark] = []
        while mark_row is not None and mark_row[0] <= document_id:
            if mark_row[0] == document_id:
                _, mark_annotator, format_, kind, mark_spans, data = mark_row
                extra.append(
                    ExtraMark(
                        format_,
                        kind,
                        [(s, e) for s, e in json.loads(mark_spans)],
                        json.loads(data),
                        annotators.get(mark_annotator),
                    )
                )
            mark_row = next(marks, None)
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
            collection=coll,
            extra=extra,
        )


class _Counted:
    """Passes records through while counting what the dataset card reports."""

    def __init__(self, records: Iterable[DocumentRecord]) -> None:
        self.records = records
        self.counts = ExportCounts()

    @property
    def documents(self) -> int:
        return self.counts.documents

    @property
    def quotes(self) -> int:
        return self.counts.quotes

    def __iter__(self) -> Iterator[DocumentRecord]:
        counts = self.counts
        for record in self.records:
            counts.documents += 1
            counts.quotes += len(record.quotes)
            counts.by_collection[record.collection] += 1
            counts.quotes_by_collection[record.collection] += len(record.quotes)
            counts.by_status[record.status] += 1
            counts.splits[split_name(record.collection)] = None
            for quote in record.quotes:
                counts.by_annotator[quote.annotator or ""] += 1
            yield record


def sidecar(output: Path, what: str) -> Path:
    """A file beside a one-file export: ``quotes.csv`` -> ``quotes.documents.csv``."""
    if what == "card":
        return output.with_name(f"{output.stem}.card.md")
    return output.with_name(f"{output.stem}.{what}{output.suffix}")


def in_the_way(output: Path) -> Path | None:
    """A file standing where a folder of ``output``'s path should be, if any."""
    return next((p for p in output.parents if p.exists() and not p.is_dir()), None)


def export(
    store: Store,
    format: str,
    output: Path | str,
    *,
    status: str | None = None,
    annotator: str | None = None,
    collection: str | None = None,
    suggestions: bool = False,
) -> ExportReport:
    """Write the project (filtered) in ``format`` to ``output``, atomically.

    ``suggestions`` adds the open suggestions as quotes of origin ``suggested``
    marked ``open_suggestion`` (Label Studio writes them as predictions, one per
    engine; quotes accepted from suggestions stay in their coder's annotation).

    The writer writes a temporary file (or folder) beside ``output``, which
    then replaces it. On any error the old output is untouched and
    :class:`ExportFailed` (or another :class:`AnnotatorError`) says why.
    """
    fmt = formats.writer(format)
    assert fmt.write is not None
    output = Path(output).expanduser()
    filters = {"status": status, "annotator": annotator, "collection": collection}
    found = iter_records(store, **filters)
    if suggestions:
        from annotator.core.suggestions import with_suggestions

        found = with_suggestions(store, found)
    records = _Counted(found)
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
        blocker = in_the_way(output)
        if blocker is not None:
            reason = f"{blocker} is a file, not a folder"
            raise ExportFailed(f"{output}: cannot write there: {reason}") from None
        raise ExportFailed(f"{output}: cannot write there ({error.strerror or error})") from None
    beside: list[tuple[Path, Path]] = []
    try:
        fmt.write(records, temporary, options)
        files = [output.name]
        if fmt.write_documents is not None and not fmt.directory:
            documents = sidecar(output, "documents")
            beside.append((_temporary_beside(documents), documents))
            fmt.write_documents(iter_records(store, **filters), beside[-1][0], options)
            files.append(documents.name)
        text = card(
            name=store.path.stem if store.path else "Quote Annotator dataset",
            format=format,
            counts=records.counts,
            labels=store.labels(),
            filters=filters,
            files=files if not fmt.directory else _listed(temporary, output),
        )
        if fmt.directory:
            (temporary / CARD_NAME).write_text(text, encoding="utf-8")
        else:
            card_path = sidecar(output, "card")
            beside.append((_temporary_beside(card_path), card_path))
            beside[-1][0].write_text(text, encoding="utf-8")
        for written, place in beside:
            os.chmod(written, 0o644)
            os.replace(written, place)
        _place(temporary, output, fmt.directory)
    except OSError as error:
        _discard(temporary)
        for written, _ in beside:
            _discard(written)
        raise ExportFailed(f"{output}: {error.strerror or error}; nothing was written") from None
    except BaseException:
        _discard(temporary)
        for written, _ in beside:
            _discard(written)
        raise
    log.info(
        "exported %d documents, %d quotes as %s to %s",
        records.documents,
        records.quotes,
        format,
        output,
    )
    return ExportReport(output, format, records.documents, records.quotes)


def _listed(folder: Path, output: Path) -> list[str]:
    """The files of a folder export for its card, or their number when there are many."""
    found = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return found if len(found) <= 20 else [f"{output.name}/ ({len(found)} files)"]


def _temporary_beside(path: Path) -> Path:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    return Path(name)


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
