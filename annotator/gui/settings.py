"""User settings: one declarative table, stored as JSON in the user config folder.

Every :meth:`Settings.set` writes the file at once (temporary file, then
rename), so a killed process never loses a setting or leaves half a file.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core import paths
from annotator.core.store import default_annotator

log = logging.getLogger("annotator.gui.settings")


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    description: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "annotator",
        str,
        "",
        "Name recorded with every quote you make (empty: the operating-system user name)",
    ),
    Setting("font_size", int, 13, "Article text size in points"),
    Setting("color_mode", str, "speaker", "Colour quotes by 'speaker' or by 'stance'"),
    Setting("theme", str, "system", "Colours of the window: 'system', 'light' or 'dark'"),
    Setting("last_project", str, "", "Project opened at start-up"),
    Setting("recent_projects", list, [], "Recently opened projects, newest first"),
    Setting("window_geometry", str, "", "Main window geometry (base64)"),
    Setting("window_state", str, "", "Splitter sizes and layout (base64)"),
    Setting(
        "projects",
        dict,
        {},
        "Per project: last document id, the offset shown at the top and the current quote",
    ),
)
_BY_NAME = {setting.name: setting for setting in SETTINGS}
RECENT_LIMIT = 10
# The article text size in points, from zoomed right out to zoomed right in.
FONT_SIZES = range(6, 49)


def font_size_within(points: int) -> int:
    """``points`` brought inside :data:`FONT_SIZES`."""
    return max(FONT_SIZES.start, min(points, FONT_SIZES.stop - 1))


class Settings:
    """The settings file. ``settings.get("font_size")``, ``settings.set("font_size", 15)``."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.settings_path()
        self._values: dict[str, Any] = {}
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self._values = loaded
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as error:
            log.warning("%s: unreadable settings, using defaults (%s)", self.path, error)

    def get(self, name: str) -> Any:
        setting = _BY_NAME[name]
        value = self._values.get(name, setting.default)
        if not isinstance(value, setting.type):
            return setting.default
        return value

    def set(self, name: str, value: Any) -> None:
        setting = _BY_NAME[name]
        if not isinstance(value, setting.type):
            raise TypeError(f"setting {name} takes {setting.type.__name__}, not {value!r}")
        self._values[name] = value
        self._write()

    @property
    def annotator(self) -> str:
        return str(self.get("annotator")) or default_annotator()

    def add_recent(self, project: Path) -> None:
        name = str(Path(project).resolve())
        recent = [p for p in self.get("recent_projects") if p != name]
        self._values["last_project"] = name
        self.set("recent_projects", [name, *recent][:RECENT_LIMIT])

    def project_state(self, project: Path) -> dict[str, Any]:
        state = self.get("projects").get(str(Path(project).resolve()), {})
        return state if isinstance(state, dict) else {}

    def set_project_state(self, project: Path, **values: Any) -> None:
        projects = dict(self.get("projects"))
        key = str(Path(project).resolve())
        projects[key] = {**projects.get(key, {}), **values}
        self.set("projects", projects)

    def _write(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self._values, handle, indent=2, ensure_ascii=False)
            os.replace(temp, self.path)
        except OSError as error:
            log.warning("%s: cannot save settings (%s)", self.path, error)
