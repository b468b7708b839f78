"""Bringing articles into a project: files and folders in, documents and quotes stored.

Each file is read by its format and stored whole or not at all; a brat
folder is stored text by text, each text whole or nothing, a bad text refused
alone with its annotation files. Commits come every fifth of a second between
files and texts, so a window on the same project never waits longer. A run
over many units stores the good ones and reports each bad one with its
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
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core import bulk, formats, import_files, project_file
from annotator.core import paths as core_paths
from annotator.core.errors import AnnotatorError, ImportFailed, StoreError, shown
from annotator.core.formats import ReadOptions, brat
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


# -- importing -------------------------------------------------------------------


def collect(paths: Iterable[Path | str], format: str | None = None) -> list[Path]:
    """Expand folders recursively into import units (see :func:`import_files.collect`)."""
    return import_files.collect(paths, format)


def import_paths(
    store: Store,
    paths: Iterable[Path | str],
    *,
    format: str | None = None,
    options: ReadOptions | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import each file whole or nothing, and each text of a brat folder so.

    ``progress(done, total, current)`` is called before each file and each
    text of a brat folder (``total`` counts both); returning ``False`` cancels
    (what is done stays, ``report.cancelled`` is set).
    """
    options = options or ReadOptions()
    not_read: list[Path] = []
    units = import_files.units(paths, format, not_read)
    report = ImportReport(files=[], unsupported=collections.Counter(), not_read=not_read)
    # A brat folder imports text by text: the group commits between its texts
    # and progress counts them, so a folder of 800 texts never holds the lock
    # throughout nor stands at 0 of 1.
    texts = {unit: _brat_texts(unit, format) for unit, _ in units}
    total = sum(len(found[0]) if found else 1 for found in texts.values())
    run = _Run(store, report, options, progress, total)
    unit: Path | None = None
    try:
        for unit, root in units:
            found = texts[unit]
            if found is not None:
                if not run.folder(unit, root, *found):
                    break
                continue
            if not run.step(unit):
                break
            run.group.begin()
            outcome, unsupported = _import_unit(store, unit, root, format, options, run.registry())
            run.done_unit(outcome, unsupported)
        run.group.commit()
    except StoreError as error:
        # The project refused (full disk, read-only): what this group held is not stored.
        run.group.abandon(error)
        report.stopped = error.reason
        if unit is not None and not any(outcome.path == unit for outcome in report.files):
            # The file being read when the project refused: listed, so the run fails.
            report.files.append(FileOutcome(unit, 0, 0, 0, _naming(unit, error.reason)))
    finally:
        import_files.found_formats.clear()
    log.info(
        "imported %d documents (%d skipped, %d quotes) from %d files, %d failed",
        report.added,
        report.skipped,
        report.quotes,
        len(report.files),
        len(report.failed),
    )
    return report


def _brat_texts(unit: Path, format: str | None) -> tuple[list[brat.BratText], list[str]] | None:
    """The texts of a brat folder, read one by one; None for any other unit."""
    if format not in (None, "brat") or not unit.is_dir():
        return None
    try:
        if formats.reader_for(unit, format).read is not brat.read_brat:
            return None
        texts, refused = brat.brat_texts(unit)
    except (AnnotatorError, OSError):
        return None  # refused, with its reason, when read as one unit
    # With no text at all, the folder is refused as a whole, naming each .ann.
    return (texts, refused) if texts else None


# Shapes of input no check foresaw: still one line naming the file, never a traceback.
_UNFORESEEN = (RecursionError, ValueError, TypeError, KeyError, IndexError, AttributeError)


def _text_refused(text: brat.BratText, error: Exception) -> str:
    """One line: the text of a brat folder refused with its files, and why."""
    text_path, anns = text
    if isinstance(error, AnnotatorError):
        reason = str(error)
    elif isinstance(error, OSError):
        reason = error.strerror or str(error)
    else:
        log.info("unforeseen input in %s", shown(text_path), exc_info=True)
        reason = f"cannot be read ({type(error).__name__}: {error})"
    files = ", ".join(ann.name for ann, _ in anns)
    message = f"{_naming(text_path, reason)} (refused {text_path.name} with {files})"
    return " ".join(message.splitlines())


