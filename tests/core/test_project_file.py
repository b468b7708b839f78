"""Opening odd project files: refused in one sentence naming the file, or opened as they can be."""

import sqlite3
import subprocess
import sys

import pytest

from annotator.core import project_file, quotes, schema
from annotator.core.errors import StoreError
from annotator.core.store import Store
from tests.projects import add_document


def test_two_processes_creating_the_same_new_project_both_succeed(tmp_path):
    script = "import sys; from annotator.core.store import Store; Store.open(sys.argv[1]).close()"
    for attempt in range(6):
        path = tmp_path / f"new{attempt}.db"
        runs = [
            subprocess.Popen(
                [sys.executable, "-c", script, str(path)],
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(3)
        ]
        errors = [run.communicate(timeout=60)[1] for run in runs]
        assert [run.returncode for run in runs] == [0, 0, 0], errors
        with Store.open(path) as store:
            assert len(store.labels("stance")) == 4


def test_a_file_holding_only_a_view_is_not_taken_over(tmp_path):
    path = tmp_path / "view.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")
    conn.execute("CREATE VIEW answer AS SELECT 42")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another program's SQLite database, with answer"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_refused_migration_leaves_no_backup_behind(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    Store.open(path).close()

    def broken(db):
        db.conn.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    monkeypatch.setattr(schema, "MIGRATIONS", {schema.SCHEMA_VERSION - 1: broken})
    with pytest.raises(StoreError):
        Store.open(path)
    assert sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name) == []


def test_a_project_with_a_missing_table_is_refused_in_one_line(tmp_path):
    path = tmp_path / "p.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE quote_spans")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"p\.db: the project is damaged: the table quote_spans"):
        Store.open(path)


def test_damage_in_a_page_not_read_at_open_is_found_before_anything_is_written(tmp_path):
    path = tmp_path / "p.db"
    with Store.open(path) as store:
        for number in range(200):
            add_document(store, f"Article {number} " + "words " * 200, f"doc-{number}")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    middle = (pages // 2) * page_size
    data[middle : middle + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"p\.db: the database is corrupt"):
        Store.open(path)
    assert path.read_bytes() == bytes(data)


def test_a_file_that_cannot_be_written_opens_read_only_and_refuses_writes(tmp_path):
    path = tmp_path / "p.db"
    with Store.open(path) as store:
        doc = add_document(store, "He said yes.")
    with Store.open(path, read_only=True) as store:
        assert store.read_only
        assert store.document_count() == 1
        with pytest.raises(StoreError, match=r"p\.db: the project file is read-only"):
            quotes.add_quote(store, doc, [(0, 2)])


def _error(code):
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (project_file.SQLITE_READONLY, "read-only"),
        (project_file.SQLITE_CANTOPEN, "permission"),
        (project_file.SQLITE_FULL, "disk is full"),
        (project_file.SQLITE_IOERR | (10 << 8), "input/output error"),
        (project_file.SQLITE_BUSY, "busy in another program"),
        (project_file.SQLITE_CORRUPT, "corrupt"),
        (project_file.SQLITE_NOTADB, "not a SQLite database"),
    ],
)
def test_each_sqlite_error_gets_its_own_sentence(code, words):
    assert words in project_file.reason(_error(code), writing=True)


def test_a_full_disk_is_reported_as_a_full_disk_not_corruption(tmp_path):
    path = tmp_path / "p.db"
    with Store.open(path) as store:
        doc = add_document(store, "He said yes.")
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError, match="disk is full; nothing was changed"):
            add_document(store, "x" * 100_000, "big")
        assert store.document_count() == 1
        assert doc == 1


@pytest.mark.parametrize("damage", ["schema page", "cut short"])
def test_refusing_a_corrupt_project_leaves_no_wal_or_shm_behind(tmp_path, damage):
    path = tmp_path / "p.db"
    with Store.open(path) as store:
        add_document(store, "He said yes.")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    if damage == "schema page":
        data[100:200] = b"\xa5" * 100
    else:
        del data[3 * 4096 :]
    path.write_bytes(bytes(data))
    for sidecar in tmp_path.glob("p.db-*"):
        sidecar.unlink()
    with pytest.raises(StoreError, match="corrupt"):
        Store.open(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db"]
    assert path.read_bytes() == bytes(data)


def test_creating_a_project_is_one_transaction(tmp_path):
    # Nothing of a half-made project may be committed: another process would see
    # tables without the project's mark and refuse the file as someone else's.
    import sqlite_utils

    conn = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    schema.create(sqlite_utils.Database(conn))
    assert conn.in_transaction
    conn.execute("ROLLBACK")
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
    assert conn.execute("PRAGMA application_id").fetchone() == (0,)
    conn.close()
