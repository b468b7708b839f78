"""A real brat corpus in and out: import, brat export, the same annotations per file.

Run: ``python tests/bench/bench_corpora.py FOLDER`` with FOLDER a brat
collection in the PolNeAR layout (``text/`` + ``attributions/``), e.g.
PolNeAR's ``data/train``. Imports it into a temporary project, exports it
as brat, and compares every ``.ann`` file with the one exported for it as a
set of annotations (ids do not matter; an entity is its type and offsets,
an event its type, trigger and roles, an attribute or note its target and
value). Prints:

- import and export times, documents, quotes, refused texts;
- annotation files compared, identical, different, missing and extra;
- the speaker registry: speakers made, and how many are pronouns or
  relative pronouns (target 0) or generic descriptions.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core import exporting, importing  # noqa: E402
from annotator.core.speaker_names import is_description, is_pronoun  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.core.text import read_text  # noqa: E402

Annotation = tuple[object, ...]


def annotation_set(path: Path) -> set[Annotation]:
    """An .ann file as a set of annotations that do not depend on ids."""
    lines: list[str] = []
    for line in read_text(path).split("\n"):
        if line[:1] in "TEARMN#*" and "\t" in line and line.split("\t")[0][1:].isdigit():
            lines.append(line)
    entities: dict[str, Annotation] = {}
    events: dict[str, str] = {}
    for line in lines:
        ident, rest = line.split("\t")[0], line.split("\t")[1]
        if ident.startswith("T"):
            type_, offsets = rest.split(" ", 1)
            spans = tuple(tuple(int(n) for n in p.split()) for p in offsets.split(";"))
            entities[ident] = ("T", type_, spans)
        elif ident.startswith("E"):
            events[ident] = rest
    out: set[Annotation] = set(entities.values())

    def ref(ident: str) -> object:
        if ident in events:
            type_, trigger = events[ident].split()[0].split(":")
            return (type_, entities.get(trigger))
        return entities.get(ident)

    for line in lines:
        fields = line.split("\t")
        ident, rest = fields[0], fields[1]
        kind = ident[:1]
        parts = rest.split()
        if kind == "E":
            type_, trigger = parts[0].split(":")
            args = tuple(sorted((r, repr(ref(t))) for r, t in (p.split(":") for p in parts[1:])))
            out.add(("E", type_, entities.get(trigger), args))
        elif kind in "AM":
            out.add(("A", parts[0], repr(ref(parts[1])), " ".join(parts[2:])))
        elif kind == "#":
            out.add(("#", parts[0], repr(ref(parts[1])), fields[2] if len(fields) > 2 else ""))
        elif kind == "R":
            args = tuple(sorted((r, repr(ref(t))) for r, t in (p.split(":") for p in parts[1:])))
            out.add(("R", parts[0], args))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="a brat folder: text/ and attributions/")
    args = parser.parse_args()
    folder: Path = args.folder.resolve()
    with tempfile.TemporaryDirectory() as work:
        store = Store.open(Path(work) / "project.db")
        started = time.perf_counter()
        report = importing.import_paths(store, [folder])
        imported = time.perf_counter() - started
        print(f"import: {report.added} documents, {report.quotes} quotes in {imported:.1f} s")
        print(f"refused: {len(report.refused)}")
        for message in report.refused:
            print(f"  {message}")
        for name, count in sorted(report.unsupported.items()):
            print(f"  not imported: {name} x{count}")
        out = Path(work) / "out"
        started = time.perf_counter()
        exporting.export(store, "brat", out)
        print(f"brat export: {time.perf_counter() - started:.1f} s")
        exported_folder = out / folder.name if (out / folder.name).is_dir() else out
        originals = {p.name: p for p in (folder / "attributions").glob("*.ann")}
        exported = {p.name: p for p in (exported_folder / "attributions").glob("*.ann")}
        same = different = 0
        differences: collections.Counter[str] = collections.Counter()
        for name, path in sorted(originals.items()):
            if name not in exported:
                continue
            before, after = annotation_set(path), annotation_set(exported[name])
            if before == after:
                same += 1
            else:
                different += 1
                for item in before ^ after:
                    side = "lost" if item in before else "added"
                    differences[f"{side} {item[0]} {item[1]}"] += 1
        texts_same = sum(
            (exported_folder / "text" / p.name).is_file()
            and (exported_folder / "text" / p.name).read_bytes() == p.read_bytes()
            for p in (folder / "text").glob("*.txt")
        )
        print(
            f"annotation files: {len(originals)} in the corpus, {same} the same after the "
            f"round trip, {different} different, {len(set(originals) - set(exported))} "
            f"missing, {len(set(exported) - set(originals))} extra"
        )
        print(f"texts byte for byte the same: {texts_same}")
        for name, count in differences.most_common(10):
            print(f"  {name} x{count}")
        speakers = store.speakers()
        pronouns = [s.name for s in speakers if is_pronoun(s.name)]
        descriptions = [s.name for s in speakers if is_description(s.name)]
        with_quotes = store.conn.execute(
            "SELECT count(*) FROM quotes WHERE speaker_id IS NOT NULL"
        ).fetchone()[0]
        print(
            f"speakers: {len(speakers)} in the registry ({with_quotes} quotes with one); "
            f"{len(pronouns)} pronouns or relative pronouns, {len(descriptions)} "
            "generic descriptions"
        )
        for name in pronouns[:10] + descriptions[:10]:
            print(f"  {name}")
        store.close()


if __name__ == "__main__":
    main()
