"""Round trips through running Label Studio and doccano servers, counted per stage.

Run: ``python tests/bench/peers_roundtrip.py CORPUS [--label-studio URL --ls-email E
--ls-password P] [--doccano URL --dc-username U --dc-password P]``.

CORPUS is a folder or file any import format reads (e.g. a brat folder). It
is imported into a fresh project, exported as Label Studio JSON and doccano
JSONL, sent through each server that is given (a new project with the
labelling configuration of the README, where one annotation is added as
a coder would add it; or a doccano sequence-labelling project with
relations and overlapping spans), exported by the server and
imported back into fresh projects. Each stage prints its counts: texts,
regions or entities in the file, quotes, split quotes, mentions, cues,
speakers, coders, aliases, quotes keeping their stable id and their
timestamps, suggested quotes, quotes the same in every field a coder sees
(by stable id), and what the import reported as not imported. Servers must run
on this machine (loopback); nothing is sent elsewhere.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import io
import json
import re
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core import exporting, importing, speakers  # noqa: E402
from annotator.core.model import DocumentRecord, QuoteRecord  # noqa: E402
from annotator.core.store import Store  # noqa: E402

README = Path(__file__).resolve().parents[2] / "README.md"
COLUMNS = (
    "texts",
    "regions",
    "quotes",
    "split",
    "mentions",
    "cues",
    "speakers",
    "coders",
    "aliases",
    "uids",
    "stamps",
    "suggested",
    "same",
)


class Client:
    """JSON over HTTP with a session cookie (and CSRF token where Django wants one)."""

    def __init__(self, base: str, headers: dict[str, str] | None = None) -> None:
        self.base = base.rstrip("/")
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.headers = headers or {}

    def csrf(self) -> str:
        return next((c.value or "" for c in self.cookies if c.name == "csrftoken"), "")

    def call(
        self, method: str, path: str, body: Any = None, raw: bytes | None = None, ctype: str = ""
    ) -> bytes:
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        headers = {**self.headers, "X-CSRFToken": self.csrf(), "Referer": self.base + "/"}
        if data is not None:
            headers["Content-Type"] = ctype or "application/json"
        request = urllib.request.Request(self.base + path, data, headers, method=method)
        with self.opener.open(request, timeout=600) as response:
            return bytes(response.read())

    def json(self, method: str, path: str, body: Any = None) -> Any:
        return json.loads(self.call(method, path, body) or b"null")


def multipart(field: str, name: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


# -- counting ----------------------------------------------------------------------


def counts(records: list[DocumentRecord], reference: dict[str, tuple[Any, ...]]) -> dict[str, int]:
    quotes = [q for r in records for q in r.quotes]
    aliases: dict[str, set[str]] = {}
    for quote in quotes:
        if quote.speaker:
            aliases.setdefault(quote.speaker, set()).update(quote.speaker_aliases)
    return {
        "texts": len(records),
        "quotes": len(quotes),
        "split": sum(len(q.spans) > 1 for q in quotes),
        "mentions": sum(q.mention is not None for q in quotes),
        "cues": sum(q.cue is not None for q in quotes),
        "speakers": len(aliases),
        "coders": len({q.annotator for q in quotes}),
        "aliases": sum(map(len, aliases.values())),
        "uids": sum(q.uid in reference for q in quotes),
        "suggested": sum(q.origin == "suggested" for q in quotes),
        "stamps": sum(
            q.uid in reference and reference[q.uid][:2] == (q.created_at, q.updated_at)
            for q in quotes
        ),
        "same": sum(q.uid in reference and reference[q.uid][2] == fields(q) for q in quotes),
    }


def fields(quote: QuoteRecord) -> tuple[Any, ...]:
    """What a coder sees of a quote, compared by stable id after a trip."""
    return (
        quote.spans,
        quote.speaker,
        quote.mention,
        quote.cue,
        quote.stance,
        quote.quote_type,
        quote.target,
        quote.note,
        quote.annotator,
        quote.origin,
    )


def project_counts(store: Store, reference: dict[str, tuple[Any, ...]]) -> Any:
    return counts(list(exporting.iter_records(store)), reference)


def ls_regions(tasks: list[Any]) -> int:
    return sum(
        result.get("type") == "labels"
        for task in tasks
        for annotation in task.get("annotations") or []
        if isinstance(annotation, dict)
        for result in annotation.get("result") or []
    )


def dc_entities(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return sum(len(json.loads(line).get("entities") or []) for line in lines if line.strip())


def row(stage: str, figures: dict[str, int], regions: int | None, notes: str = "") -> None:
    figures = {**figures, "regions": regions if regions is not None else -1}
    cells = " ".join(f"{figures.get(c, -1):>8}" for c in COLUMNS)
    print(f"{stage:<46}{cells}  {notes}")


def reimport(path: Path, format: str) -> tuple[Store, str]:
    store = Store.memory()
    report = importing.import_paths(store, [path], format=format)
    if not report.ok:
        raise SystemExit(f"{path}: {report.failed[0].error}")
    notes = "; ".join(f"{n} {k}" for k, n in sorted(report.unsupported.items()))
    return store, notes


# -- Label Studio -------------------------------------------------------------------


def ls_config() -> str:
    section = README.read_text(encoding="utf-8").split("### Label Studio", 1)[1]
    found = re.search(r"```xml\n(.*?)```", section, re.S)
    assert found, "no labelling configuration in the README's Label Studio section"
    return found.group(1)


def annotate_in_label_studio(client: Client, project: int) -> None:
    """As a coder would in Label Studio's editor: one new annotation on the first task,
    a Quote region with a Speaker region linked to it, the stance chosen while the
    Speaker region was selected."""
    tasks = client.json("GET", f"/api/tasks?project={project}&page_size=1")
    task = (tasks["tasks"] if isinstance(tasks, dict) else tasks)[0]
    text = task["data"]["text"]
    quote, speaker = (0, text.index(" ")), (text.index(" ") + 1, len(text.split("\n")[0]))

    def region(ident: str, span: tuple[int, int], label: str) -> dict[str, Any]:
        value = {"start": span[0], "end": span[1], "text": text[span[0] : span[1]]}
        return {
            "id": ident,
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {**value, "labels": [label]},
        }

    result = [
        region("lsQuote01", quote, "Quote"),
        region("lsSpeak01", speaker, "Speaker"),
        {"from_id": "lsSpeak01", "to_id": "lsQuote01", "type": "relation", "labels": ["speaker"]},
        {
            "id": "lsSpeak01",
            "from_name": "stance",
            "to_name": "text",
            "type": "choices",
            "value": {"start": speaker[0], "end": speaker[1], "choices": ["supports"]},
        },
    ]
    client.json("POST", f"/api/tasks/{task['id']}/annotations/", {"result": result})


def label_studio(args: argparse.Namespace, exported: Path, work: Path, reference: Any) -> None:
    client = Client(args.label_studio)
    client.call("GET", "/user/login/")
    form = urllib.parse.urlencode(
        {"email": args.ls_email, "password": args.ls_password, "csrfmiddlewaretoken": client.csrf()}
    ).encode()
    client.call("POST", "/user/login/", raw=form, ctype="application/x-www-form-urlencoded")
    project = client.json(
        "POST",
        "/api/projects",
        {"title": f"peers {time.strftime('%H%M%S')}", "label_config": ls_config()},
    )
    body, ctype = multipart("file", exported.name, exported.read_bytes())
    client.call("POST", f"/api/projects/{project['id']}/import", raw=body, ctype=ctype)
    annotate_in_label_studio(client, project["id"])
    base = f"/api/projects/{project['id']}"
    default = work / "ls-default.json"
    default.write_bytes(
        client.call("GET", f"{base}/export?exportType=JSON&download_all_tasks=true")
    )
    stages = [("Label Studio default export", default)]
    for name, options in (
        ("snapshot", {}),
        (
            "snapshot, predictions whole",
            {"predictions": {"only_id": False}, "annotations__completed_by": {"only_id": False}},
        ),
    ):
        made = client.json(
            "POST", f"{base}/exports/", {"title": name, "serialization_options": options}
        )
        for _ in range(600):
            state = client.json("GET", f"{base}/exports/{made['id']}")
            if state.get("status") in ("completed", "failed"):
                break
            time.sleep(1)
        path = work / f"ls-{made['id']}.json"
        path.write_bytes(
            client.call("GET", f"{base}/exports/{made['id']}/download?exportType=JSON")
        )
        stages.append((f"Label Studio {name}", path))
    for stage, path in stages:
        tasks = json.loads(path.read_text(encoding="utf-8"))
        store, notes = reimport(path, "label-studio")
        row(f"{stage} (file)", {"texts": len(tasks)}, ls_regions(tasks))
        row(f"{stage} → here", project_counts(store, reference), None, notes)
    full = stages[-1][1]
    meta_kept = sum(bool(t.get("meta", {}).get("quotes")) for t in json.loads(full.read_text()))
    print(f"Label Studio kept meta.quotes on {meta_kept} tasks")


# -- doccano -----------------------------------------------------------------------


def doccano(args: argparse.Namespace, exported: Path, work: Path, reference: Any) -> None:
    login = Client(args.doccano)
    key = login.json(
        "POST", "/v1/auth/login/", {"username": args.dc_username, "password": args.dc_password}
    )["key"]
    client = Client(args.doccano, {"Authorization": f"Token {key}"})
    project = client.json(
        "POST",
        "/v1/projects",
        {
            "name": f"peers {time.strftime('%H%M%S')}",
            "description": "quotes",
            "project_type": "SequenceLabeling",
            "resourcetype": "SequenceLabelingProject",
            "use_relation": True,
            "allow_overlapping": True,
            "grapheme_mode": False,
            "guideline": "",
        },
    )
    pid = project["id"]
    body, ctype = multipart("filepond", exported.name, exported.read_bytes())
    upload = client.call("POST", "/v1/fp/process/", raw=body, ctype=ctype).decode()
    started = client.json(
        "POST",
        f"/v1/projects/{pid}/upload",
        {"uploadIds": [upload], "format": "JSONL", "task": "RelationExtraction"},
    )
    wait(client, started["task_id"])
    started = client.json("POST", f"/v1/projects/{pid}/download", {"format": "JSONL"})
    wait(client, started["task_id"])
    archive = client.call("GET", f"/v1/projects/{pid}/download?taskId={started['task_id']}")
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        names = zipped.namelist()
        back = work / "doccano-export.jsonl"
        back.write_bytes(b"".join(zipped.read(name) for name in names))
    print(f"doccano export files: {', '.join(names)}")
    store, notes = reimport(back, "doccano")
    texts = sum(1 for line in back.read_text(encoding="utf-8").splitlines() if line.strip())
    row("doccano export (file)", {"texts": texts}, dc_entities(back))
    row("doccano export → here", project_counts(store, reference), None, notes)


def wait(client: Client, task_id: str) -> None:
    for _ in range(900):
        state = client.json("GET", f"/v1/tasks/status/{task_id}")
        if state.get("ready"):
            if state.get("error"):
                raise SystemExit(f"doccano task failed: {state['error']}")
            return
        time.sleep(1)
    raise SystemExit("doccano task did not finish")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--label-studio")
    parser.add_argument("--ls-email", default="")
    parser.add_argument("--ls-password", default="")
    parser.add_argument("--doccano")
    parser.add_argument("--dc-username", default="admin")
    parser.add_argument("--dc-password", default="")
    parser.add_argument("--keep", type=Path, help="a folder to keep every file in")
    parser.add_argument(
        "--suggested", type=int, default=20, help="quotes made suggestions (predictions)"
    )
    args = parser.parse_args()

    source = Store.memory()
    report = importing.import_paths(source, [args.corpus])
    if not report.ok:
        raise SystemExit(report.failed[0].error)
    # PolNeAR has no aliases: give two speakers one each, as a user would.
    for speaker in sorted(source.speakers(), key=lambda s: s.name)[:2]:
        speakers.add_alias(source, speaker.id, f"{speaker.name} (alias)")
    # A few suggested quotes, which Label Studio keeps as predictions (a bench-only edit).
    with source.transaction():
        source.conn.execute(
            "UPDATE quotes SET origin = 'suggested' WHERE id IN "
            "(SELECT id FROM quotes ORDER BY id LIMIT ?)",
            (args.suggested,),
        )
    records = list(exporting.iter_records(source))
    reference = {
        q.uid: (q.created_at, q.updated_at, fields(q)) for r in records for q in r.quotes if q.uid
    }
    print(f"{'stage':<46}" + " ".join(f"{c:>8}" for c in COLUMNS))
    row("imported here", counts(records, reference), None)
    with tempfile.TemporaryDirectory() as folder:
        work = args.keep or Path(folder)
        work.mkdir(parents=True, exist_ok=True)
        for format, name in (("label-studio", "ours.json"), ("doccano", "ours.jsonl")):
            exporting.export(source, format, work / name)
            store, notes = reimport(work / name, format)
            row(f"our {format} export → here", project_counts(store, reference), None, notes)
        if args.label_studio:
            label_studio(args, work / "ours.json", work, reference)
        if args.doccano:
            doccano(args, work / "ours.jsonl", work, reference)


if __name__ == "__main__":
    main()
