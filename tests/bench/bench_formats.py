"""Export time of 100,000 quotes in each foreign format.

Run: python tests/bench/bench_formats.py [--quotes N]
Builds an in-memory project (2,000 articles with split quotes, emoji and
U+00A0 in the text), then times ``exporting.export`` for each format, in wall
time and in CPU time (wall time grows with the load of a shared machine).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core import exporting, importing  # noqa: E402
from annotator.core.model import DocumentRecord, QuoteRecord  # noqa: E402
from annotator.core.store import Store  # noqa: E402

FORMATS = ("brat", "label-studio", "doccano", "conll", "parquet")
SENTENCE = (
    "“We’ve never tried it 🙂,” Secretary\u00a0Ana Lima said. “But until we do, we won’t know.” "
)


def _at(piece: str) -> tuple[int, int]:
    start = SENTENCE.index(piece)
    return start, start + len(piece)


FIRST, SECOND = _at("We’ve never tried it 🙂,"), _at("But until we do, we won’t know.")
MENTION, CUE = _at("Secretary\u00a0Ana Lima"), _at("said")


def corpus(quotes: int, per_document: int = 50) -> list[DocumentRecord]:
    records = []
    for number in range(quotes // per_document):
        text = SENTENCE * per_document
        found = []
        for k in range(per_document):
            base = k * len(SENTENCE)
            found.append(
                QuoteRecord(
                    spans=[(base + s, base + e) for s, e in (FIRST, SECOND)],
                    speaker=f"Ana Lima {number % 300}",
                    mention=(base + MENTION[0], base + MENTION[1]),
                    cue=(base + CUE[0], base + CUE[1]),
                    stance=("supports", "opposes", "neutral")[k % 3],
                    quote_type="direct",
                    target="taxes",
                    note="checked" if k % 5 == 0 else "",
                    annotator=("ana", "ben")[k % 2],
                )
            )
        records.append(DocumentRecord(f"doc-{number}", f"Article {number}", text, quotes=found))
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quotes", type=int, default=100_000)
    args = parser.parse_args()
    store = Store.memory()
    started, cpu = time.perf_counter(), time.process_time()
    importing.import_records(store, corpus(args.quotes), "bench")
    print(
        f"project of {args.quotes:,} quotes built in {time.perf_counter() - started:.1f} s "
        f"wall, {time.process_time() - cpu:.1f} s CPU"
    )
    with tempfile.TemporaryDirectory() as folder:
        for name in FORMATS:
            output = Path(folder) / f"export-{name}"
            started, cpu = time.perf_counter(), time.process_time()
            report = exporting.export(store, name, output)
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu
            size = (
                sum(p.stat().st_size for p in output.rglob("*"))
                if output.is_dir()
                else (output.stat().st_size)
            )
            print(
                f"{name:>13}: {report.quotes:,} quotes in {elapsed:5.2f} s wall, {cpu:5.2f} s "
                f"CPU ({report.quotes / cpu:,.0f} quotes per CPU second, {size / 1e6:.1f} MB)"
            )


if __name__ == "__main__":
    main()
