"""The registry of file formats: what can be read (imported) and written (exported).

Each format module registers one :class:`Format`. A reader turns a path into
:class:`~annotator.core.model.DocumentRecord` objects and raises
:class:`~annotator.core.errors.ImportFailed` naming the file (and line) on bad
input; a writer writes records to a path that the exporter then moves into
place atomically. Readers and writers never touch the store.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.model import DocumentRecord

# The largest single record a reader takes (a JSON Lines line, a Label Studio
# task, a CSV cell), in characters: larger ones are refused as soon as they
# are seen, before they fill the memory. A long novel is 2 million.
MAX_RECORD = 16 * 1024 * 1024


@dataclass
class ReadOptions:
    """Settings for readers, and where they report what they could not keep."""

    id_field: str = "id"
    title_field: str = "title"
    text_field: str = "text"
    annotator: str | None = None
    # What a source holds that the model cannot ("brat type Foo" -> 3). Never
    # dropped silently: the importer reports every entry by name and count.
    unsupported: collections.Counter[str] = field(default_factory=collections.Counter)
    # Parts of a unit refused while the rest is read (one line each: file and
    # problem), as a brat text whose annotation files are wrong.
    refused: list[str] = field(default_factory=list)


@dataclass
class WriteOptions:
    """Settings for writers."""

    # Scheme names, in scheme order, for formats that declare their labels.
    stances: tuple[str, ...] = ()
    quote_types: tuple[str, ...] = ()


Reader = Callable[[Path, ReadOptions], Iterator[DocumentRecord]]
Writer = Callable[[Iterable[DocumentRecord], Path, WriteOptions], None]


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    extensions: tuple[str, ...] = ()
    read: Reader | None = None
    write: Writer | None = None
    # Reads or writes a folder (brat) rather than a single file.
    directory: bool = False
    # Whether a path (file or folder) looks like this format, beyond its extension.
    detect: Callable[[Path], bool] | None = None
    # For formats of one row per quote: the documents file written beside it
    # (``NAME.documents.EXT``), so documents without quotes are exported too.
    write_documents: Writer | None = None


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    FORMATS[fmt.name] = fmt
    return fmt


_loaded = False


def _load_builtin() -> None:
    # Imported for their register() side effect; order is the order of help texts.
    # Once: an import of 20,000 files asks for the readers 40,000 times.
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib

    for module in (
        "jsonl",
        "csv_format",
        "plain",
        "html",
        "brat",
        "label_studio",
        "doccano",
        "conll",
        "parquet",
        "hf",
    ):
        try:
            importlib.import_module(f"annotator.core.formats.{module}")
        except ModuleNotFoundError as error:
            if error.name != f"annotator.core.formats.{module}":
                raise


def readers() -> dict[str, Format]:
    _load_builtin()
    return {name: fmt for name, fmt in FORMATS.items() if fmt.read is not None}


def writers() -> dict[str, Format]:
    _load_builtin()
    return {name: fmt for name, fmt in FORMATS.items() if fmt.write is not None}


def reader_for(path: Path, name: str | None = None) -> Format:
    """The reader for ``path``: by ``name`` when given, else by content, then extension."""
    available = readers()
    if name is not None:
        if name not in available:
            raise AnnotatorError(
                f"unknown import format {name!r}; choose one of {', '.join(sorted(available))}"
            )
        return available[name]
    for fmt in available.values():
        if fmt.detect is not None and fmt.detect(path):
            return fmt
    suffix = path.suffix.lower()
    # By extension: formats without a content test first, since a format whose
    # detect() just declined the file is the wrong guess for it.
    by_extension = [f for f in available.values() if suffix in f.extensions and not f.directory]
    for fmt in sorted(by_extension, key=lambda f: f.detect is not None):
        return fmt
    raise AnnotatorError(f"{path}: no import format reads {suffix or 'files without extension'}")


def writer(name: str) -> Format:
    available = writers()
    if name not in available:
        raise AnnotatorError(
            f"unknown export format {name!r}; choose one of {', '.join(available)}"
        )
    return available[name]
