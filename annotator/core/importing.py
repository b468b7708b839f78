"""Bringing articles into a project: files and folders in, documents and quotes stored.

Each import unit (a file, or a folder a directory format claims) is read by
its format and stored in one transaction: it imports whole or not at all. A
run over many units stores the good ones and reports each bad one with its
reason. Documents are keyed by their external id; the same id with the same
text is skipped, with different text refused, so existing annotations never
point into a changed text.
"""

from __future__ import annotations

import collections
import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core import bulk, formats
from annotator.core import paths as core_paths
from annotator.core.errors import AnnotatorError, ImportFailed
from annotator.core.formats import ReadOptions
from annotator.core.model import DocumentRecord
from annotator.core.sources import relative_source
from annotator.core.store import Store

log = logging.getLogger("annotator.importing")

Progress = Callable[[int, int, Path], bool | None]


@dataclass
class FileOutcome:
    path: Path
    added: int  # documents stored
    skipped: int  # already present with identical text (reported, not an error)
    quotes: int  # quotes stored
    error: str | None  # why the whole file was refused (file name and line included)
    # Quotes added to documents already present (another annotator's file of a text).
    extended: int = 0
    # Parts refused while the rest of the unit was imported (a brat text and its files).
    refused: list[str] = dataclasses.field(default_factory=list)


@dataclass
class ImportReport:
    files: list[FileOutcome]
    # What sources held that the model cannot keep (name -> count).
    unsupported: collections.Counter[str]
    cancelled: bool = False

    @property
    def added(self) -> int:
        return sum(outcome.added for outcome in self.files)

    @property
    def skipped(self) -> int:
        return sum(outcome.skipped for outcome in self.files)

    @property
    def quotes(self) -> int:
        return sum(outcome.quotes for outcome in self.files)

    @property
    def extended(self) -> int:
        return sum(outcome.extended for outcome in self.files)

    @property
    def refused(self) -> list[str]:
        """Every refusal: whole units and the parts of units refused alone."""
        return [
            message
            for outcome in self.files
            for message in (outcome.refused or ([outcome.error] if outcome.error else []))
        ]

    @property
    def failed(self) -> list[FileOutcome]:
        return [outcome for outcome in self.files if outcome.error is not None]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.refused


# -- finding the files ---------------------------------------------------------


def _claimed(folder: Path, format: str | None) -> bool:
    """Whether a directory format (brat) reads this folder as one unit."""
    for name, fmt in formats.readers().items():
        if format not in (None, name) or not fmt.directory or fmt.detect is None:
            continue
        if fmt.detect(folder):
            return True
    return False


def _readable(path: Path, format: str | None) -> bool:
    if format is not None:
        fmt = formats.reader_for(path, format)
        return not fmt.extensions or path.suffix.lower() in fmt.extensions
    try:
        formats.reader_for(path)
    except AnnotatorError:
        return False
    return True


def _beside_data(name: str) -> bool:
    """A dataset card or README in a folder: about the data, not an article."""
    folded = name.casefold()
    return folded.endswith(".card.md") or folded in ("readme.md", "readme.txt", "readme")


def _walk(folder: Path, format: str | None) -> Iterator[Path]:
    for child in sorted(folder.iterdir()):
        if child.name.startswith(".") or (child.is_file() and _beside_data(child.name)):
            continue
        if child.is_dir():
            if _claimed(child, format):
                yield child
            else:
                yield from _walk(child, format)
        elif child.is_file():
            if _readable(child, format):
                yield child
            else:
                # Folders hold READMEs and images; only files a format reads count.
                log.info("skipping %s: no import format reads it", child)


def _units(paths: Iterable[Path | str], format: str | None) -> list[tuple[Path, Path | None]]:
    """Import units with the folder each was found in (None for a path given directly)."""
    found: dict[Path, Path | None] = {}
    for item in paths:
        path = Path(item).expanduser()
        if not path.exists():
            raise AnnotatorError(f"{path}: no such file or folder")
        if path.is_dir() and not _claimed(path, format):
            for unit in _walk(path, format):
                found.setdefault(unit, path)
        else:
            found.setdefault(path, None)
    return sorted(found.items())


def collect(paths: Iterable[Path | str], format: str | None = None) -> list[Path]:
    """Expand folders recursively into import units, sorted, skipping hidden files.

    A unit is a file, or a folder that a directory format claims through its
    ``detect``. Inside folders only files some format reads are kept; a file
    named directly is always kept (and refused later if nothing reads it).
    Raises :class:`AnnotatorError` for a path that does not exist.
    """
    return [unit for unit, _ in _units(paths, format)]


