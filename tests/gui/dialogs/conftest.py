import pytest

from annotator.core.store import Store
from annotator.gui.session import Session


@pytest.fixture
def session(qtbot):
    """A session on an empty project in memory."""
    store = Store.memory()
    yield Session(store)
    store.close()
