"""The import promise under a generated corpus of broken files, in every import format.

Each seed (a good file of each format, exported from the shared sample
project) is truncated, bit-flipped, re-encoded and mis-typed. Every variant
is imported or refused in one line naming the file, never a traceback or a
hang, and after a refusal the project dumps (``iterdump``) exactly as before.
"""

from __future__ import annotations

import codecs
import json
import random
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotator.core import exporting, importing
from annotator.core.errors import shown
from annotator.core.store import Store
from tests.core.formats.samples import project, sample_records

SEED = 20260407
# Values a record may hold where another type belongs.
WRONG = [
    5,
    -1,
    1.5e308,
    "x",
    None,
    [],
    {},
    True,
    [[1, 2, "QUOTE"]],
    "\ud800",
    "__DEEP__",
    "__HUGE__",
    {"a": [[[[[[[[]]]]]]]]},
]
# Raw JSON that json.dumps cannot write, put in place of the markers above.
RAW = {'"__DEEP__"': "[" * 1000 + "]" * 1000, '"__HUGE__"': "9" * 5000}
# Places in each JSON seed whose value is replaced, one variant each.
PLACES = 40


def _seeds(folder: Path) -> dict[str, Path]:
    """One good input of every import format, by name."""
    store = project(sample_records())
    seeds: dict[str, Path] = {}
    for name, file_name in (
        ("jsonl", "corpus.jsonl"),
        ("csv", "corpus.csv"),
        ("label-studio", "tasks.json"),
        ("doccano", "spans.jsonl"),
        ("brat", "brat"),
    ):
        exporting.export(store, name, folder / file_name)
        seeds[name] = folder / file_name
    store.close()
    text = folder / "article.txt"
    text.write_text("Talks in Mexico\n\n“We won’t know,” he said 🙂.\n", encoding="utf-8")
    seeds["text"] = text
    page = folder / "page.html"
    page.write_text(
        "<html><head><title>Talks</title></head><body><article><p>“We won’t know,” "
        "he said.</p><p>Second&nbsp;paragraph.</p></article></body></html>",
        encoding="utf-8",
    )
    seeds["html"] = page
    single = folder / "one.json"
    single.write_text(json.dumps({"id": "a", "title": "A", "text": "He said yes."}))
    seeds["json"] = single
    return seeds


def _truncated(data: bytes, rng: random.Random) -> Iterator[bytes]:
    for _ in range(4):
        yield data[: rng.randrange(1, max(2, len(data)))]
    yield data[: len(data) // 2]


def _flipped(data: bytes, rng: random.Random) -> Iterator[bytes]:
    for flips in (1, 2, 3, 8):
        damaged = bytearray(data)
        for _ in range(flips):
            at = rng.randrange(len(damaged))
            damaged[at] ^= 1 << rng.randrange(8)
        yield bytes(damaged)


def _reencoded(data: bytes, rng: random.Random) -> Iterator[bytes]:
    text = data.decode("utf-8-sig", errors="replace")
    yield text.encode("latin-1", errors="replace")
    yield text.encode("cp1252", errors="replace")
    yield text.encode("utf-16-le")  # no byte-order mark
    yield codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    yield text.encode("utf-32")
    yield text.replace("\n", "\r").encode("utf-8")


def _mistyped(data: bytes, rng: random.Random) -> Iterator[bytes]:
    """JSON with one value swapped for a value of another type, place by place."""
    text = data.decode("utf-8-sig")
    try:
        documents = [json.loads(text)]
        lines = False
    except json.JSONDecodeError:
        documents = [json.loads(line) for line in text.splitlines() if line.strip()]
        lines = True
    places = list(_places(documents, ()))
    for place in rng.sample(places, min(PLACES, len(places))):
        changed = json.loads(json.dumps(documents))
        _replace(changed, place, rng.choice(WRONG))
        if lines:
            out = "\n".join(json.dumps(d) for d in changed)
        else:
            out = json.dumps(changed[0])
        for marker, raw in RAW.items():
            out = out.replace(marker, raw)
        yield out.encode("utf-8", "surrogatepass")


def _places(value: object, at: tuple[object, ...]) -> Iterator[tuple[object, ...]]:
    """The path of every value inside ``value``, containers and leaves."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*at, key)
            yield from _places(child, (*at, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield (*at, index)
            yield from _places(child, (*at, index))


def _replace(value: object, place: tuple[object, ...], new: object) -> None:
    for key in place[:-1]:
        value = value[key]  # type: ignore[index]
    value[place[-1]] = new  # type: ignore[index]


def _csv_mistyped(data: bytes, rng: random.Random) -> Iterator[bytes]:
    lines = data.decode("utf-8-sig").split("\n")
    yield "\n".join(lines[1:]).encode()  # no header
    yield "\n".join([lines[0].replace("text", "body"), *lines[1:]]).encode()
    yield "\n".join([lines[0], *(line + ',"extra' for line in lines[1:])]).encode()
    yield "\n".join([lines[0], '"' * 7, *lines[1:]]).encode()


Mutator = Callable[[bytes, random.Random], Iterator[bytes]]


def _size(path: Path) -> int:
    return path.stat().st_size


def _variants(seeds: dict[str, Path]) -> Iterator[tuple[str, Path, bytes]]:
    """(seed name, the file to damage, damaged content) for every seed and mutation."""
    rng = random.Random(SEED)
    for name, seed in seeds.items():
        target = max(seed.rglob("*.ann"), key=_size) if seed.is_dir() else seed
        data = target.read_bytes()
        mutators: list[Mutator] = [_truncated, _flipped, _reencoded]
        if name in ("jsonl", "label-studio", "doccano", "json"):
            mutators.append(_mistyped)
        if name == "csv":
            mutators.append(_csv_mistyped)
        for mutate in mutators:
            for damaged in mutate(data, rng):
                yield name, target, damaged


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Hang("an import took over a minute: a hang")


@pytest.fixture
def hang_guard():
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_every_damaged_file_is_imported_or_refused_in_one_line(tmp_path, hang_guard):
    seeds = _seeds(tmp_path / "seeds")
    refused = imported = 0
    for number, (name, target, damaged) in enumerate(_variants(seeds)):
        case = tmp_path / f"case{number}"
        seed = seeds[name]
        if seed.is_dir():
            unit = case / seed.name
            shutil.copytree(seed, unit)
            (unit / target.relative_to(seed)).write_bytes(damaged)
        else:
            case.mkdir()
            unit = case / seed.name
            unit.write_bytes(damaged)
        store = Store.memory()
        importing.import_records(store, sample_records()[1:], "before")
        before = list(store.conn.iterdump())
        report = importing.import_paths(store, [unit])
        assert len(report.files) == 1, (name, damaged[:200])
        error = report.files[0].error
        if error is None:
            imported += 1
        else:
            refused += 1
            assert error.startswith(shown(unit)), (name, error)
            assert "\n" not in error and "Traceback" not in error, (name, error)
            assert list(store.conn.iterdump()) == before, (name, error)
        store.close()
    # The corpus must exercise both outcomes, or it tests nothing.
    assert refused > 120 and imported > 40, (refused, imported)