class _Run:
    """An import run: its report, its progress and the group it commits in."""

    def __init__(
        self,
        store: Store,
        report: ImportReport,
        options: ReadOptions,
        progress: Progress | None,
        total: int,
    ) -> None:
        self.store = store
        self.report = report
        self.options = options
        self.progress = progress
        self.total = total
        self.done = 0
        self.group = _Group(store)
        self._registry: bulk.Registry | None = None

    def registry(self) -> bulk.Registry:
        if self._registry is None or not self._registry.current(self.store):
            self._registry = bulk.Registry(self.store)
        return self._registry

    def step(self, current: Path) -> bool:
        """Report progress before a file or text; False when the person cancelled."""
        if self.progress is not None and self.progress(self.done, self.total, current) is False:
            self.report.cancelled = True
            log.info("import cancelled after %d of %d files", self.done, self.total)
            return False
        self.done += 1
        return True

    def done_unit(self, outcome: FileOutcome, unsupported: collections.Counter[str]) -> None:
        self.report.files.append(outcome)
        self.group.hold(outcome)
        if outcome.error is not None:
            self._registry = None  # its rows were rolled back with the file
        else:
            self.report.unsupported.update(unsupported)
            self.options.unsupported.update(unsupported)
        self.group.commit_if_due()

    def folder(
        self, unit: Path, root: Path | None, texts: list[brat.BratText], refused: list[str]
    ) -> bool:
        """Import a brat folder text by text, each whole or nothing; False when cancelled.

        A text refused (its files wrong, or its id already in the project with
        other text) is refused alone with its files; the others are stored.
        """
        outcome = FileOutcome(unit, 0, 0, 0, None, 0, list(refused))
        unsupported: collections.Counter[str] = collections.Counter()
        self.report.files.append(outcome)
        cancelled = False
        for text in texts:
            if not self.step(text[0]):
                cancelled = True
                break
            self.group.begin()
            self.group.hold(outcome, whole=False)
            text_options = dataclasses.replace(
                self.options, unsupported=collections.Counter(), refused=[]
            )
            try:
                with self.store.transaction():
                    record = brat.read_brat_text(text, text_options)
                    records = _named_from_root([record], unit, root)
                    batch = _store_records(self.store, records, shown(unit), self.registry())
            except StoreError:
                raise
            except sqlite3.OperationalError as error:
                raise StoreError(
                    self.store.path, project_file.reason(error, writing=True)
                ) from None
            except brat.TextRefused as error:  # read, not stored: the registry holds
                outcome.refused.append(" ".join(str(error).splitlines()))
            except (AnnotatorError, OSError, *_UNFORESEEN) as error:
                outcome.refused.append(_text_refused(text, error))
                self._registry = None  # its rows were rolled back with the text
            else:
                outcome.added += batch.added
                outcome.skipped += batch.skipped
                outcome.quotes += batch.quotes
                outcome.extended += batch.extended
                unsupported.update(text_options.unsupported)
            self.group.commit_if_due()
        if cancelled and outcome.added + outcome.skipped + len(outcome.refused) == 0:
            self.report.files.remove(outcome)  # cancelled before its first text
        elif outcome.added + outcome.skipped == 0 and not cancelled:
            outcome.error = _naming(unit, "; ".join(outcome.refused) or "no articles found")
            outcome.refused = []
        self.report.unsupported.update(unsupported)
        self.options.unsupported.update(unsupported)
        log.info(
            "%s: %d added, %d skipped, %d quotes, %d refused",
            shown(unit),
            outcome.added,
            outcome.skipped,
            outcome.quotes,
            len(outcome.refused),
        )
        return not cancelled


# Files are committed in groups: each file is still whole or nothing (a
# savepoint), but a commit (an fsync) per file would cap a folder at a few
# hundred files a second. A group holds the write lock this long at most,
# so a window on the same project waits no longer than that.
_GROUP_SECONDS = 0.2


class _Group:
    """The transaction around a group of files, committed every :data:`_GROUP_SECONDS`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        # What each file of this group had stored before it (a brat folder spans groups).
        self.outcomes: dict[int, tuple[FileOutcome, tuple[int, int, int, int]]] = {}
        self._transaction: contextlib.AbstractContextManager[object] | None = None
        self._since = 0.0

    def begin(self) -> None:
        if self._transaction is None:
            self._transaction = self.store.transaction()
            self._transaction.__enter__()
            self._since = time.monotonic()
            self.outcomes = {}

    def hold(self, outcome: FileOutcome, whole: bool = True) -> None:
        """Note a file (``whole``) or a brat folder's next text as having rows in this group."""
        counts = (
            (0, 0, 0, 0)
            if whole
            else (outcome.added, outcome.skipped, outcome.quotes, outcome.extended)
        )
        self.outcomes.setdefault(id(outcome), (outcome, counts))

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
        for outcome, before in self.outcomes.values():
            if outcome.error is None:
                # What earlier groups committed of a brat folder stays, and is counted.
                outcome.added, outcome.skipped, outcome.quotes, outcome.extended = before
                outcome.error = _naming(outcome.path, error.reason)


def _import_unit(
    store: Store,
    unit: Path,
    root: Path | None,
    format: str | None,
    options: ReadOptions,
    registry: bulk.Registry | None = None,
) -> tuple[FileOutcome, collections.Counter[str]]:
    unit_options = dataclasses.replace(options, unsupported=collections.Counter(), refused=[])
    try:
        if not unit.is_dir() and not unit.is_file():
            raise ImportFailed(unit, import_files.not_regular(unit))
        fmt = import_files.found_formats.pop(unit, None) or formats.reader_for(unit, format)
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
    except _UNFORESEEN as error:
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
