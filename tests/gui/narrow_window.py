"""A narrow window on data made to widen it: long and unbreakable names, many long labels.

The steps are a coder's: click two quotes, make one with Q, type a new speaker
whose name has no spaces, create it with Enter, set a stance. ``test_elide``
walks them offscreen; ``test_real_window`` runs this module on a virtual X
screen with the xcb plugin, where it prints the window's width after each step.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core import labels, quotes, speakers
from annotator.core.store import Store
from annotator.gui.main_window import MainWindow
from tests.gui.conftest import click_at, drag_select, find
from tests.projects import add_document

LONG = ("Secretary of State for Very Long Names and <b>Markup</b> " * 4)[:200]
WORD = "Supercalifragilisticexpialidociousandsomemorelettersforgoodmeasure"
ADDRESS = "https://example.org/a-very-long-address/without/spaces/in/it/at/all"
CODER = "Maria Fernanda Gonzalez Rodriguez"
NARROW = 640
# How long the window may take to become active and narrow on a busy X server.
WAIT_MS = 20_000


def unbreakable_project(path: Path) -> str:
    """Long names, an unbreakable speaker name and token, many long labels; returns the text."""
    text = (
        f"{ADDRESS} reported. Secretary of State for Very Long Names said “we will not move” "
        f"and {WORD} said “the border stays open” on Tuesday, “and nothing changes,” he added."
    )
    with Store.open(path) as store:
        document_id = add_document(store, text, "long", LONG)
        for number in range(12):
            labels.add_label(store, "stance", f"stance {number} {LONG}")
            labels.add_label(store, "quote_type", f"type {number} {LONG}")
        stances = store.labels("stance")
        named = speakers.create_speaker(store, LONG).speakers_after[0]
        word = speakers.create_speaker(store, WORD).speakers_after[0]
        for needle, speaker, mention, cue, note in (
            ("we will not move", named, "Secretary of State", "said", LONG),
            ("the border stays open", word, WORD, ADDRESS, WORD * 3),
        ):
            quotes.add_quote(
                store,
                document_id,
                [find(text, needle)],
                speaker_id=speaker.id,
                mention=find(text, mention),
                cue=find(text, cue),
                stance_id=stances[-1].id,
                target=LONG,
                note=note,
                annotator="ana",
            )
    return text


def settle() -> None:
    """Let every posted layout request run: a growing widget resizes the window there."""
    for _ in range(5):
        QApplication.processEvents()


def wait_for(condition: Callable[[], bool]) -> bool:
    """Run the event loop until ``condition`` holds, or WAIT_MS have passed."""
    timer = QElapsedTimer()
    timer.start()
    while not condition() and timer.elapsed() < WAIT_MS:
        QTest.qWait(20)
    return condition()


def coder_steps(window: MainWindow, text: str) -> Iterator[str]:
    """Do the coder's steps one by one, naming each once it is done and laid out."""
    panel = window.panel
    for needle in ("will not", "border stays"):
        click_at(window.article, text.index(needle))
        assert panel.quote is not None
        settle()
        yield f"clicked {needle}"
    view = window.article
    drag_select(view, *find(text, "and nothing changes"))
    QTest.keyClick(view, Qt.Key.Key_Q)
    assert QApplication.focusWidget() is panel.speaker
    settle()
    yield "made a quote"
    QTest.keyClicks(panel.speaker, WORD[:-1] + "z")
    assert panel.speaker.hint.isVisible()
    settle()
    yield "typed a new speaker"
    QTest.keyClick(panel.speaker, Qt.Key.Key_Return)
    settle()
    yield "entered a new speaker"
    QTest.keyClick(panel.speaker, Qt.Key.Key_Return)
    settle()
    yield "created the speaker"
    QTest.keyClick(window.article, Qt.Key.Key_1)
    settle()
    yield "set a stance"


def main() -> int:
    """Print "width minimum-width step" for the narrow window after each step."""
    from annotator.gui.session import Session
    from annotator.gui.settings import Settings

    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.db"
        text = unbreakable_project(path)
        window = MainWindow(Session(Store.open(path), CODER), Settings(Path(folder) / "s.json"))
        window.show()
        window.activateWindow()
        # Keys go to the active window only; the X server answers in its own time.
        if not QTest.qWaitForWindowActive(window, WAIT_MS):
            print("the window never became active", file=sys.stderr)
            return 1
        window.resize(NARROW, 720)
        if not wait_for(lambda: window.width() == NARROW):
            print(f"the window stayed {window.width()} px wide", file=sys.stderr)
            return 1
        settle()
        print(window.width(), window.minimumSizeHint().width(), "start", flush=True)
        for step in coder_steps(window, text):
            print(window.width(), window.minimumSizeHint().width(), step, flush=True)
        window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
