"""Where a document came from, said without the importer's own folders.

A document's ``source`` is stored in the project and written into exports
that others receive, so it never holds an absolute local path (a home
folder names its owner): it is the file's path relative to what was
imported, or just its name.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath


def _absolute(source: str) -> bool:
    return PurePosixPath(source).is_absolute() or PureWindowsPath(source).is_absolute()


def shareable_source(source: str) -> str:
    """``source`` as it may be stored and exported: an absolute path becomes its file name."""
    if not _absolute(source):
        return source
    return PureWindowsPath(source).name if "\\" in source else PurePosixPath(source).name


def relative_source(source: str, unit: Path, root: Path | None) -> str:
    """The source of a document read from ``unit``, relative to what was imported.

    ``root`` is the folder the import was given (None when ``unit`` was named
    directly, whose own folder then counts). A source the reader gave is kept
    when relative; an absolute one, or the unit itself, is made relative.
    """
    if source and not _absolute(source):
        return source
    base = (root if root is not None else unit.parent).absolute()
    path = Path(source).absolute() if source else unit.absolute()
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.name
