"""Finding what an import reads: files and folders expanded into import units.

A unit is a file, or a folder a directory format (brat) claims. Folders are
walked recursively, hidden files and dataset cards left out, and files no
format reads listed apart so the import can say so.
"""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core import formats
from annotator.core.errors import AnnotatorError, shown

log = logging.getLogger("annotator.importing")


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
        found_formats[path] = formats.reader_for(path)
    except AnnotatorError:
        return False
    return True


def _beside_data(name: str) -> bool:
    """A dataset card or README in a folder: about the data, not an article."""
    folded = name.casefold()
    return folded.endswith(".card.md") or folded in ("readme.md", "readme.txt", "readme")


# The reader each file of a folder walk was found to need, so that an import
# looks at a file's start once, not once to list it and again to read it.
found_formats: dict[Path, formats.Format] = {}


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
            log.info("skipping %s: %s", shown(child), not_regular(child))


def units(
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
        return [unit for unit, _ in units(paths, format)]
    finally:
        found_formats.clear()


def not_regular(path: Path) -> str:
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
