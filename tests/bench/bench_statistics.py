"""Statistics and report speed on a large project.

Run: ``python tests/bench/bench_statistics.py [--quotes N] [--report-quotes M]``.
Builds a project of N quotes (default 100,000: ten a document, 300 speakers,
four coders over sixty days) straight in SQLite, then prints:

- the time of :func:`annotator.core.statistics.compute` over all quotes and
  under filters (best of five runs, target under 200 ms);
- the time and size of the HTML report of a project of M quotes (default
  10,000).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core import report, statistics  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.core.text import sha256  # noqa: E402

CODERS = ("ana", "ben", "chloé", "dmitri")
STATUSES = ("new", "in_progress", "done", "skipped")
TEXT = "The minister said “we will talk” and the talks went on. " * 8


def build(path: Path, quotes: int) -> Store:
    rng = random.Random(7)
    store = Store.open(path)
    documents = max(1, quotes // 10)
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO documents (id, external_id, title, text, sha256, status, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00')",
            (
                (i, f"article-{i:06d}", f"Article {i}", TEXT, sha256(TEXT), rng.choice(STATUSES))
                for i in range(1, documents + 1)
            ),
        )
        conn.executemany(
            "INSERT INTO speakers (id, name) VALUES (?, ?)",
            ((i, f"Speaker {i} Example") for i in range(1, 301)),
        )
        conn.executemany(
            "INSERT INTO annotators (id, name) VALUES (?, ?)",
            ((i, name) for i, name in enumerate(CODERS, start=1)),
        )
        stances = [row[0] for row in conn.execute("SELECT id FROM labels WHERE kind = 'stance'")]
        types = [row[0] for row in conn.execute("SELECT id FROM labels WHERE kind = 'quote_type'")]
        rows = []
        spans = []
        for quote_id in range(1, quotes + 1):
            day = f"2026-{1 + rng.randrange(2):02d}-{1 + rng.randrange(28):02d}"
            stamp = f"{day}T10:00:00.000+00:00"
            # Speakers by a long tail, as in news: a few are quoted most.
            speaker = min(300, int(rng.paretovariate(1.2))) if rng.random() > 0.05 else None
            rows.append(
                (
                    quote_id,
                    1 + (quote_id - 1) % documents,
                    1 + rng.randrange(len(CODERS)),
                    speaker,
                    rng.choice([*stances, None]),
                    rng.choice(types),
                    stamp,
                    stamp,
                    f"{quote_id:016x}",
                )
            )
            spans.append((quote_id, 4, 20, TEXT[4:20]))
        conn.executemany(
            "INSERT INTO quotes (id, document_id, annotator_id, speaker_id, stance_id, "
            "quote_type_id, created_at, updated_at, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany(
            'INSERT INTO quote_spans (quote_id, start, "end", text) VALUES (?, ?, ?, ?)', spans
        )
    return store


def best_of(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    """The shortest wall-clock and processor times of ``runs`` runs, in seconds."""
    wall = []
    cpu = []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(wall), min(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--report-quotes", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store = build(root / "large.db", args.quotes)
        print(f"project: {args.quotes} quotes in {store.document_count()} documents")
        for name, filters in (
            ("all quotes", statistics.Filters()),
            ("status done", statistics.Filters(statuses=("done",))),
            ("coder ana", statistics.Filters(coder="ana")),
            ("done + ana", statistics.Filters(statuses=("done",), coder="ana")),
        ):
            wall, cpu = best_of(5, lambda f=filters: statistics.compute(store, f))
            print(
                f"statistics, {name}: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU "
                "(best of 5; target < 200 ms)"
            )
        store.close()

        small = build(root / "report.db", args.report_quotes)
        output = root / "report.html"
        start = time.perf_counter()
        report.write(small, output)
        seconds = time.perf_counter() - start
        small.close()
        size = output.stat().st_size / 1000
        print(f"report of {args.report_quotes} quotes: {seconds:.2f} s, {size:.0f} kB")


if __name__ == "__main__":
    main()
