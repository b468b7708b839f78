import sqlite3

import pytest

from annotator.core import quotes, schema
from annotator.core.errors import StoreError
from annotator.core.store import Store
from tests.core.conftest import SAMPLE
from tests.projects import add_document


def _bytes(path):
    return path.read_bytes()


def test_a_new_file_becomes_a_project_with_the_default_scheme(tmp_path):
    path = tmp_path / "sub" / "project.db"
    with Store.open(path) as store:
        assert [label.name for label in store.labels("stance")] == [
            "supports",
            "opposes",
            "neutral",
            "unclear",
        ]
        assert [label.name for label in store.labels("quote_type")] == [
            "direct",
            "indirect",
            "mixed",
        ]
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    # Readable by plain sqlite3 as it is, views included.
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
        str(schema.SCHEMA_VERSION),
    )
    assert conn.execute("SELECT count(*) FROM quote_rows").fetchone() == (0,)
    conn.close()


def test_reopening_keeps_what_was_written(tmp_path):
    path = tmp_path / "p.db"
    with Store.open(path) as store:
        doc = add_document(store, SAMPLE)
        quotes.add_quote(store, doc, [(0, 10)], annotator="ana")
    with Store.open(path) as store:
        (quote,) = store.quotes(doc)
        assert quote.spans[0].end == 10
        assert store.annotators()[quote.annotator_id] == "ana"


def test_a_newer_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "newer.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    before = _bytes(path)
    with pytest.raises(StoreError, match="newer Quote Annotator") as info:
        Store.open(path)
    assert str(path) in str(info.value)
    assert _bytes(path) == before


def test_another_programs_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "foreign.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    before = _bytes(path)
    with pytest.raises(StoreError, match="not a Quote Annotator project.*invoices"):
        Store.open(path)
    assert _bytes(path) == before


@pytest.mark.parametrize(
    "content",
    [b"hello, this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 5000],
)
def test_a_corrupt_file_is_refused_and_left_untouched(tmp_path, content):
    path = tmp_path / "corrupt.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        Store.open(path)
    assert "corrupt" in str(info.value) and str(path) in str(info.value)
    assert _bytes(path) == content


def test_an_older_file_is_backed_up_then_migrated_in_one_transaction(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    with Store.open(path) as store:
        add_document(store, SAMPLE)

    def add_reviewed(db):
        db.conn.execute("ALTER TABLE documents ADD COLUMN reviewed INTEGER DEFAULT 0")

    current = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(schema, "MIGRATIONS", {current: add_reviewed})
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == current + 1
        assert store.conn.execute("SELECT reviewed FROM documents").fetchone() == (0,)
    backup = tmp_path / f"old.db.v{current}.bak"
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == current
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    conn.close()


def test_a_failing_migration_leaves_the_file_at_its_old_version(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    with Store.open(path) as store:
        add_document(store, SAMPLE)

    def broken(db):
        db.conn.execute("ALTER TABLE documents ADD COLUMN reviewed INTEGER")
        db.conn.execute("SELECT * FROM no_such_table")

    current = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(schema, "MIGRATIONS", {current: broken})
    with pytest.raises(StoreError):
        Store.open(path)
    monkeypatch.undo()
    with Store.open(path) as store:
        columns = [row[1] for row in store.conn.execute("PRAGMA table_info(documents)")]
        assert "reviewed" not in columns
        assert store.document_count() == 1


def test_a_read_only_file_refuses_writes_with_a_message(tmp_path):
    path = tmp_path / "p.db"
    with Store.open(path) as store:
        doc = add_document(store, SAMPLE)
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    store = Store(conn, path)
    with pytest.raises(StoreError, match="read-only"):
        quotes.add_quote(store, doc, [(0, 4)])
    store.close()


def test_full_text_search_finds_titles_and_words_by_prefix(store):
    add_document(store, "Kelly spoke about the border wall.", "a", "Border talks")
    add_document(store, "Nothing about that here.", "b", "Weather")
    assert store.document_ids(search="bord") == [1]
    assert store.document_ids(search="weather") == [2]
    assert store.document_ids(search='"quoted') == []


def test_views_show_one_row_per_quote_with_names(store):
    doc = add_document(store, SAMPLE)
    change = quotes.add_quote(store, doc, [(13, 45), (0, 10)], annotator="ana")
    quotes.set_speaker_by_name(store, change.after[0].id, "Rex Tillerson")
    quotes.set_stance(store, change.after[0].id, store.find_label("stance", "supports").id)
    row = store.db.execute(
        "SELECT speaker, stance, text, start, annotator FROM quote_rows"
    ).fetchone()
    text = store.document_text(doc)
    assert row == ("Rex Tillerson", "supports", f"{text[0:10]} … {text[13:45]}", 0, "ana")
