"""Import and export speed on a large corpus, against plain sqlite3 and json.dumps.

Run: ``python tests/bench/bench_store.py [--articles N]``. Generates a corpus
of N articles (default 10,000) of about 4 KB with 10 quotes each as one of
our JSON Lines files in a temporary folder, then prints:

- import time of the whole corpus through ``import_paths``, against plain
  ``sqlite3`` ``executemany`` of the same rows into the same tables of a
  fresh project file (FTS triggers included);
- ``jsonl`` export time through ``export``, against ``json.dumps`` of the
  same rows read with plain ``sqlite3``.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

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


def baseline_import(db: Path, rows: dict[str, list[tuple[object, ...]]]) -> float:
    store = Store.open(db)  # same schema, triggers and pragmas as the real import
    conn = store.conn
    try:
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for table in TABLES:
            if rows[table]:
                marks = ", ".join("?" * len(rows[table][0]))
                conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        store.close()


def baseline_export(db: Path, output: Path) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(db)
    try:
        with output.open("w", encoding="utf-8") as out:
            for table in ("documents", "quotes", "quote_spans"):
                for row in conn.execute(f"SELECT * FROM {table} ORDER BY id"):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        conn.close()
    return time.perf_counter() - start


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
        start = time.perf_counter()
        report = importing.import_paths(store, [corpus])
        imported = time.perf_counter() - start
        assert report.ok, report.failed
        print(f"import: {report.added} documents, {report.quotes} quotes in {imported:.2f} s")

        plain = baseline_import(root / "baseline.db", rows_of(root / "project.db"))
        print(f"plain sqlite3 executemany of the same rows: {plain:.2f} s")
        print(f"import ratio: {imported / plain:.2f} (target <= 2)")

        start = time.perf_counter()
        exported = exporting.export(store, "jsonl", root / "export.jsonl")
        export_time = time.perf_counter() - start
        store.close()
        print(
            f"export jsonl: {exported.documents} documents, {exported.quotes} quotes "
            f"in {export_time:.2f} s"
        )
        dumped = baseline_export(root / "project.db", root / "baseline.jsonl")
        print(f"plain sqlite3 + json.dumps of the same rows: {dumped:.2f} s")
        print(f"export ratio: {export_time / dumped:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
