import pytest

from annotator.core.store import Store
from tests.projects import add_document

SAMPLE = (
    "WASHINGTON — Secretary of State Rex Tillerson declared “the wall does not define "
    "our relationship,” while John\u00a0Kelly said there’s room for “collaboration” 😀. "
    "“We’ve never tried it,” he said. “But until we do, we won’t know.”"
)


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, to assert that a refused operation changed nothing."""
    tables = [
        r[0]
        for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
            "AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        t: sorted(store.conn.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in tables
    }


@pytest.fixture
def store():
    store = Store.memory()
    yield store
    store.close()


@pytest.fixture
def doc(store):
    return add_document(store, SAMPLE, title="Talks")
