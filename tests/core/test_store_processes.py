"""The project file under more than one process: real ``annotator`` processes beside a store."""

import json
import sqlite3
import subprocess
import sys

from annotator.core import quotes
from annotator.core.store import Store
from tests.projects import add_document


def _cli(db, *args):
    return subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_reopening_the_open_project_then_another_process_writing_keeps_it_whole(tmp_path):
    path = tmp_path / "p.db"
    articles = tmp_path / "more.jsonl"
    articles.write_text(
        "\n".join(json.dumps({"id": f"a{i}", "text": f"Article {i} said yes."}) for i in range(3))
    )
    first = Store.open(path)
    doc = add_document(first, "He said yes, and then he said no.")
    second = Store.open(path)
    first.close()
    assert _cli(path, "stats").returncode == 0
    for _ in range(5):
        quotes.add_quote(second, doc, [(0, 12)])
    result = _cli(path, "import", str(articles))
    assert result.returncode == 0, result.stderr
    for _ in range(5):
        quotes.add_quote(second, doc, [(14, 20)])
    second.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT count(*) FROM quotes").fetchone() == (10,)
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (4,)
    finally:
        conn.close()


def test_opening_the_open_path_again_reuses_the_open_store(tmp_path):
    path = tmp_path / "p.db"
    first = Store.open(path)
    second = Store.open(tmp_path / "." / "p.db")
    try:
        assert second is first
        second.close()
        assert first.document_count() == 0  # still open: closing one holder keeps it
    finally:
        first.close()
