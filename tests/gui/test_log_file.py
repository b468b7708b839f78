"""The window's log file in the user log folder, rotated."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.gui import log_file


@pytest.fixture
def terminal() -> Iterator[io.StringIO]:
    """A terminal handler as ``annotator`` without -v sets one up; everything put back after."""
    root = logging.getLogger()
    application = logging.getLogger("annotator")
    saved = (root.level, application.level, list(application.handlers))
    levels = {handler: handler.level for handler in root.handlers}
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    yield stream
    root.removeHandler(handler)
    for added in set(application.handlers) - set(saved[2]):
        application.removeHandler(added)
        added.close()
    for other, level in levels.items():
        other.setLevel(level)
    root.setLevel(saved[0])
    application.setLevel(saved[1])


def test_info_goes_to_the_file_and_the_terminal_shows_what_it_showed_before(
    tmp_path: Path, terminal: io.StringIO
):
    folder = tmp_path / "logs"
    assert log_file.start_log_file(folder) is not None

    logging.getLogger("annotator.core.importing").info("imported 3 documents")
    logging.getLogger("annotator.gui.session").warning("refused: not a project")

    written = (folder / log_file.FILE_NAME).read_text(encoding="utf-8")
    assert "INFO annotator.core.importing: imported 3 documents" in written
    assert "WARNING annotator.gui.session: refused: not a project" in written
    assert terminal.getvalue() == "refused: not a project\n"


def test_the_file_rotates_instead_of_growing(tmp_path: Path, terminal, monkeypatch):
    monkeypatch.setattr(log_file, "MAX_BYTES", 2_000)
    log_file.start_log_file(tmp_path)
    for number in range(100):
        logging.getLogger("annotator.core.store").info("line %d of the log", number)

    files = sorted(path.name for path in tmp_path.iterdir())
    assert files == ["annotator.log", "annotator.log.1", "annotator.log.2", "annotator.log.3"]
    assert all(path.stat().st_size <= 2_000 for path in tmp_path.iterdir())
    assert "line 99 of the log" in (tmp_path / "annotator.log").read_text(encoding="utf-8")


def test_a_folder_that_cannot_be_written_leaves_the_window_without_a_log(
    tmp_path: Path, terminal: io.StringIO
):
    blocked = tmp_path / "taken"
    blocked.write_text("a file where the folder should be")
    assert log_file.start_log_file(blocked / "logs") is None
    assert "cannot write a log file" in terminal.getvalue()
