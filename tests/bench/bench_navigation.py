"""Moving to the next document (N) on a project shaped like a real corpus, offscreen at 1280x720.

Run: python tests/bench/bench_navigation.py [--db PROJECT] [--big DOCUMENT_ID]
Without --db it builds its own project: 300 articles of 2,000-8,000
characters in short paragraphs with 10-80 quotes each, one of 15,000 with 612
quotes, 5,000 speakers (one of 218 characters). With --db it measures an
existing project (for --big: its most quoted document unless given).
Target: under 100 ms to show a 600-quote document, N pressed until the next
document is painted.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.model import new_uid  # noqa: E402
from annotator.core.store import Store, now  # noqa: E402
from annotator.core.text import sha256  # noqa: E402
from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.gui.session import Session  # noqa: E402
from annotator.gui.settings import Settings  # noqa: E402

WORDS = (
    "the senator said that talks would continue and the border plan was never agreed "
    "by officials who declared “we will not” on Tuesday according to aides"
).split()
BIG_QUOTES = 612


def article(rng: random.Random, size: int) -> str:
    """News-shaped text: paragraphs of one to three sentences."""
    paragraphs, length = [], 0
    while length < size:
        sentences = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize() + "."
            for _ in range(rng.randint(1, 3))
        ]
        paragraphs.append(" ".join(sentences))
        length += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)[:size]


def build(path: Path, documents: int = 300, speakers: int = 5000) -> int:
    """A synthetic project; returns the id of its 612-quote document."""
    rng = random.Random(5)
    stamp = now()
    big = documents // 2
    with Store.open(path) as store, store.transaction() as conn:
        names = [f"Speaker {i} of the committee" for i in range(speakers - 1)]
        names.append(("Secretary of State for Exceptionally Long Titles " * 5)[:218])
        conn.executemany("INSERT INTO speakers (name) VALUES (?)", [(n,) for n in names])
        for number in range(documents):
            size = 15_000 if number == big else rng.randint(2000, 8000)
            text = article(rng, size)
            cursor = conn.execute(
                "INSERT INTO documents (external_id, title, text, sha256, imported_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (f"doc-{number}", f"Article {number}", text, sha256(text), stamp),
            )
            document_id = int(cursor.lastrowid or 0)
            if number == big:
                big_id = document_id
            count = BIG_QUOTES if number == big else rng.randint(10, 80)
            for _ in range(count):
                start = rng.randrange(0, len(text) - 200)
                end = start + rng.randint(20, 180)
                quote = conn.execute(
                    "INSERT INTO quotes (document_id, speaker_id, mention_start, mention_end, "
                    "created_at, updated_at, uid) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        document_id,
                        rng.randint(1, speakers),
                        max(0, start - 15),
                        max(0, start - 15) + 10,
                        stamp,
                        stamp,
                        new_uid(),
                    ),
                )
                conn.execute(
                    'INSERT INTO quote_spans (quote_id, start, "end", text) VALUES (?, ?, ?, ?)',
                    (quote.lastrowid, start, end, text[start:end]),
                )
    return big_id


def most_quoted(path: Path) -> int:
    with Store.open(path) as store:
        row = store.conn.execute(
            "SELECT document_id FROM quotes GROUP BY document_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    return int(row[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="measure this project instead of a synthetic one")
    parser.add_argument("--big", type=int, help="the id of the document with ~600 quotes")
    parser.add_argument("--steps", type=int, default=100, help="how many times to press N")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="annotator-bench-"))
    if args.db is None:
        path = folder / "project.db"
        big = build(path)
    else:
        path = args.db
        big = args.big if args.big is not None else most_quoted(path)

    window = MainWindow(Session(Store.open(path), "bench"), Settings(folder / "settings.json"))
    window.resize(1280, 720)
    window.show()
    app.processEvents()
    ids = window.documents.model.ids

    def press_n() -> tuple[float, float]:
        """(wall, CPU) seconds from N until the next document is painted."""
        window.focus_article()
        # The previous document's suggestions are proposed once it has painted:
        # let them be, so each N starts on a quiet window as after a look at the text.
        while window.suggestions.busy():
            app.processEvents()
            time.sleep(0.005)
        app.processEvents()
        began, cpu = time.perf_counter(), time.process_time()
        QTest.keyClick(window.article, Qt.Key.Key_N)
        # Processing the posted events lays out and paints the new document.
        app.processEvents()
        return time.perf_counter() - began, time.process_time() - cpu

    def figures(runs: list[tuple[float, float]]) -> str:
        walls, cpus = [run[0] * 1000 for run in runs], [run[1] * 1000 for run in runs]
        return (
            f"median {statistics.median(walls):.1f} ms wall, {statistics.median(cpus):.1f} ms "
            f"CPU; worst {max(walls):.1f} ms wall, {max(cpus):.1f} ms CPU"
        )

    window.open_document(ids[0])
    app.processEvents()
    times = [press_n() for _ in range(min(args.steps, len(ids) - 1))]
    print(f"N over {len(times)} documents: {figures(times)}")
    big_times = []
    for _ in range(7):
        window.open_document(ids[ids.index(big) - 1])
        app.processEvents()
        big_times.append(press_n())
        assert window.document_id == big
    quotes = window.panel.model.rowCount()
    print(f"N onto the {quotes}-quote document, 7 runs: {figures(big_times)} (target < 100 ms)")
    print(
        f"window {window.width()}x{window.height()}, article pane {window.article.width()} px wide"
    )
    window.close()


if __name__ == "__main__":
    main()
