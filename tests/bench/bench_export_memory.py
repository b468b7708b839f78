"""Export memory against the size of the project.

Run: python tests/bench/bench_export_memory.py [--format jsonl] [SIZES...]
(default sizes: 1000 10000 50000 documents). A project of 1,000 articles of
about 4 KB with 10 quotes each (the corpus of bench_store.py) is imported once
and copied in SQL up to each size; each export then runs in a fresh process,
which prints its peak resident memory, its wall and CPU time. Target: memory
flat in the project's size (the export streams one document at a time), time
growing with it linearly.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

TEMPLATE = 1000


def template(path: Path) -> None:
    """A project of TEMPLATE documents imported from bench_store's corpus."""
    from bench_store import generate

    from annotator.core import importing
    from annotator.core.store import Store

    corpus = path.with_suffix(".jsonl")
    generate(corpus, TEMPLATE)
    with Store.open(path) as store:
        report = importing.import_paths(store, [corpus])
        assert report.ok, report.failed
    corpus.unlink()


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def grow(path: Path, documents: int) -> None:
    """Copy the template's documents, quotes and pieces until the project holds ``documents``."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        quotes = conn.execute("SELECT max(id) FROM quotes").fetchone()[0]
        changed = {
            "documents": {"id": "id + :k * :d", "external_id": "external_id || '-' || :k"},
            "quotes": {
                "id": "id + :k * :q",
                "document_id": "document_id + :k * :d",
                "uid": "uid || '-' || :k",
            },
            "quote_spans": {"id": "NULL", "quote_id": "quote_id + :k * :q"},
        }
        limits = {"documents": "id <= :d", "quotes": "id <= :q", "quote_spans": "quote_id <= :q"}
        conn.execute("BEGIN")
        for copy in range(1, documents // TEMPLATE):
            for table, replaced in changed.items():
                columns = _columns(conn, table)
                values = ", ".join(replaced.get(c, f'"{c}"') for c in columns)
                names = ", ".join(f'"{c}"' for c in columns)
                conn.execute(
                    f"INSERT INTO {table} ({names}) SELECT {values} FROM {table} "
                    f"WHERE {limits[table]}",
                    {"k": copy, "d": TEMPLATE, "q": quotes},
                )
        conn.execute("COMMIT")
    finally:
        conn.close()


def measure(path: Path, format: str) -> dict[str, float]:
    from annotator.core import exporting
    from annotator.core.store import Store

    with tempfile.TemporaryDirectory() as folder, Store.open(path) as store:
        wall, cpu = time.perf_counter(), time.process_time()
        report = exporting.export(store, format, Path(folder) / f"export.{format}")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"documents": report.documents, "peak_mib": peak, "wall": wall, "cpu": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", default="jsonl")
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 50000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "template.db"
        template(base)
        for size in args.sizes:
            project = Path(folder) / f"project-{size}.db"
            shutil.copy(base, project)
            grow(project, size)
            result = subprocess.run(
                [sys.executable, __file__, "--measure", str(project), args.format],
                check=True,
                capture_output=True,
                text=True,
            )
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            print(
                f"{figures['documents']:>7,.0f} documents, {args.format}: peak memory "
                f"{figures['peak_mib']:6.1f} MiB; {figures['wall']:6.2f} s wall, "
                f"{figures['cpu']:6.2f} s CPU"
            )
            project.unlink()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        print(json.dumps(measure(Path(sys.argv[2]), sys.argv[3])))
    else:
        main()
