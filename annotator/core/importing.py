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
import contextlib
import dataclasses
import logging
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core import bulk, formats, project_file
from annotator.core import paths as core_paths
from annotator.core.errors import AnnotatorError, ImportFailed, StoreError, shown
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
    # Why the run stopped before the end, when the project itself refused a write.
    stopped: str | None = None
    # Files inside the imported folders that no import format reads (.docx, .pdf).
    not_read: list[Path] = dataclasses.field(default_factory=list)

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
        _found_formats[path] = formats.reader_for(path)
    except AnnotatorError:
        return False
    return True


def _beside_data(name: str) -> bool:
    """A dataset card or README in a folder: about the data, not an article."""
    folded = name.casefold()
    return folded.endswith(".card.md") or folded in ("readme.md", "readme.txt", "readme")


# The reader each file of a folder walk was found to need, so that an import
# looks at a file's start once, not once to list it and again to read it.
_found_formats: dict[Path, formats.Format] = {}


def _walk(
    folder: Path, format: str | None, visited: set[Path], not_read: list[Path]
) -> Iterator[Path]:
    # A symlinked folder is followed once: a link to a parent would loop.
    real = folder.resolve()
    if real in visited:
        log.info("skipping %s: a link to a folder already read", shown(folder))
        return
    visited.add(real)
    try:
        children = sorted(folder.iterdir())
    except OSError as error:
        log.warning("skipping %s: %s", shown(folder), error.strerror or error)
        return
    for child in children:
        if child.name.startswith(".") or (child.is_file() and _beside_data(child.name)):
            continue
        if child.is_dir():
            if _claimed(child, format):
                yield child
            else:
                yield from _walk(child, format, visited, not_read)
        elif child.is_file():
            if _readable(child, format):
                yield child
            else:
                # Folders hold READMEs and images; only files a format reads count.
                log.info("skipping %s: no import format reads it", shown(child))
                not_read.append(child)
        else:
            log.info("skipping %s: %s", shown(child), _not_regular(child))


def _units(
    paths: Iterable[Path | str], format: str | None, not_read: list[Path] | None = None
) -> list[tuple[Path, Path | None]]:
    """Import units with the folder each was found in (None for a path given directly).

    Files in the folders that no format reads are appended to ``not_read``.
    """
    not_read = [] if not_read is None else not_read
    found: dict[Path, Path | None] = {}
    visited: set[Path] = set()
    for item in paths:
        path = Path(item).expanduser()
        if not path.exists():
            raise AnnotatorError(f"{shown(path)}: no such file or folder")
        if path.is_dir() and not _claimed(path, format):
            for unit in _walk(path, format, visited, not_read):
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
    try:
        return [unit for unit, _ in _units(paths, format)]
    finally:
        _found_formats.clear()


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
    not_read: list[Path] = []
    units = _units(paths, format, not_read)
    report = ImportReport(files=[], unsupported=collections.Counter(), not_read=not_read)
    registry: bulk.Registry | None = None
    group = _Group(store)
    unit: Path | None = None
    try:
        for done, (unit, root) in enumerate(units):
            if progress is not None and progress(done, len(units), unit) is False:
                report.cancelled = True
                log.info("import cancelled after %d of %d files", done, len(units))
                break
            group.begin()
            if registry is None or not registry.current(store):
                registry = bulk.Registry(store)
            outcome, unsupported = _import_unit(store, unit, root, format, options, registry)
            report.files.append(outcome)
            group.outcomes.append(outcome)
            if outcome.error is not None:
                registry = None  # its rows were rolled back with the file
            else:
                report.unsupported.update(unsupported)
                options.unsupported.update(unsupported)
            group.commit_if_due()
        group.commit()
    except StoreError as error:
        # The project refused (full disk, read-only): what this group held is not stored.
        group.abandon(error)
        report.stopped = error.reason
        if unit is not None and not any(outcome.path == unit for outcome in report.files):
            # The file being read when the project refused: listed, so the run fails.
            report.files.append(FileOutcome(unit, 0, 0, 0, _naming(unit, error.reason)))
    finally:
        _found_formats.clear()
    log.info(
        "imported %d documents (%d skipped, %d quotes) from %d files, %d failed",
        report.added,
        report.skipped,
        report.quotes,
        len(report.files),
        len(report.failed),
    )
    return report


# Files are committed in groups: each file is still whole or nothing (a
# savepoint), but a commit (an fsync) per file would cap a folder at a few
# hundred files a second. A group holds the write lock this long at most,
# so a window on the same project waits no longer than that.
_GROUP_SECONDS = 0.2


