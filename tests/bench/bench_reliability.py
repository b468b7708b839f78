"""Import under load: a large folder with many speakers, Label Studio memory, hostile HTML.

Run: python tests/bench/bench_reliability.py [--files N] [--speakers N] [--tasks N]

- folder: ``annotator import`` of N files (one article and one quote each)
  naming S distinct speakers, into a file project (target: 20,000 files with
  5,000 speakers in under 30 s).
- Label Studio: peak memory (max RSS of a child process) importing an export
  of T tasks, against the file's size and against JSON Lines of the same tasks.
- HTML: a 1 MB article page, and 1 MB of unfinished tags (``<a`` repeated,
  unclosed attribute quotes), each imported whole.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SENTENCE = "“We’ve never tried it 🙂,” Ana\u00a0Lima said. “But until we do, we won’t know.” "


# Runs the command line in a child and prints its own peak memory (KiB) last. Not
# ru_maxrss: Linux keeps that across exec, so a child would report the parent's.
_CHILD = """
import sys
from annotator.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="annotator", standalone_mode=False)
finally:
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    print(peak, file=sys.stderr)
"""


def _import(db: Path, *paths: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (bytes) of one ``annotator import`` process."""
    return _annotator("--db", str(db), "import", *map(str, paths))


def _annotator(*args: str) -> tuple[float, int]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    *messages, peak = result.stderr.splitlines() or ["0"]
    if result.returncode != 0 or messages:
        sys.exit(f"import failed: {result.stderr.strip()}")
    return elapsed, int(peak) * 1024


def folder(tmp: Path, files: int, speakers: int) -> None:
    corpus = tmp / "folder"
    corpus.mkdir()
    start, end = 1, SENTENCE.index(",”")
    for number in range(files):
        record = {
            "id": f"doc-{number}",
            "title": f"Article {number}",
            "text": f"{SENTENCE} Article {number}.",
            "quotes": [{"spans": [[start, end]], "speaker": f"Speaker {number % speakers}"}],
        }
        (corpus / f"{number:06d}.jsonl").write_text(json.dumps(record, ensure_ascii=False))
    elapsed, _ = _import(tmp / "folder.db", corpus)
    print(
        f"folder: {files:,} files, {speakers:,} speakers imported in {elapsed:.1f} s "
        f"({files / elapsed:,.0f} files/s)"
    )


def label_studio(tmp: Path, tasks: int) -> None:
    text = SENTENCE * 40
    start, end = 1, SENTENCE.index(",”")
    records = []
    for number in range(tasks):
        records.append(
            {
                "id": number,
                "data": {"text": text, "external_id": f"t{number}"},
                "annotations": [
                    {
                        "result": [
                            {
                                "id": f"r{number}",
                                "type": "labels",
                                "from_name": "label",
                                "to_name": "text",
                                "value": {
                                    "start": start,
                                    "end": end,
                                    "text": text[start:end],
                                    "labels": ["Quote"],
                                },
                            }
                        ]
                    }
                ],
            }
        )
    exported = tmp / "tasks.json"
    exported.write_text(json.dumps(records, ensure_ascii=False))
    lines = tmp / "tasks.jsonl"
    with lines.open("w", encoding="utf-8") as out:
        for number in range(tasks):
            out.write(
                json.dumps(
                    {"id": f"t{number}", "text": text, "quotes": [{"spans": [[start, end]]}]},
                    ensure_ascii=False,
                )
                + "\n"
            )
    # What the command costs before reading anything (Python, Qt-free core, pyarrow).
    _, base = _annotator("--db", str(tmp / "base.db"), "stats")
    lines_time, lines_peak = _import(tmp / "lines.db", lines)
    ls_time, ls_peak = _import(tmp / "ls.db", exported)
    size = exported.stat().st_size
    mib = 2**20
    print(
        f"Label Studio: {tasks:,} tasks, {size / mib:.0f} MiB file, peak {ls_peak / mib:.0f} MiB, "
        f"{(ls_peak - base) / mib:.0f} MiB above the command's own {base / mib:.0f} MiB "
        f"({(ls_peak - base) / size:.2f}× the file), in {ls_time:.1f} s; JSON Lines of the "
        f"same: peak {lines_peak / mib:.0f} MiB ({(lines_peak - base) / mib:.0f} above) "
        f"in {lines_time:.1f} s"
    )


def html(tmp: Path) -> None:
    paragraph = f"<p>{SENTENCE * 4}</p>\n"
    pages = {
        "article": "<html><head><title>Long read</title></head><body><article>"
        + paragraph * (2**20 // len(paragraph.encode()))
        + "</article></body></html>",
        "unfinished tags": "<p>Ann said yes.</p>" + "<a" * (2**19),
        "unclosed quotes": "<p>Ann said yes.</p>" + "<a href='x " * (2**20 // 11),
    }
    for name, page in pages.items():
        path = tmp / f"{name.replace(' ', '-')}.html"
        path.write_text(page, encoding="utf-8")
        elapsed, _ = _import(tmp / f"html-{path.stem}.db", path)
        print(
            f"HTML {name}: {path.stat().st_size / 2**20:.1f} MiB page imported in {elapsed:.2f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--speakers", type=int, default=5_000)
    parser.add_argument("--tasks", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder_name:
        tmp = Path(folder_name)
        html(tmp)
        label_studio(tmp, args.tasks)
        folder(tmp, args.files, args.speakers)


if __name__ == "__main__":
    main()
