"""What the document list asks: ids by status, search, collection and annotator; rows to show.

A document's annotators are those with quotes in it and those an import
recorded for it without quotes (an empty brat annotator file, kept as an
extra mark), so "annotated, nothing found" shows who read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from annotator.core.store import Store

_ANNOTATORS_OF = (
    "SELECT document_id, annotator_id FROM quotes "
    "UNION SELECT document_id, annotator_id FROM extra_marks"
)


@dataclass(frozen=True)
class ListedDocument:
    """One row of the document list: no text."""

    id: int
    external_id: str
    title: str
    status: str
    quote_count: int
    collection: str
    annotators: tuple[str, ...]


def document_ids(
    store: Store,
    *,
    status: str | None = None,
    search: str | None = None,
    collection: str | None = None,
    annotator: str | None = None,
) -> list[int]:
    """Ids of documents in list order, filtered by each of the given conditions.

    Status and search are the store's (:meth:`Store.document_ids`); collection
    and annotator narrow that list.
    """
    ids = store.document_ids(status, search)
    where: list[str] = []
    params: list[Any] = []
    if collection is not None:
        where.append("collection = ?")
        params.append(collection)
    if annotator is not None:
        where.append(
            f"id IN (SELECT document_id FROM ({_ANNOTATORS_OF}) "
            "WHERE annotator_id = (SELECT id FROM annotators WHERE name = ?))"
        )
        params.append(annotator)
    if not where:
        return ids
    kept = {
        row[0]
        for row in store.conn.execute(
            f"SELECT id FROM documents WHERE {' AND '.join(where)}", params
        )
    }
    return [document_id for document_id in ids if document_id in kept]


def listed(
    store: Store, ids: list[int], annotators: Mapping[int, tuple[str, ...]] | None = None
) -> list[ListedDocument]:
    """Rows for the given ids, in that order.

    ``annotators`` gives the annotators of documents the caller already knows
    (the window, after its own edit): those are not read again, which for a
    document with thousands of quotes is most of the work.
    """
    rows: dict[int, ListedDocument] = {}
    names = store.annotators()
    known = annotators or {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        marks = ",".join("?" * len(chunk))
        unknown = [i for i in chunk if i not in known]
        who: dict[int, list[str]] = {}
        if unknown:
            # Each side of the union filtered by document on its own: filtering the
            # union would read every quote of the project for each screenful of rows.
            wanted = ",".join("?" * len(unknown))
            for document_id, annotator_id in store.conn.execute(
                f"SELECT document_id, annotator_id FROM quotes WHERE document_id IN ({wanted}) "
                "UNION SELECT document_id, annotator_id FROM extra_marks "
                f"WHERE document_id IN ({wanted})",
                unknown + unknown,
            ):
                if annotator_id in names:
                    who.setdefault(document_id, []).append(names[annotator_id])
        for document_id, external_id, title, status, count, collection in store.conn.execute(
            "SELECT id, external_id, title, status, "
            "(SELECT count(*) FROM quotes WHERE document_id = documents.id), collection "
            f"FROM documents WHERE id IN ({marks})",
            chunk,
        ):
            found = known.get(document_id)
            if found is None:
                found = tuple(sorted(set(who.get(document_id, [])), key=str.casefold))
            rows[document_id] = ListedDocument(
                document_id, external_id, title, status, count, collection, found
            )
    return [rows[i] for i in ids if i in rows]


def collections(store: Store) -> list[str]:
    """The collections documents belong to, sorted; the empty one left out."""
    return [
        name
        for (name,) in store.conn.execute(
            "SELECT DISTINCT collection FROM documents WHERE collection != '' ORDER BY collection"
        )
    ]


def annotators_with_work(store: Store) -> list[str]:
    """Annotators with quotes or recorded files in some document, sorted."""
    return [
        name
        for (name,) in store.conn.execute(
            f"SELECT DISTINCT name FROM annotators WHERE id IN (SELECT annotator_id FROM "
            f"({_ANNOTATORS_OF})) ORDER BY name COLLATE NOCASE"
        )
    ]