# -- importing -------------------------------------------------------------------


def import_paths(
    store: Store,
    paths: Iterable[Path | str],
    *,
    format: str | None = None,
    options: ReadOptions | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import each unit in its own transaction (whole or nothing).

    ``progress(done, total, current)`` is called before each unit; returning
    ``False`` cancels (units already done stay, ``report.cancelled`` is set).
    """
    options = options or ReadOptions()
    units = _units(paths, format)
    report = ImportReport(files=[], unsupported=collections.Counter())
    for done, (unit, root) in enumerate(units):
        if progress is not None and progress(done, len(units), unit) is False:
            report.cancelled = True
            log.info("import cancelled after %d of %d files", done, len(units))
            break
        outcome, unsupported = _import_unit(store, unit, root, format, options)
        report.files.append(outcome)
        if outcome.error is None:
            report.unsupported.update(unsupported)
            options.unsupported.update(unsupported)
    log.info(
        "imported %d documents (%d skipped, %d quotes) from %d files, %d failed",
        report.added,
        report.skipped,
        report.quotes,
        len(report.files),
        len(report.failed),
    )
    return report


def _import_unit(
    store: Store, unit: Path, root: Path | None, format: str | None, options: ReadOptions
) -> tuple[FileOutcome, collections.Counter[str]]:
    unit_options = dataclasses.replace(options, unsupported=collections.Counter())
    try:
        fmt = formats.reader_for(unit, format)
        assert fmt.read is not None
        with store.transaction():
            records = _named_from_root(fmt.read(unit, unit_options), unit, root)
            batch = _store_records(store, records, str(unit))
            added, skipped, quotes = batch.added, batch.skipped, batch.quotes
            if added + skipped == 0:
                if unit_options.refused:
                    raise ImportFailed(unit, "; ".join(unit_options.refused))
                raise ImportFailed(unit, "no articles found in the file")
    except ImportFailed as error:
        message = str(error)
    except AnnotatorError as error:
        message = _naming(unit, str(error))
    except OSError as error:
        message = _naming(unit, error.strerror or str(error))
    else:
        log.info("%s: %d added, %d skipped, %d quotes", unit, added, skipped, quotes)
        outcome = FileOutcome(
            unit, added, skipped, quotes, None, batch.extended, list(unit_options.refused)
        )
        return outcome, unit_options.unsupported
    log.warning("import refused: %s", message)
    return FileOutcome(unit, 0, 0, 0, message), unit_options.unsupported


def _naming(unit: Path, message: str) -> str:
    return message if message.startswith(str(unit)) else f"{unit}: {message}"


def _named_from_root(
    records: Iterable[DocumentRecord], unit: Path, root: Path | None
) -> Iterator[DocumentRecord]:
    """Give documents named after their file the path relative to the folder imported.

    Two ``article.txt`` in different subfolders are different articles, and
    the relative path stays the same when the folder is imported again.
    """
    relative = unit.relative_to(root).as_posix() if root is not None else None
    for record in records:
        # Never the importer's absolute path: it names their folders in every export.
        record.source = relative_source(record.source, unit, root)
        if relative is not None and record.external_id == unit.name:
            record = dataclasses.replace(record, external_id=relative)
        yield record


def import_seeds(store: Store) -> ImportReport:
    """Import the bundled sample articles."""
    return import_paths(store, [core_paths.seeds_dir()])


def import_records(
    store: Store, records: Iterable[DocumentRecord], source: str
) -> tuple[int, int, int]:
    """Store documents and their quotes; return (added, skipped, quotes).

    Runs inside one :meth:`Store.transaction` (a savepoint within the
    caller's). The same external id with identical text is skipped, but the
    quotes it brings that the document lacks (by annotator and spans, or
    uid) are added to it (a second annotator's file of one text); with
    different text :class:`ConflictingDocument` is raised. Spans, mention and
    cue are checked against the text (:class:`InvalidSpan`). Speakers are
    found by name or alias or created (with their aliases); stances and
    types by name, added to the scheme if new; annotators by name (default:
    the operating-system user). Quote timestamps are kept when given.
    """
    batch = _store_records(store, records, source)
    return batch.added, batch.skipped, batch.quotes


def _store_records(store: Store, records: Iterable[DocumentRecord], source: str) -> bulk.Batch:
    batch = bulk.Batch(store, source)
    with store.transaction(), bulk.without_cycle_collection():
        for record in records:
            batch.add(record)
        batch.flush()
    return batch
