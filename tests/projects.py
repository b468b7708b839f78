"""Building test projects: documents put straight into a store.

The application only gets documents by importing files; tests that are not
about importing put them in directly, the way an import leaves them.
"""

from __future__ import annotations

from annotator.core.store import Store
from annotator.core.text import sha256


def add_document(
    store: Store, text: str = "He said yes.", external_id: str = "doc-1", title: str = ""
) -> int:
    """Store an article and return its id; the title defaults to the external id."""
    with store.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO documents (external_id, title, text, sha256, imported_at) "
            "VALUES (?, ?, ?, ?, '2026-01-01T00:00:00')",
            (external_id, title or external_id, text, sha256(text)),
        )
    return int(cursor.lastrowid or 0)
