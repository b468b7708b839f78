"""Window memory against the size of the speaker registry, offscreen.

Run: python tests/bench/bench_speakers.py [SIZES...]   (default: 1000 100000)
Each size runs in a fresh process: a project with one article and that many
speakers (with an alias each) is opened in the real window, a quote is made
and a speaker name typed into the speaker box with completion, then a typo
entered. Printed: the process's peak resident memory after that, the time per
key typed, and the time for Enter on a typo to offer the close names.
Target: memory flat in the registry's size (completion reads a few rows by
prefix on the name index; no widget holds the registry).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

FIRST = ("Ana", "Rex", "John", "Luis", "Maria", "Miguel", "Sara", "Omar", "Li", "Eva")


def build(path: Path, size: int) -> None:
    from annotator.core.importing import import_seeds
    from annotator.core.store import Store

    with Store.open(path) as store:
        import_seeds(store)
        with store.transaction() as conn:
            conn.executemany(
                "INSERT INTO speakers (name, aliases) VALUES (?, ?)",
                (
                    (
                        f"{FIRST[n % len(FIRST)]} Person{n:07d}",
                        json.dumps([f"P{n:07d}"]),
                    )
                    for n in range(size)
                ),
            )


def measure(path: Path) -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.core.store import Store
    from annotator.gui.main_window import MainWindow
    from annotator.gui.session import Session
    from annotator.gui.settings import Settings

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(
            Session(Store.open(path), "bench"), Settings(Path(folder) / "settings.json")
        )
        window.show()
        app.processEvents()
        text = window.article.text
        start = text.index("the wall")
        window.article.select(start, start + len("the wall"))
        window.article.setFocus()
        QTest.keyClick(window.article, Qt.Key.Key_Q)
        box = window.panel.speaker
        began = time.perf_counter()
        QTest.keyClicks(box, "Rex Person")
        typed = (time.perf_counter() - began) / len("Rex Person")
        # Enter on a typo: the close names are looked up before anything is created.
        box.selectAll()
        QTest.keyClicks(box, "Rex Persn0000040")
        began = time.perf_counter()
        QTest.keyClick(box, Qt.Key.Key_Return)
        offer = time.perf_counter() - began
        assert "Did you mean" in box.hint.text(), box.hint.text()
        QTest.keyClick(box, Qt.Key.Key_Escape)
        app.processEvents()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        window.close()
    return {"peak_mib": peak, "ms_per_key": typed * 1000, "offer_ms": offer * 1000}


def main(sizes: list[int]) -> None:
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "project.db"
            build(path, size)
            result = subprocess.run(
                [sys.executable, __file__, "--measure", str(path)],
                check=True,
                capture_output=True,
                text=True,
            )
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            print(
                f"{size:>9,} speakers: window peak memory {figures['peak_mib']:6.1f} MiB, "
                f"{figures['ms_per_key']:5.2f} ms per key typed in the speaker box, "
                f"{figures['offer_ms']:5.1f} ms to offer close names for a typo"
            )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        print(json.dumps(measure(Path(sys.argv[2]))))
    else:
        main([int(arg) for arg in sys.argv[1:]] or [1000, 100000])
