import pytest

from annotator.core.store import Store
from annotator.core.text import sha256

SAMPLE = (
    "WASHINGTON — Secretary of State Rex Tillerson declared “the wall does not define "
    "our relationship,” while John\u00a0Kelly said there’s room for “collaboration” 😀. "
    "“We’ve never tried it,” he said. “But until we do, we won’t know.”"
)


def add_document(store: Store, text: str = SAMPLE, external_id: str = "doc-1",
                 title: str = "Talks") -> int:
    with store.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO documents (external_id, title, text, sha256, imported_at) "
            "VALUES (?, ?, ?, ?, '2026-01-01T00:00:00')",
            (external_id, title, text, sha256(text)),
        )
    return int(cursor.lastrowid)


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, to assert that a refused operation changed nothing."""
    tables = [r[0] for r in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
        "AND name NOT LIKE 'sqlite_%'")]
    return {t: sorted(store.conn.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr)
            for t in tables}


@pytest.fixture
def store():
    store = Store.memory()
    yield store
    store.close()


@pytest.fixture
def doc(store):
    return add_document(store)
