"""The window's log file: what happened, kept in the user log folder for a bug report.

A window started from the desktop has no terminal, so its log goes to
``annotator.log`` in :func:`annotator.core.paths.log_dir`, rotated so that
it never grows past a few megabytes.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from annotator.core import paths

log = logging.getLogger("annotator.gui.log_file")

FILE_NAME = "annotator.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def start_log_file(folder: Path | None = None) -> RotatingFileHandler | None:
    """Log the application's INFO messages and above to ``folder`` (the user log folder).

    Returns the handler, or None when the folder cannot be written (the
    window works without its log; the reason goes to the other handlers).
    """
    folder = folder or paths.log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / FILE_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        log.warning("cannot write a log file in %s: %s", folder, error)
        return None
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    # A terminal keeps showing what the command line chose (-v or not), though
    # the application's logger now lets INFO through for the file.
    for other in root.handlers:
        if other.level == logging.NOTSET:
            other.setLevel(root.getEffectiveLevel())
    application = logging.getLogger("annotator")
    application.addHandler(handler)
    if not application.isEnabledFor(logging.INFO):
        application.setLevel(logging.INFO)
    log.info("log file started")
    return handler
