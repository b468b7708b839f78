"""Can Qt's platform plugin load here? Asked before the ``QApplication`` exists.

When a shared library of the platform plugin is missing, Qt prints a hint that
names the wrong library and aborts the process. This module runs ``ldd`` on the
plugin Qt is about to load and on PySide6's own modules, so ``annotator`` can
instead say which libraries are missing and which Debian/Ubuntu packages hold
them. It imports neither PySide6 nor Qt, so it works where they cannot load.
"""

from __future__ import annotations

import ctypes
import dataclasses
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

# Libraries whose Debian package name does not follow from the soname by the usual rule.
_PACKAGES = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libGLdispatch.so.0": "libglvnd0",
    "libfreetype.so.6": "libfreetype6",
    "libpng16.so.16": "libpng16-16",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
# PySide6's modules that a widgets window imports; what they lack breaks every import.
_MODULES = ("QtCore", "QtGui", "QtWidgets")

Runner = Callable[[list[str]], str]


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships ``soname`` (libxcb-icccm.so.4 -> libxcb-icccm4)."""
    if soname in _PACKAGES:
        return _PACKAGES[soname]
    base, _, version = soname.partition(".so.")
    version = version.split(".")[0]
    name = base.lower().replace("_", "-")
    return f"{name}-{version}" if name[-1:].isdigit() else f"{name}{version}"


def _ldd(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return done.stdout + done.stderr


def missing_libraries(path: Path, run: Runner | None = None) -> tuple[str, ...]:
    """The sonames the dynamic loader cannot find for ``path`` (and what it links)."""
    output = (run or _ldd)(["ldd", str(path)])
    return tuple(sorted(set(_NOT_FOUND.findall(output))))


def x_display_answers(display: str) -> bool | None:
    """Whether an X server accepts a connection at ``display`` (as Qt's xcb plugin would
    make it); None when libxcb cannot be loaded to ask."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return bool(xcb.xcb_connection_has_error(connection) == 0)
    finally:
        xcb.xcb_disconnect(connection)


def platform_candidates(environ: Mapping[str, str]) -> tuple[tuple[str, ...], str]:
    """The platform plugins Qt will try, in order, and why."""
    requested = environ.get("QT_QPA_PLATFORM", "")
    names = tuple(name for part in requested.split(";") if (name := part.split(":", 1)[0].strip()))
    if names:
        return names, "QT_QPA_PLATFORM"
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return ("wayland", "xcb"), "a Wayland session"
    return ("xcb",), "the default on Linux"


def pyside_dir() -> Path | None:
    """PySide6's folder, found without importing it."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@dataclass(frozen=True)
class Checked:
    """One shared object and the libraries it lacks."""

    path: Path
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Diagnosis:
    """What ``ldd`` says about the files Qt needs to open a window here."""

    platform: str
    reason: str
    modules: tuple[Checked, ...] = ()
    plugin: Checked | None = None
    problem: str = ""  # a reason the window cannot start that is not a missing library
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def missing(self) -> tuple[str, ...]:
        found = {name for checked in self.modules for name in checked.missing}
        if self.plugin is not None:
            found.update(self.plugin.missing)
        return tuple(sorted(found))

    @property
    def packages(self) -> tuple[str, ...]:
        return tuple(sorted({debian_package(name) for name in self.missing}))

    @property
    def ok(self) -> bool:
        return not self.problem and not self.missing

    def summary(self) -> str:
        """One line for a user: what is missing and the command that installs it."""
        if self.problem:
            return f"annotator: {self.problem}"
        if not self.missing:
            return f"annotator: Qt's {self.platform} platform plugin can load"
        return (
            f"annotator: Qt's {self.platform} platform plugin cannot load, these libraries "
            f"are missing: {', '.join(self.missing)}; on Debian or Ubuntu install them with: "
            f"sudo apt-get install {' '.join(self.packages)}"
        )

    def report(self) -> list[str]:
        """The whole diagnosis, a line each, for ``annotator --check``."""
        lines = [f"platform plugin: {self.platform} ({self.reason})"]
        for checked in (*self.modules, *([self.plugin] if self.plugin else [])):
            state = f"missing {', '.join(checked.missing)}" if checked.missing else "loads"
            lines.append(f"  {checked.path}: {state}")
        lines += [f"  {note}" for note in self.notes]
        lines.append(self.summary())
        return lines


def diagnose(
    environ: Mapping[str, str] | None = None,
    qt_dir: Path | None = None,
    run: Runner | None = None,
    answers: Callable[[str], bool | None] | None = None,
) -> Diagnosis:
    """Check the platform plugin Qt is about to load, and PySide6's modules, with ``ldd``.

    The first candidate platform whose plugin loads wins, as in Qt; if none does,
    the diagnosis is about the first. For xcb, an X server must also answer at
    ``DISPLAY`` (Qt aborts when none does). Where ``ldd`` or PySide6 cannot be
    found, or the system is not Linux, nothing is checked and the diagnosis is ``ok``.
    """
    environ = os.environ if environ is None else environ
    names, reason = platform_candidates(environ)
    if not sys.platform.startswith("linux"):
        return Diagnosis(names[0], reason, notes=(f"not checked on {sys.platform}",))
    if shutil.which("ldd") is None:
        return Diagnosis(names[0], reason, notes=("not checked: no ldd on PATH",))
    qt_dir = qt_dir or pyside_dir()
    if qt_dir is None:
        return Diagnosis(names[0], reason, problem="PySide6 is not installed (pip install .)")
    modules = tuple(
        Checked(path, missing_libraries(path, run))
        for name in _MODULES
        for path in sorted(qt_dir.glob(f"{name}.*so"))[:1]
    )
    folder = qt_dir / "Qt" / "plugins" / "platforms"
    elsewhere = environ.get("QT_PLUGIN_PATH") or environ.get("QT_QPA_PLATFORM_PLUGIN_PATH")
    first: Diagnosis | None = None
    for name in names:
        path = folder / f"libq{name}.so"
        if not path.exists():
            if elsewhere:  # Qt may find it there; let Qt decide
                return Diagnosis(name, reason, modules, notes=(f"{path} not found",))
            available = sorted(p.name[4:-3] for p in folder.glob("libq*.so"))
            result = Diagnosis(
                name,
                reason,
                modules,
                problem=f"Qt has no platform plugin {name!r} (there are: "
                f"{', '.join(available)}); check QT_QPA_PLATFORM",
            )
        else:
            result = Diagnosis(name, reason, modules, Checked(path, missing_libraries(path, run)))
            if result.ok and name == "xcb":
                result = _with_display(result, environ.get("DISPLAY", ""), answers)
        if result.ok:
            return result
        first = first or result
    assert first is not None  # platform_candidates never returns no names
    return first


def _with_display(
    result: Diagnosis, display: str, answers: Callable[[str], bool | None] | None
) -> Diagnosis:
    """``result`` with a problem if no X server answers at ``display``."""
    answered = (answers or x_display_answers)(display)
    if answered is None:
        return result
    if answered:
        return dataclasses.replace(result, notes=(*result.notes, f"X display {display}: answers"))
    return dataclasses.replace(
        result,
        problem=f"no X server answers at DISPLAY={display!r}; start the window in your "
        "desktop session, or use the command-line sub-commands (annotator --help)",
    )
