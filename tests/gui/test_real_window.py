"""The real window, as a user starts it: ``python -m annotator`` on Qt's xcb platform.

Every other GUI test uses the offscreen platform, which loads none of the X11
libraries the xcb plugin needs; this one starts the program on a virtual X
screen (Xvfb), so a library missing from the README's package list fails here.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

XVFB = shutil.which("Xvfb")
XDOTOOL = shutil.which("xdotool")
REPOSITORY = Path(__file__).resolve().parents[2]
WAIT = 60  # seconds for Xvfb and the window to appear, a limit not a measure

pytestmark = pytest.mark.skipif(
    XVFB is None or XDOTOOL is None,
    reason="needs Xvfb and xdotool (apt-get install xvfb xdotool; .ci/run installs them)",
)


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    """A virtual X screen on a free display number, e.g. ":3"."""
    assert XVFB is not None
    log = (tmp_path / "xvfb.log").open("wb")
    ready, told = os.pipe()
    server = subprocess.Popen(
        [XVFB, "-displayfd", str(told), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(told,),
        stdout=log,
        stderr=log,
    )
    os.close(told)
    with os.fdopen(ready, "rb") as pipe:  # Xvfb writes the number once it accepts clients
        number = pipe.readline().strip().decode()
    try:
        if not number:
            pytest.fail(f"Xvfb did not start: {(tmp_path / 'xvfb.log').read_text()}")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=WAIT)
        log.close()


def visible_windows(display: str, pid: int) -> list[str]:
    assert XDOTOOL is not None
    found = subprocess.run(
        [XDOTOOL, "search", "--onlyvisible", "--pid", str(pid)],
        env={"DISPLAY": display, "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.split()


def window_name(display: str, window: str) -> str:
    assert XDOTOOL is not None
    return subprocess.run(
        [XDOTOOL, "getwindowname", window],
        env={"DISPLAY": display, "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def xcb_env(display: str, tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "LANG": "C.UTF-8",
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
    }


def test_the_window_opens_on_xcb_and_the_project_holds_the_sample(display, tmp_path):
    project = tmp_path / "tmp.db"
    env = xcb_env(display, tmp_path)
    output = tmp_path / "annotator.log"
    with output.open("wb") as log:
        app = subprocess.Popen(
            [sys.executable, "-m", "annotator", "--db", str(project)],
            cwd=REPOSITORY,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            windows: list[str] = []
            deadline = time.monotonic() + WAIT
            while not windows and app.poll() is None and time.monotonic() < deadline:
                windows = visible_windows(display, app.pid)
                time.sleep(0.2)
            assert app.poll() is None, (
                f"annotator exited with status {app.returncode}: {output.read_text()}"
            )
            assert windows, f"no window after {WAIT} s: {output.read_text()}"
            assert "Quote Annotator" in window_name(display, windows[0])
        finally:
            app.terminate()
            app.wait(timeout=WAIT)

    conn = sqlite3.connect(project)
    try:
        titles = [row[0] for row in conn.execute("SELECT title FROM documents")]
    finally:
        conn.close()
    assert len(titles) == 1 and titles[0].startswith("Tillerson:")
    assert "qt.qpa" not in output.read_text()


def test_a_narrow_real_window_keeps_its_width_whatever_is_selected(display, tmp_path):
    """On xcb a 640 px window grew to 829 px when a quote with a long mention was clicked."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.gui.narrow_window"],
        cwd=REPOSITORY,
        env=xcb_env(display, tmp_path),
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    widths = [line.split(" ", 2) for line in done.stdout.splitlines()]
    assert [step for *_, step in widths][-1] == "set a stance", done.stdout
    for width, minimum, step in widths:
        assert (int(width), step) == (640, step)
        assert int(minimum) <= 640, step
    assert "qt.qpa" not in done.stderr
