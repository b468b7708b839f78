"""Agreement speed on a large multi-coder project.

Run: ``python tests/bench/bench_agreement.py [--documents N] [--coders K]``.
Builds a project in a temporary folder with N articles (default 1,000) of
about 3,000 characters, each annotated by K coders (default 6) with about ten
quotes each, then prints the time to read the codings from the store and to
compute every agreement figure (span F1 exact and by overlap for every coder
pair, token-wise alpha, speaker, stance and type agreement, disagreements).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core import agreement, importing  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from tests.bench.coder_projects import records  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--coders", type=int, default=6)
    args = parser.parse_args()
    coders = [f"coder{i}" for i in range(1, args.coders + 1)]
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "project.db")
        importing.import_records(store, records(args.documents, coders, 10), "bench")
        quotes = store.quote_count()
        started, cpu = time.perf_counter(), time.process_time()
        codings = agreement.load_codings(store)
        loaded = time.perf_counter()
        report = agreement.agreement(codings)
        done, done_cpu = time.perf_counter(), time.process_time()
        store.close()
    print(
        f"{len(codings)} documents x {args.coders} coders, {quotes} quotes, "
        f"{report.tokens} tokens, {len(report.pairs)} coder pairs"
    )
    print(f"read codings: {loaded - started:.2f} s")
    print(f"agreement:    {done - loaded:.2f} s")
    print(
        f"total:        {done - started:.2f} s (target: under 10 s); "
        f"CPU {done_cpu - cpu:.2f} s (wall time grows on a busy machine)"
    )
    pooled = report.pooled
    print(
        f"token alpha {report.token_alpha:.3f}; span F1 exact {pooled.exact.f1:.3f}, "
        f"overlap {pooled.overlap.f1:.3f}; {len(report.disagreements)} disagreements"
    )


if __name__ == "__main__":
    main()