class _Group:
    """The transaction around a group of files, committed every :data:`_GROUP_SECONDS`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.outcomes: list[FileOutcome] = []
        self._transaction: contextlib.AbstractContextManager[object] | None = None
        self._since = 0.0

    def begin(self) -> None:
        if self._transaction is None:
            self._transaction = self.store.transaction()
            self._transaction.__enter__()
            self._since = time.monotonic()
            self.outcomes = []

    def commit_if_due(self) -> None:
        if time.monotonic() - self._since >= _GROUP_SECONDS:
            self.commit()

    def commit(self) -> None:
        transaction, self._transaction = self._transaction, None
        if transaction is not None:
            transaction.__exit__(None, None, None)

    def abandon(self, error: StoreError) -> None:
        transaction, self._transaction = self._transaction, None
        if transaction is not None:
            with contextlib.suppress(StoreError):
                transaction.__exit__(StoreError, error, None)
        for outcome in self.outcomes:
            if outcome.error is None:
                outcome.added = outcome.skipped = outcome.quotes = outcome.extended = 0
                outcome.error = _naming(outcome.path, error.reason)


def _import_unit(
    store: Store,
    unit: Path,
    root: Path | None,
    format: str | None,
    options: ReadOptions,
    registry: bulk.Registry | None = None,
) -> tuple[FileOutcome, collections.Counter[str]]:
    unit_options = dataclasses.replace(options, unsupported=collections.Counter())
    try:
        if not unit.is_dir() and not unit.is_file():
            raise ImportFailed(unit, _not_regular(unit))
        fmt = _found_formats.pop(unit, None) or formats.reader_for(unit, format)
        assert fmt.read is not None
        with store.transaction():
            records = _named_from_root(fmt.read(unit, unit_options), unit, root)
            batch = _store_records(store, records, shown(unit), registry)
            added, skipped, quotes = batch.added, batch.skipped, batch.quotes
            if added + skipped == 0:
                if unit_options.refused:
                    raise ImportFailed(unit, "; ".join(unit_options.refused))
                raise ImportFailed(unit, "no articles found in the file")
    except StoreError:
        raise  # the project, not this file: the run cannot go on
    except sqlite3.OperationalError as error:
        raise StoreError(store.path, project_file.reason(error, writing=True)) from None
    except ImportFailed as error:
        message = str(error)
    except AnnotatorError as error:
        message = _naming(unit, str(error))
    except OSError as error:
        message = _naming(unit, error.strerror or str(error))
    except (RecursionError, ValueError, TypeError, KeyError, IndexError, AttributeError) as error:
        # A shape no check above foresaw: still one line naming the file, never a traceback.
        log.info("unforeseen input in %s", shown(unit), exc_info=True)
        message = _naming(unit, f"cannot be read ({type(error).__name__}: {error})")
    else:
        log.info("%s: %d added, %d skipped, %d quotes", shown(unit), added, skipped, quotes)
        outcome = FileOutcome(
            unit, added, skipped, quotes, None, batch.extended, list(unit_options.refused)
        )
        return outcome, unit_options.unsupported
    # The caller reports refusals; logging them too would say each one twice.
    message = " ".join(message.splitlines())
    log.info("import refused: %s", message)
    return FileOutcome(unit, 0, 0, 0, message), unit_options.unsupported


def _naming(unit: Path, message: str) -> str:
    return message if message.startswith(shown(unit)) else f"{shown(unit)}: {message}"


def _not_regular(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return error.strerror or str(error)
    kind = (
        "a named pipe"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    return f"{kind}, not a file; skipped"


def _named_from_root(
    records: Iterable[DocumentRecord], unit: Path, root: Path | None
) -> Iterator[DocumentRecord]:
    """Give documents named after their file the path relative to the folder imported.

    Two ``article.txt`` in different subfolders are different articles, and
    the relative path stays the same when the folder is imported again.
    """
    relative = unit.relative_to(root).as_posix() if root is not None else unit.name
    for record in records:
        # Never the importer's absolute path: it names their folders in every export.
        record.source = shown(relative_source(record.source, unit, root))
        # A name with bytes that are not UTF-8 is kept escaped, as it is shown.
        if record.external_id == unit.name:
            record = dataclasses.replace(record, external_id=shown(relative))
        if record.title == unit.stem:
            record = dataclasses.replace(record, title=shown(unit.stem))
        yield record


def import_seeds(store: Store) -> ImportReport:
    """Import the bundled sample articles."""
    return import_paths(store, [core_paths.seeds_dir()])


def import_records(
    store: Store,
    records: Iterable[DocumentRecord],
    source: str,
    registry: bulk.Registry | None = None,
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
    batch = _store_records(store, records, source, registry)
    return batch.added, batch.skipped, batch.quotes


def _store_records(
    store: Store,
    records: Iterable[DocumentRecord],
    source: str,
    registry: bulk.Registry | None = None,
) -> bulk.Batch:
    batch = bulk.Batch(store, source, registry)
    with store.transaction(), bulk.without_cycle_collection():
        for record in records:
            batch.add(record)
        batch.flush()
    return batch
