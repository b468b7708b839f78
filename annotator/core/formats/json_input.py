"""What the JSON readers (jsonl, doccano, Label Studio) share: how a parse error
reads, and a look at a file's start for their ``detect``.
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.errors import ImportFailed

# Enough of a file to see its first record's keys without reading a corpus.
_PEEK = 65536


def json_error(path: Path, error: json.JSONDecodeError, line: int | None = None) -> ImportFailed:
    """The refusal for JSON that does not parse.

    ``line`` is the line number of a JSON Lines record; a column within it
    helps, and a broken record is most often one cut short. Without it the
    whole file was one document and the error's own line is named.
    """
    if line is None:
        return ImportFailed(path, f"not valid JSON ({error.msg})", error.lineno)
    # Some messages end with their own "at" ("Unterminated string starting at").
    what = error.msg.removesuffix(" at")
    return ImportFailed(
        path,
        f"not valid JSON ({what} at column {error.colno}); the line may be cut short",
        line,
    )


def peek(path: Path, suffixes: tuple[str, ...]) -> str | None:
    """The start of a file with one of ``suffixes``, past any BOM and space; else None."""
    try:
        if path.suffix.lower() not in suffixes or not path.is_file():
            return None
        with path.open("rb") as handle:
            head = handle.read(_PEEK).decode("utf-8", errors="ignore")
    except OSError:
        return None
    return head.lstrip("\ufeff \t\r\n")
