"""The check that Qt's platform plugin can load, made before Qt is loaded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.gui import app, platform_check
from annotator.gui.platform_check import debian_package, diagnose, platform_candidates

LDD_MISSING = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /x/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f1e)
\tlibxcb-icccm.so.4 => not found
\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f1e)
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-icccm.so.4 => not found
"""
LDD_FINE = "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f1e)\n"


@pytest.fixture
def fake_pyside(tmp_path: Path) -> Path:
    """A PySide6 folder with its modules and two platform plugins (empty files)."""
    folder = tmp_path / "PySide6"
    platforms = folder / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    for name in ("QtCore", "QtGui", "QtWidgets"):
        (folder / f"{name}.abi3.so").touch()
    for name in ("xcb", "wayland", "offscreen"):
        (platforms / f"libq{name}.so").touch()
    return folder


def ldd_saying(broken: dict[str, str]):
    """A stand-in for ldd: the output for files whose name is a key, else all found."""
    calls: list[list[str]] = []

    def run(command: list[str]) -> str:
        calls.append(command)
        name = Path(command[-1]).name
        return broken.get(name, LDD_FINE)

    run.calls = calls  # type: ignore[attr-defined]
    return run


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb-shape.so.0", "libxcb-shape0"),
        ("libxcb-xkb.so.1", "libxcb-xkb1"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libGL.so.1", "libgl1"),
        ("libEGL.so.1", "libegl1"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
    ],
)
def test_debian_package_of_a_library(soname, package):
    assert debian_package(soname) == package


def test_platform_follows_qt_qpa_platform_then_the_session():
    assert platform_candidates({"QT_QPA_PLATFORM": "wayland;xcb"})[0] == ("wayland", "xcb")
    assert platform_candidates({"QT_QPA_PLATFORM": "vnc:size=800x600"})[0] == ("vnc",)
    wayland = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}
    assert platform_candidates(wayland)[0] == ("wayland", "xcb")
    assert platform_candidates({"QT_QPA_PLATFORM": ";", "DISPLAY": ":0"})[0] == ("xcb",)


def test_missing_plugin_libraries_are_named_with_their_packages(fake_pyside):
    ldd = ldd_saying({"libqxcb.so": LDD_MISSING})
    diagnosis = diagnose({"DISPLAY": ":0"}, fake_pyside, ldd)
    assert not diagnosis.ok
    assert diagnosis.missing == ("libxcb-icccm.so.4", "libxkbcommon-x11.so.0")
    line = diagnosis.summary()
    assert "\n" not in line
    assert "xcb platform plugin cannot load" in line
    assert "libxcb-icccm.so.4, libxkbcommon-x11.so.0" in line
    assert line.endswith("sudo apt-get install libxcb-icccm4 libxkbcommon-x11-0")
    assert [Path(call[-1]).name for call in ldd.calls] == [
        "QtCore.abi3.so",
        "QtGui.abi3.so",
        "QtWidgets.abi3.so",
        "libqxcb.so",
    ]


def test_a_library_missing_from_pyside6_itself_is_reported(fake_pyside):
    libgl = "\tlibGL.so.1 => not found\n"
    diagnosis = diagnose({"DISPLAY": ":0"}, fake_pyside, ldd_saying({"QtGui.abi3.so": libgl}))
    assert diagnosis.missing == ("libGL.so.1",)
    assert diagnosis.summary().endswith("sudo apt-get install libgl1")
    report = "\n".join(diagnosis.report())
    assert "QtGui.abi3.so: missing libGL.so.1" in report
    assert "libqxcb.so: loads" in report


def test_a_loadable_fallback_platform_is_enough(fake_pyside):
    environ = {"QT_QPA_PLATFORM": "wayland;xcb"}
    ldd = ldd_saying({"libqwayland.so": LDD_MISSING})
    diagnosis = diagnose(environ, fake_pyside, ldd, answers=lambda display: True)
    assert diagnosis.ok and diagnosis.platform == "xcb"


def test_an_x_display_where_no_server_answers_is_one_line(fake_pyside):
    asked = []

    def answers(display):
        asked.append(display)
        return False

    diagnosis = diagnose({"DISPLAY": ":93"}, fake_pyside, ldd_saying({}), answers)
    assert asked == [":93"]
    assert not diagnosis.ok and diagnosis.missing == ()
    assert diagnosis.summary() == (
        "annotator: no X server answers at DISPLAY=':93'; start the window in your desktop "
        "session, or use the command-line sub-commands (annotator --help)"
    )
    fine = diagnose({"DISPLAY": ":0"}, fake_pyside, ldd_saying({}), lambda display: True)
    assert fine.ok and "X display :0: answers" in fine.report()[-2]


def test_no_x_server_answers_at_an_unused_display():
    assert platform_check.x_display_answers(":59999") is False


def test_an_unknown_platform_is_refused_naming_the_ones_there(fake_pyside):
    diagnosis = diagnose({"QT_QPA_PLATFORM": "xbc"}, fake_pyside, ldd_saying({}))
    assert not diagnosis.ok
    assert "no platform plugin 'xbc'" in diagnosis.summary()
    assert "offscreen, wayland, xcb" in diagnosis.summary()


def test_the_real_offscreen_plugin_loads():
    diagnosis = diagnose({"QT_QPA_PLATFORM": "offscreen"})
    assert diagnosis.ok, diagnosis.report()
    assert diagnosis.plugin is not None and diagnosis.plugin.path.name == "libqoffscreen.so"


def test_run_stops_with_one_line_and_status_2_before_qt(monkeypatch, capsys, fake_pyside):
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(platform_check, "pyside_dir", lambda: fake_pyside)
    monkeypatch.setattr(platform_check, "_ldd", ldd_saying({"libqxcb.so": LDD_MISSING}))
    assert app.run(None) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "libxcb-icccm.so.4" in err and "apt-get install libxcb-icccm4" in err


def test_check_flag_prints_the_whole_diagnosis(monkeypatch, fake_pyside):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(platform_check, "pyside_dir", lambda: fake_pyside)
    monkeypatch.setattr(platform_check, "_ldd", ldd_saying({"libqxcb.so": LDD_MISSING}))
    result = CliRunner().invoke(cli, ["--check"])
    assert result.exit_code == 2
    assert "platform plugin: xcb (QT_QPA_PLATFORM)" in result.output
    assert "libqxcb.so: missing libxcb-icccm.so.4, libxkbcommon-x11.so.0" in result.output
    assert "sudo apt-get install libxcb-icccm4 libxkbcommon-x11-0" in result.output


def test_check_flag_on_this_machine_exits_0_without_loading_qt():
    # A fresh interpreter: the check itself must not import PySide6.
    code = (
        "import sys; from annotator.cli import main; sys.argv = ['annotator', '--check']\n"
        "try:\n    main()\nexcept SystemExit as e:\n"
        "    assert 'PySide6' not in sys.modules, 'PySide6 was imported'\n    raise\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "can load" in done.stdout
