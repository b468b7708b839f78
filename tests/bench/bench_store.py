"""Import and export speed on a large corpus, against plain sqlite3 and json.

Run: ``python tests/bench/bench_store.py [--articles N]``. Generates a corpus
of N articles (default 10,000) of about 4 KB with 10 quotes each as one of
our JSON Lines files in a temporary folder, then prints:

- import time of the whole corpus through ``import_paths``, against the raw
  way to do the same: ``json.loads`` of each line of the file, then plain
  ``sqlite3`` ``executemany`` of the same rows into the same tables of a fresh
  project file (FTS triggers included);
- ``jsonl`` export time through ``export``, against ``json.dumps`` of the
  same rows read with plain ``sqlite3``.

Each is measured in wall time and in CPU time (``time.process_time``), and
each ratio in both: on a shared machine wall time grows with the load, CPU
time does not. Target: both ratios at most 2.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core import exporting, importing  # noqa: E402
from annotator.core.store import Store  # noqa: E402

WORDS = (
    "the minister said government border security talks agreement officials "
    "market crime violence cooperation “we” need to tackle problem country "
    "economy trade policy Café naïve résumé — 🙂 Zürich jointly urgent"
).split()
SPEAKERS = [f"Speaker {i} Example" for i in range(300)]
STANCES = ("supports", "opposes", "neutral", "unclear")
TYPES = ("direct", "indirect", "mixed")
T = TypeVar("T")
TABLES = ("documents", "speakers", "annotators", "quotes", "quote_spans")


def article(rng: random.Random, number: int) -> dict[str, object]:
    words: list[str] = []
    length = 0
    while length < 4000:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    text = " ".join(words)
    for cut in range(600, len(text), 700):
        text = text[:cut] + "\n\n" + text[cut + 2 :]
    quotes = []
    for index in range(10):
        base = index * 390
        first = (base + 10, base + 90)
        pieces = [first, (base + 120, base + 200)] if index % 3 == 0 else [first]
        quotes.append(
            {
                "spans": [list(piece) for piece in pieces],
                "speaker": rng.choice(SPEAKERS),
                "mention": [base + 95, base + 105],
                "cue": [base + 106, base + 110],
                "stance": rng.choice(STANCES),
                "target": "border wall" if index % 2 else "",
                "type": rng.choice(TYPES),
                "note": "",
                "annotator": "bench",
                "origin": "manual",
                "created_at": "2024-01-01T00:00:00.000+00:00",
                "updated_at": "2024-01-01T00:00:00.000+00:00",
            }
        )
    return {
        "id": f"article-{number:05d}",
        "title": f"Article {number}",
        "text": text,
        "status": "done" if number % 4 == 0 else "in_progress",
        "metadata": {"outlet": "Bench Times", "number": number},
        "quotes": quotes,
    }


def generate(path: Path, count: int) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            out.write(json.dumps(article(rng, number), ensure_ascii=False) + "\n")


def rows_of(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in TABLES
        }
    finally:
        conn.close()


def timed(action: Callable[[], T]) -> tuple[T, float, float]:
    """What ``action`` returns, and the wall and CPU seconds it took."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def baseline_import(
    db: Path, corpus: Path, rows: dict[str, list[tuple[object, ...]]]
) -> tuple[float, float]:
    """Wall and CPU seconds to parse the corpus with json and insert its rows with executemany."""
    store = Store.open(db)  # same schema, triggers and pragmas as the real import
    conn = store.conn

    def parse() -> None:
        with corpus.open(encoding="utf-8") as lines:
            for line in lines:
                json.loads(line)

    def load() -> None:
        parse()
        conn.execute("BEGIN IMMEDIATE")
        for table in TABLES:
            if rows[table]:
                marks = ", ".join("?" * len(rows[table][0]))
                conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])
        conn.execute("COMMIT")

    try:
        _, wall, cpu = timed(load)
        _, parse_wall, parse_cpu = timed(parse)
        print(f"  (json.loads of the corpus alone: {parse_wall:.2f} s wall, {parse_cpu:.2f} s CPU)")
        return wall, cpu
    finally:
        store.close()


def baseline_export(db: Path, output: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        with output.open("w", encoding="utf-8") as out:
            for table in ("documents", "quotes", "quote_spans"):
                for row in conn.execute(f"SELECT * FROM {table} ORDER BY id"):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        conn.close()


def ratio(ours: tuple[float, float], baseline: tuple[float, float]) -> str:
    return (
        f"{ours[0]:.2f} s wall, {ours[1]:.2f} s CPU; baseline {baseline[0]:.2f} s wall, "
        f"{baseline[1]:.2f} s CPU; ratio {ours[0] / baseline[0]:.2f} wall, "
        f"{ours[1] / baseline[1]:.2f} CPU (target <= 2)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        corpus = root / "corpus.jsonl"
        generate(corpus, args.articles)
        size = corpus.stat().st_size / 1e6
        print(f"corpus: {args.articles} articles, {size:.1f} MB of JSON Lines")

        store = Store.open(root / "project.db")
        report, *imported = timed(lambda: importing.import_paths(store, [corpus]))
        assert report.ok, report.failed
        rows = rows_of(root / "project.db")
        plain = baseline_import(root / "baseline.db", corpus, rows)
        print(f"import of {report.added} documents, {report.quotes} quotes: ")
        print(f"  {ratio((imported[0], imported[1]), plain)}")

        exported, *export_time = timed(
            lambda: exporting.export(store, "jsonl", root / "export.jsonl")
        )
        store.close()
        _, *dumped = timed(lambda: baseline_export(root / "project.db", root / "baseline.jsonl"))
        print(f"export jsonl of {exported.documents} documents, {exported.quotes} quotes: ")
        print(f"  {ratio((export_time[0], export_time[1]), (dumped[0], dumped[1]))}")


if __name__ == "__main__":
    main()
