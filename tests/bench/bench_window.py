"""Window speed, offscreen: a 1 MB article with 5,000 quotes, adding quotes, 100,000 documents.

Run: python tests/bench/bench_window.py
Targets: opening at most 2x a bare QTextEdit.setPlainText of the same text;
adding a quote (key Q until stored and painted) under 16 ms at the 95th
percentile; the document list over 100,000 documents opens in under 1 s.
"""

from __future__ import annotations

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
from PySide6.QtWidgets import QApplication, QTextEdit  # noqa: E402

from annotator.core.model import new_uid
from annotator.core.store import Store, now  # noqa: E402
from annotator.core.text import sha256  # noqa: E402
from annotator.gui.document_list import DocumentList  # noqa: E402
from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.gui.session import Session  # noqa: E402
from annotator.gui.settings import Settings  # noqa: E402

WORDS = (
    "the minister said that talks would continue and the border plan was "
    "never agreed by officials who declared “we will not” 😀 café\u00a0today"
).split()


def article(size: int) -> str:
    rng = random.Random(7)
    parts, length = [], 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))) + "."
        if rng.random() < 0.15:
            sentence += "\n\n"
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)[:size]


def insert_document(store: Store, external_id: str, text: str) -> int:
    with store.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO documents (external_id, title, text, sha256, imported_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (external_id, external_id, text, sha256(text), now()),
        )
    return int(cursor.lastrowid or 0)


def insert_quotes(store: Store, document_id: int, text: str, count: int) -> None:
    rng = random.Random(11)
    stamp = now()
    with store.transaction() as conn:
        for quote_id in range(1, count + 1):
            start = rng.randrange(0, len(text) - 400)
            end = start + rng.randint(20, 300)
            conn.execute(
                "INSERT INTO quotes (id, document_id, speaker_id, created_at, "
                "updated_at, uid) VALUES (?, ?, NULL, ?, ?, ?)",
                (quote_id, document_id, stamp, stamp, new_uid()),
            )
            conn.execute(
                'INSERT INTO quote_spans (quote_id, start, "end", text) VALUES (?, ?, ?, ?)',
                (quote_id, start, end, text[start:end]),
            )


def timed(action) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def main() -> None:
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="annotator-bench-"))
    text = article(1_000_000)
    path = folder / "big.db"
    with Store.open(path) as store:
        document_id = insert_document(store, "big", text)
        insert_quotes(store, document_id, text, 5000)

    bare = QTextEdit()
    bare.resize(1200, 800)
    bare.show()
    bare_time = min(timed(lambda: (bare.setPlainText(text), bare.repaint())) for _ in range(3))
    bare.close()

    settings = Settings(folder / "settings.json")
    window = MainWindow(Session(Store.open(path), "bench"), settings)
    window.resize(1400, 900)
    window.show()
    window.activateWindow()
    app.processEvents()
    view = window.article

    def reopen() -> None:
        window.document_id = None
        window.open_document(document_id)
        view.viewport().repaint()

    open_time = min(timed(reopen) for _ in range(3))
    print(
        f"open 1 MB article with 5,000 quotes: {open_time * 1000:.0f} ms; bare QTextEdit "
        f"{bare_time * 1000:.0f} ms; ratio {open_time / bare_time:.2f} (target <= 2)"
    )

    rng = random.Random(3)
    times = []
    for _ in range(200):
        start = rng.randrange(0, len(text) - 200)
        view.select(start, start + rng.randint(10, 150))
        view.setFocus()
        app.processEvents()
        # The key press stores the quote; processing the posted events paints
        # what the window marked dirty, as the event loop would.
        times.append(timed(lambda: (QTest.keyClick(view, Qt.Key.Key_Q), app.processEvents())))
        window.focus_article()
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"add a quote (Q until stored and painted), 200 runs: median "
        f"{statistics.median(times) * 1000:.1f} ms, 95th percentile {p95 * 1000:.1f} ms "
        "(target < 16 ms)"
    )
    window.close()

    many = folder / "many.db"
    with Store.open(many) as store, store.transaction() as conn:
        stamp = now()
        conn.executemany(
            "INSERT INTO documents (external_id, title, text, sha256, imported_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                (f"d{i}", f"Article {i}", f"Text {i}", sha256(f"Text {i}"), stamp)
                for i in range(100_000)
            ),
        )
    with Store.open(many) as store:
        began = time.perf_counter()
        documents = DocumentList(store)
        documents.resize(300, 800)
        documents.show()
        documents.view.viewport().repaint()
        list_time = time.perf_counter() - began
        print(f"document list over 100,000 documents: {list_time * 1000:.0f} ms (target < 1000 ms)")
        documents.close()


if __name__ == "__main__":
    main()
