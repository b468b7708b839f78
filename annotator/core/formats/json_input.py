"""What the JSON readers (jsonl, doccano, Label Studio) share: how a parse error
reads, and a look at a file's start for their ``detect``.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


def loads(text: str, path: Path, line: int | None = None) -> Any:
    """Decode JSON, refusing what :func:`json.loads` cannot take with the file and line.

    Besides syntax errors: nesting deeper than Python's recursion allows
    (``RecursionError``) and integers of more digits than Python converts.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise json_error(path, error, line) from None
    except RecursionError:
        raise ImportFailed(
            path,
            "JSON nested too deeply (arrays or objects within each other hundreds of levels deep)",
            line,
        ) from None
    except ValueError as error:
        # Python refuses to convert integers of more than 4,300 digits.
        raise ImportFailed(path, f"not usable JSON ({error})", line) from None


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


# Bytes read at a time; a string of emoji costs four bytes a character once decoded.
_CHUNK = 1 << 18
_SPACE = " \t\r\n"


class JsonItems:
    """The values of a file holding one JSON array (or one object), read a value at a time.

    Peak memory is about the largest value, not the file: the text is decoded
    in chunks and each value parsed with :meth:`json.JSONDecoder.raw_decode`
    as soon as it is complete. A value over ``limit`` characters is refused
    while it is still being read. ``line`` is the line where the value being
    read starts, for error messages; ``raw`` its source text.
    """

    def __init__(self, path: Path, limit: int) -> None:
        self.path = path
        self.limit = limit
        self.line = 1
        self.raw = ""
        self.start_line = 1
        self.single = False  # the file held one object, not an array
        self._buffer = ""
        self._at = 0
        self._done = False
        self._decoder = json.JSONDecoder()
        self._chunks: Iterator[str] = iter(())
        # Lines between the buffer's start and _counted, already counted.
        self._counted = 0
        self.line_at = 0

    def __iter__(self) -> Iterator[Any]:
        try:
            handle = self.path.open("rb")
        except OSError as error:
            raise ImportFailed(self.path, error.strerror or str(error)) from None
        with handle:
            head = handle.read(4)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                decoder = codecs.getincrementaldecoder("utf-16")()
            else:
                decoder = codecs.getincrementaldecoder("utf-8-sig")()
            self._chunks = _decoded(self.path, handle, head, decoder)
            yield from self._values()

    def _more(self, wanted: int = 1) -> bool:
        """Append at least ``wanted`` more characters if the file has them; False at its end."""
        chunks = []
        got = 0
        while got < wanted and not self._done:
            chunk = next(self._chunks, None)
            if chunk is None:
                self._done = True
            else:
                chunks.append(chunk)
                got += len(chunk)
        if not chunks:
            return False
        # Drop what is parsed, counting its lines for the messages.
        self.line = self._line()
        self._buffer = self._buffer[self._at :] + "".join(chunks)
        self._at = self._counted = self.line_at = 0
        return True

    def _skip_space(self) -> str:
        """The next character that is not white space ("" at the end of the file)."""
        while True:
            while self._at < len(self._buffer) and self._buffer[self._at] in _SPACE:
                self._at += 1
            if self._at < len(self._buffer):
                return self._buffer[self._at]
            if not self._more():
                return ""

    def _values(self) -> Iterator[Any]:
        first = self._skip_space()
        if first == "":
            raise ImportFailed(self.path, "empty file")
        if first == "{":
            self.single = True
            yield self._value()
            if self._skip_space() != "":
                raise ImportFailed(self.path, "more than one JSON value in the file", self._line())
            return
        if first != "[":
            raise ImportFailed(self.path, "expected a JSON array of tasks", self._line())
        self._at += 1
        if self._skip_space() == "]":
            self._at += 1
        else:
            while True:
                yield self._value()
                separator = self._skip_space()
                self._at += 1
                if separator == "]":
                    break
                if separator != ",":
                    found = repr(separator) if separator else "the end of the file"
                    raise ImportFailed(
                        self.path,
                        f"not valid JSON (expected ',' or ']' between values, found {found}); "
                        "the file may be cut short",
                        self._line(),
                    )
        if self._skip_space() != "":
            raise ImportFailed(self.path, "not valid JSON (text after the array)", self._line())

    def _line(self) -> int:
        # Counted from where the last count stopped: once per character in all.
        if self._counted > self._at:
            self._counted = self.line_at = 0
        self.line_at += self._buffer.count("\n", self._counted, self._at)
        self._counted = self._at
        return self.line + self.line_at

    def _value(self) -> Any:
        self._skip_space()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buffer, self._at)
            except json.JSONDecodeError as error:
                if self._grow():
                    continue
                raise ImportFailed(
                    self.path, f"not valid JSON ({error.msg})", self.line + error.lineno - 1
                ) from None
            except RecursionError:
                raise ImportFailed(
                    self.path, "JSON nested too deeply (hundreds of levels)", self._line()
                ) from None
            except ValueError as error:
                raise ImportFailed(self.path, f"not usable JSON ({error})", self._line()) from None
            # A number at the end of the buffer may go on in the next chunk.
            if end == len(self._buffer) and self._grow():
                continue
            if end - self._at > self.limit:
                raise self._too_long()
            self.raw = self._buffer[self._at : end]
            self.start_line = self._line()
            self._at = end
            return value

    def _too_long(self) -> ImportFailed:
        return ImportFailed(
            self.path,
            f"a record is longer than {self.limit // (1024 * 1024)} MB of text, the most "
            "one record may hold; split it",
            self._line(),
        )

    def _grow(self) -> bool:
        """Read more of a value that is not complete yet; False at the end of the file."""
        if len(self._buffer) - self._at > self.limit:
            raise self._too_long()
        # Read at least as much again as is pending, so re-parsing stays linear.
        return self._more(len(self._buffer) - self._at + _CHUNK)


def _decoded(path: Path, handle: Any, head: bytes, decoder: Any) -> Iterator[str]:
    data = head
    while True:
        chunk = handle.read(_CHUNK)
        final = not chunk
        try:
            text = decoder.decode(data + chunk, final)
        except UnicodeDecodeError as error:
            raise ImportFailed(
                path,
                f"not valid UTF-8 (byte 0x{error.object[error.start]:02x}); "
                "save the file as UTF-8 and import it again",
            ) from None
        data = b""
        if "\x00" in text:
            raise ImportFailed(path, "binary file, not text")
        if text:
            yield text
        if final:
            return
