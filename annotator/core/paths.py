"""Where files live: the one module that asks appdirs or looks at the install.

Nothing else in the code decides a path on its own.
"""

from __future__ import annotations

import os
from pathlib import Path

import appdirs

APP_NAME = "quote-annotator"
DB_ENV = "ANNOTATOR_DB"
_PACKAGE = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    return Path(appdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """The project file used without ``--db``: ``$ANNOTATOR_DB`` or the user data folder's."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / "project.db"


def settings_path() -> Path:
    return Path(appdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.json"


def log_dir() -> Path:
    return Path(appdirs.user_log_dir(APP_NAME, appauthor=False))


def _bundled(name: str) -> Path:
    # Installed: the folder sits inside the package. From a source checkout:
    # it sits at the repository's top level, beside the package.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def seeds_dir() -> Path:
    return _bundled("seeds")


def resources_dir() -> Path:
    return _bundled("resources")
