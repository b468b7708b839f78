"""The command line for corpora: metadata, collections, codebook, merge proposals."""

import json
import subprocess
import sys

from click.testing import CliRunner

from annotator.cli import cli
from annotator.core import quotes
from annotator.core.store import Store
from tests.projects import add_document

TEXT = "Mr. Trump said it would work. Donald Trump said so twice.\n"


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def _brat(root, name, ann, annotator="ana"):
    (root / "text").mkdir(parents=True, exist_ok=True)
    (root / "attributions").mkdir(exist_ok=True)
    (root / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / f"{name}_{annotator}.ann").write_text(ann, encoding="utf-8")


def test_import_joins_a_metadata_table_and_export_filters_by_collection(tmp_path):
    _brat(tmp_path / "data" / "train", "art-1", "T1\tContent 15 28\tit would work\n")
    _brat(tmp_path / "data" / "dev", "art-2", "")
    table = tmp_path / "metadata.tsv"
    table.write_text(
        "filename\tpublisher\ttitle\nart-1\tWire\tIt Works, Says Trump\nart-9\tPost\tGone\n",
        encoding="utf-8",
    )
    db = tmp_path / "p.db"
    result = run(
        db, "import", str(tmp_path / "data"), "--metadata", str(table), "--metadata-id", "filename"
    )
    assert result.exit_code == 0, result.output
    assert "metadata: 1 document from metadata.tsv (1 titles), 1 row matched no document" in (
        result.output
    )
    with Store.open(db) as store:
        document = store.document_by_external_id("art-1")
        assert document.title == "It Works, Says Trump"
        assert document.metadata == {"publisher": "Wire"}
        assert document.collection == "train"
    out = tmp_path / "dev.jsonl"
    assert run(db, "export", "--collection", "dev", "--output", str(out)).exit_code == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(d["document_id"], d["collection"], d["quotes"]) for d in lines] == [
        ("art-2", "dev", [])
    ]
    result = run(db, "export", "--collection", "test", "--output", str(out))
    assert result.exit_code == 1 and "no collection named 'test'" in result.output


def test_a_metadata_table_that_cannot_be_joined_refuses_before_anything_is_imported(tmp_path):
    _brat(tmp_path / "data" / "train", "art-1", "T1\tContent 15 28\tit would work\n")
    table = tmp_path / "metadata.tsv"
    table.write_text("filename\tpublisher\nart-1\tWire\n", encoding="utf-8")
    db = tmp_path / "p.db"
    result = run(
        db, "import", str(tmp_path / "data"), "--metadata", str(table), "--metadata-id", "doc"
    )
    assert result.exit_code == 1
    assert "metadata.tsv: no 'doc' column (columns found: 'filename', 'publisher')" in result.output
    assert not db.exists()  # not even the project was made


def test_a_second_annotators_file_says_how_many_quotes_it_added(tmp_path):
    _brat(tmp_path / "train", "art", "T1\tContent 15 28\tit would work\n")
    db = tmp_path / "p.db"
    assert run(db, "import", str(tmp_path / "train")).exit_code == 0
    _brat(tmp_path / "train", "art", "T1\tContent 0 9\tMr. Trump\n", annotator="ben")
    result = run(db, "import", str(tmp_path / "train" / "attributions" / "art_ben.ann"))
    assert "1 already present (skipped) (1 new quote added to them)" in result.output


def test_labels_carry_descriptions(tmp_path):
    db = tmp_path / "p.db"
    Store.open(db).close()  # commands other than import and new need a project
    assert run(db, "labels", "add", "stance", "mocks", "--description", "ridicules").exit_code == 0
    assert run(db, "labels", "edit", "stance", "supports", "--description", "for it").exit_code == 0
    listing = run(db, "labels").output
    assert "ridicules" in listing and "for it" in listing
    with Store.open(db) as store:
        assert store.find_label("stance", "mocks").description == "ridicules"


def test_suggest_merges_proposes_and_merges_nothing(tmp_path):
    db = tmp_path / "p.db"
    with Store.open(db) as store:
        document = add_document(store, TEXT)
        for start, end, name in ((15, 28, "Trump"), (45, 56, "Donald Trump")):
            (quote,) = quotes.add_quote(store, document, [(start, end)]).after
            quotes.set_speaker_by_name(store, quote.id, name)
    result = run(db, "speakers", "suggest-merges")
    assert result.exit_code == 0
    assert "annotator speakers merge 'Donald Trump' Trump  # a surname of one full name" in (
        result.output
    )
    with Store.open(db) as store:
        assert len(store.speakers()) == 2


def test_a_refused_brat_text_is_said_once_on_stderr(tmp_path):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "a.txt").write_text("Kelly said no wall.\n", encoding="utf-8")
    (folder / "a.ann").write_text("T1\tSource 0 5\tKelly\nT2\tContent 11 99\tno wall.\n")
    (folder / "b.txt").write_text("Roe said yes.\n", encoding="utf-8")
    (folder / "b.ann").write_text("T1\tSource 0 3\tRoe\n")
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(tmp_path / "p.db"), "import", str(folder)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stdout.startswith("1 document imported")
    refusals = [line for line in result.stderr.splitlines() if "offsets 11 99" in line]
    assert len(refusals) == 1, result.stderr
