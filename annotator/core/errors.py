"""Domain exceptions. Core raises them; the GUI and CLI turn them into messages."""

from __future__ import annotations

from pathlib import Path


def shown(path: Path | str) -> str:
    """A file name as one readable line: undecodable bytes and control characters escaped."""
    text = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


class AnnotatorError(Exception):
    """Base of every error a user can cause and be told about in one line."""


class StoreError(AnnotatorError):
    """The project file cannot be opened or used (corrupt, newer, foreign, locked)."""

    def __init__(self, path: Path | str | None, reason: str) -> None:
        self.path = path
        self.reason = reason
        where = f"{shown(path)}: " if path is not None else ""
        super().__init__(f"{where}{reason}")


class ProjectBusy(StoreError):
    """Another program holds the project's write lock; the same write may succeed later."""


class NotFound(AnnotatorError):
    """A document, quote, speaker or label id or name does not exist."""


class InvalidSpan(AnnotatorError):
    """An offset pair lies outside the document text or is empty or reversed."""


class InvalidValue(AnnotatorError):
    """A field value is not acceptable (unknown status, duplicate name, ...)."""


class ChangedElsewhere(AnnotatorError):
    """Undo or redo would overwrite what another window or program changed since."""


class ImportFailed(AnnotatorError):
    """One input file could not be imported; nothing of it was stored."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{shown(path)}, line {line}" if line is not None else shown(path)
        super().__init__(f"{where}: {reason}")


class ConflictingDocument(AnnotatorError):
    """A document with this external id exists with different text."""


class ExportFailed(AnnotatorError):
    """An export could not be written."""
