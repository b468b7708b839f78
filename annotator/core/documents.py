"""Document mutations: status. (Documents enter through :mod:`annotator.core.importing`.)"""

from __future__ import annotations

from annotator.core.errors import InvalidValue
from annotator.core.model import STATUSES, Change
from annotator.core.store import Store


def set_status(store: Store, document_id: int, status: str) -> Change:
    if status not in STATUSES:
        raise InvalidValue(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    before = store.document(document_id).status
    with store.transaction() as conn:
        conn.execute("UPDATE documents SET status = ? WHERE id = ?", (status, document_id))
    return Change(
        f"mark document {status.replace('_', ' ')}",
        documents=frozenset({document_id}),
        statuses_before=((document_id, before),),
        statuses_after=((document_id, status),),
    )


def put_statuses(store: Store, statuses: tuple[tuple[int, str], ...]) -> None:
    with store.transaction() as conn:
        conn.executemany(
            "UPDATE documents SET status = ? WHERE id = ?", [(s, d) for d, s in statuses]
        )
