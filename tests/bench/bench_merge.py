"""Merge speed: coders' copies of a large project merged back into it.

Run: ``python tests/bench/bench_merge.py [--files K] [--documents N] [--quotes Q]``.
Writes, in a temporary folder, a lead project of N articles (default 1,000)
with no quotes and K coder files (default 10) holding the same articles and
about Q quotes each (default 10,000, spread over the articles), then prints
the time to merge all K files into the lead project, and the time of merging
them again (which adds nothing).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core import importing, merge  # noqa: E402
from annotator.core.model import DocumentRecord  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from tests.bench.coder_projects import coder_records  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--quotes", type=int, default=10000)
    args = parser.parse_args()
    coders = [f"coder{i}" for i in range(1, args.files + 1)]
    per_document = max(1, round(args.quotes / args.documents / 0.92))
    by_coder = coder_records(args.documents, coders, per_document)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = []
        for coder, records in by_coder.items():
            path = root / f"{coder}.db"
            with Store.open(path) as store:
                importing.import_records(store, records, "bench")
            paths.append(path)
        lead = Store.open(root / "lead.db")
        empty = [DocumentRecord(r.external_id, r.title, r.text) for r in by_coder[coders[0]]]
        importing.import_records(lead, empty, "bench")
        started, cpu = time.perf_counter(), time.process_time()
        report = merge.merge(lead, paths)
        merged, merged_cpu = time.perf_counter(), time.process_time()
        again = merge.merge(lead, paths)
        done = time.perf_counter()
        lead.close()
    print(
        f"{report.files} files x {args.documents} documents: {report.quotes_added} quotes "
        f"added, {report.speakers_added} speakers added"
    )
    print(
        f"merge:       {merged - started:.2f} s (target: under 10 s); "
        f"CPU {merged_cpu - cpu:.2f} s (wall time grows on a busy machine)"
    )
    print(f"merge again: {done - merged:.2f} s, {again.quotes_added} quotes added")


if __name__ == "__main__":
    main()
