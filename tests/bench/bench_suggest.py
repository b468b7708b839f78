"""Time of the suggestion engines on a 1,000-word article.

Run: python tests/bench/bench_suggest.py [--engine rules|spacy] [--words N] [--runs N]
     python tests/bench/bench_suggest.py --folder DIR   # every *.txt under DIR instead

The built-in article repeats the sample article (curly quotes, U+00A0, split
and multi-paragraph quotes) up to the word count. Prints the median time per
article and per 1,000 words.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.suggest import engine  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "seeds" / "us-mexico-security-talks.txt"


def article(words: int) -> str:
    seed = SEED.read_text(encoding="utf-8")
    paragraphs: list[str] = []
    count = 0
    while count < words:
        for paragraph in seed.split("\n\n"):
            paragraphs.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                break
    return "\n\n".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="rules", choices=("rules", "spacy"))
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--folder", type=Path, help="Time every *.txt under this folder.")
    args = parser.parse_args()
    chosen = engine(args.engine)
    if args.folder:
        texts = [p.read_text(encoding="utf-8") for p in sorted(args.folder.rglob("*.txt"))]
    else:
        texts = [article(args.words)] * args.runs
    chosen.propose(texts[0])  # warm up (regexes compiled, a pipeline loaded)
    times, words, found = [], 0, 0
    cpu_start = time.process_time()
    for text in texts:
        start = time.perf_counter()
        found += len(chosen.propose(text))
        times.append(time.perf_counter() - start)
        words += len(text.split())
    cpu = time.process_time() - cpu_start
    total = sum(times)
    print(f"engine {chosen.name}: {len(texts)} articles, {words} words, {found} proposals")
    print(f"median per article: {statistics.median(times) * 1000:.2f} ms")
    # CPU time beside wall time: the machine may be shared.
    print(
        f"per 1,000 words: {total / words * 1000 * 1000:.2f} ms wall, "
        f"{cpu / words * 1000 * 1000:.2f} ms CPU"
    )


if __name__ == "__main__":
    main()
