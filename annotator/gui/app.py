"""Start the window: check for a display, open the last project (the sample on first run)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from annotator.core import paths
from annotator.core.errors import StoreError
from annotator.gui.log_file import start_log_file
from annotator.gui.settings import Settings

log = logging.getLogger("annotator.gui.app")

NO_DISPLAY = (
    "annotator: no display found; set DISPLAY, or use the command-line "
    "sub-commands (annotator --help)"
)


def has_display() -> bool:
    """Whether Qt can open a window here; only Linux and the BSDs need a display server."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run(db: Path | None) -> int:
    """Open the annotation window on ``db`` (or the last or default project); the exit status."""
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from annotator.gui.platform_check import diagnose

    diagnosis = diagnose()  # before Qt loads: a missing library makes Qt abort
    if not diagnosis.ok:
        print(diagnosis.summary(), file=sys.stderr)
        return 2
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from annotator.gui import plain
    from annotator.gui.collector import freeze_startup
    from annotator.gui.main_window import MainWindow
    from annotator.gui.session import Session
    from annotator.gui.window.projects import open_project

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Quote Annotator")
    app.setOrganizationName("quote-annotator")
    app.setDesktopFileName("annotator")
    icon = paths.resources_dir() / "icon.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    start_log_file()
    settings = Settings()
    path = db or Path(settings.get("last_project") or paths.default_db_path())
    try:
        store = open_project(path, settings)
    except StoreError as error:
        plain.critical(
            None,
            "Quote Annotator",
            f"Cannot open the project.\n\n{error}\n\n"
            "Open another project with annotator --db FILE, or move this "
            "file aside to start a new one.",
        )
        log.warning("cannot open %s: %s", path, error)
        return 1
    log.info("opened %s", path)
    window = MainWindow(Session(store, settings.annotator), settings)
    window.show()
    freeze_startup()
    return int(app.exec())
