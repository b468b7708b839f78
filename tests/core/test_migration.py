"""Opening a project made by version 0.1 (schema 1): migrated, nothing lost, same shape as new."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from annotator.core import quotes, schema
from annotator.core.store import Store

FIXTURE = Path(__file__).parent / "fixtures" / "project_v1.sql"


@pytest.fixture
def v1_project(tmp_path: Path) -> Path:
    """A schema-1 project file: the sample article, three quotes by two annotators."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(FIXTURE.read_text(encoding="utf-8"))
    # The dump leaves out the full-text index; version 1 made it with this call.
    sqlite_utils.Database(conn)["documents"].enable_fts(
        ["title", "text"], fts_version="FTS5", create_triggers=True
    )
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    return path


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _shape(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    shape = {table: conn.execute(f"PRAGMA table_info({table})").fetchall() for table in tables}
    for kind in ("index", "trigger", "view"):
        shape[kind] = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = ? AND sql IS NOT NULL ORDER BY name",
            (kind,),
        ).fetchall()
    return shape


def test_a_version_1_project_keeps_every_row_and_id(v1_project: Path) -> None:
    quote_rows = _rows(v1_project, "SELECT id, document_id, annotator_id, note FROM quotes")
    span_rows = _rows(v1_project, 'SELECT quote_id, start, "end", text FROM quote_spans')
    with Store.open(v1_project) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        after = store.conn.execute(
            "SELECT id, document_id, annotator_id, note FROM quotes"
        ).fetchall()
        assert after == quote_rows
        assert (
            store.conn.execute('SELECT quote_id, start, "end", text FROM quote_spans').fetchall()
            == span_rows
        )
        assert store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # Every quote got its own stable id, and was last changed by its maker.
        uids = [q.uid for d in store.document_ids() for q in store.quotes(d)]
        assert len(set(uids)) == len(uids) == len(quote_rows)
        assert all(q.changed_by == q.annotator_id for q in store.quotes(store.document_ids()[0]))
        # Full-text search still finds the article.
        assert store.document_ids(search="Tillerson")
    assert (v1_project.parent / "old.db.v1.bak").exists()


def test_a_migrated_project_has_the_shape_of_a_new_one(v1_project: Path, tmp_path: Path) -> None:
    Store.open(v1_project).close()
    Store.open(tmp_path / "new.db").close()
    old, new = sqlite3.connect(v1_project), sqlite3.connect(tmp_path / "new.db")
    try:
        assert _shape(old) == _shape(new)
    finally:
        old.close()
        new.close()


def test_ids_of_deleted_quotes_are_never_given_out_again(v1_project: Path) -> None:
    with Store.open(v1_project) as store:
        document = store.document_ids()[0]
        highest = store.conn.execute("SELECT max(id) FROM quotes").fetchone()[0]
        last = quotes.add_quote(store, document, [(0, 3)]).after[0]
        quotes.delete_quote(store, last.id)
        again = quotes.add_quote(store, document, [(0, 3)]).after[0]
        assert last.id > highest
        assert again.id > last.id
        assert again.uid != last.uid
