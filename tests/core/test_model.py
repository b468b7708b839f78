"""The model's named values agree with what the schema lets the file hold."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.core.model import STATUSES, status_title


def test_the_schema_accepts_exactly_the_document_statuses(store, doc):
    # The schema's CHECK is SQL text: this keeps it and STATUSES one list.
    for status in STATUSES:
        with store.transaction() as conn:
            conn.execute("UPDATE documents SET status = ? WHERE id = ?", (status, doc))
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as conn:
        conn.execute("UPDATE documents SET status = 'archived' WHERE id = ?", (doc,))


def test_status_titles_read_as_words():
    assert [status_title(status) for status in STATUSES] == [
        "new",
        "in progress",
        "done",
        "skipped",
    ]
