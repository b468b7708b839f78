"""Undo and redo beside another process writing to the same project: nothing of theirs lost."""

import json
import subprocess
import sys

import pytest

from annotator.core import quotes, undo
from annotator.core.errors import ChangedElsewhere
from annotator.core.store import Store
from tests.core.conftest import dump
from tests.projects import add_document

TEXT = "Ann said yes. Bob said no. Cy said maybe."


def _run(*args):
    result = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "p.db"
    with Store.open(path) as store:
        add_document(store, TEXT, "doc")
    return path


def test_redo_never_replaces_a_quote_another_process_added_meanwhile(project, tmp_path):
    store = Store.open(project)
    try:
        added = quotes.add_quote(store, 1, [(0, 3)])
        undone = undo.revert(store, added)
        corpus = tmp_path / "more.jsonl"
        corpus.write_text(
            json.dumps({"id": "doc", "text": TEXT, "quotes": [{"spans": [[14, 17]]}]})
            + "\n"
            + json.dumps({"id": "other", "text": TEXT, "quotes": [{"spans": [[27, 29]]}]})
        )
        _run("-m", "annotator", "--db", str(project), "import", str(corpus))
        theirs = {q.id: (q.document_id, q.spans[0].start, q.uid) for q in store.quotes(2)}
        theirs.update({q.id: (q.document_id, q.spans[0].start, q.uid) for q in store.quotes(1)})
        assert sorted(start for _, start, _ in theirs.values()) == [14, 27]
        undo.revert(store, undone)  # redo
        mine = added.after[0]
        now = {q.id: (q.document_id, q.spans[0].start, q.uid) for q in store.quotes(1)}
        now.update({q.id: (q.document_id, q.spans[0].start, q.uid) for q in store.quotes(2)})
        assert now == {**theirs, mine.id: (1, 0, mine.uid)}
    finally:
        store.close()


def test_undo_of_a_quote_another_process_changed_is_refused_and_changes_nothing(project):
    store = Store.open(project)
    try:
        added = quotes.add_quote(store, 1, [(0, 3)])
        quote_id = added.after[0].id
        _run(
            "-c",
            "import sys\nfrom annotator.core.store import Store\n"
            "from annotator.core import quotes\n"
            "with Store.open(sys.argv[1]) as s:\n"
            "    quotes.set_note(s, int(sys.argv[2]), 'checked by Bea')",
            str(project),
            str(quote_id),
        )
        before = dump(store)
        with pytest.raises(ChangedElsewhere, match="the quote “Ann” was changed in another"):
            undo.revert(store, added)
        assert dump(store) == before
        assert store.quote(quote_id).note == "checked by Bea"
    finally:
        store.close()


def test_undo_of_an_edit_to_a_quote_another_process_deleted_is_refused(project):
    store = Store.open(project)
    try:
        added = quotes.add_quote(store, 1, [(0, 3)])
        noted = quotes.set_note(store, added.after[0].id, "mine")
        _run(
            "-c",
            "import sys\nfrom annotator.core.store import Store\n"
            "from annotator.core import quotes\n"
            "with Store.open(sys.argv[1]) as s:\n"
            "    quotes.delete_quote(s, int(sys.argv[2]))",
            str(project),
            str(added.after[0].id),
        )
        before = dump(store)
        with pytest.raises(ChangedElsewhere, match="was deleted in another window or program"):
            undo.revert(store, noted)
        assert dump(store) == before
        assert store.quote_count() == 0
    finally:
        store.close()
