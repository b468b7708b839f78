import json
import pathlib
import subprocess
import sys

import pytest
from click.testing import CliRunner

from annotator import __version__
from annotator.cli import cli
from annotator.core import quotes
from annotator.core.store import Store
from tests.projects import add_document


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "project.db"
    with Store.open(path) as store:
        add_document(store)
    return path


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_db_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_DB", str(db))
    result = CliRunner().invoke(cli, ["stats", "--json"])
    assert json.loads(result.output)["documents"]["total"] == 1


def test_speakers_add_alias_rename_merge(db):
    assert run(db, "speakers", "add", "Tillerson").exit_code == 0
    assert (
        run(db, "speakers", "add", "Rex Tillerson", "--alias", "Secretary Tillerson").exit_code == 0
    )
    assert run(db, "speakers", "alias", "Rex Tillerson", "Rex W. Tillerson").exit_code == 0
    result = run(db, "speakers", "merge", "Secretary Tillerson", "Tillerson")
    assert result.exit_code == 0
    listing = run(db, "speakers").output
    assert listing.strip() == (
        "Rex Tillerson  [0 quotes]  (also: Secretary Tillerson, Rex W. Tillerson, Tillerson)"
    )


def test_speakers_list_counts_one_quote_in_the_singular(db):
    assert run(db, "speakers", "add", "Rex Tillerson").exit_code == 0
    with Store.open(db) as store:
        quotes.add_quote(store, 1, [(0, 5)], speaker_id=store.speakers()[0].id)
    assert run(db, "speakers").output.strip() == "Rex Tillerson  [1 quote]"


def test_user_mistakes_are_one_line_without_a_traceback(db):
    result = run(db, "speakers", "rename", "Nobody", "Somebody")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: no speaker named 'Nobody'"


def test_labels_show_add_edit_delete(db):
    assert run(db, "labels", "add", "stance", "sceptical", "--shortcut", "5").exit_code == 0
    assert (
        run(
            db,
            "labels",
            "edit",
            "stance",
            "sceptical",
            "--name",
            "doubtful",
            "--color",
            "#123456",
            "--position",
            "0",
        ).exit_code
        == 0
    )
    lines = run(db, "labels").output.splitlines()
    assert lines[0].split() == ["quote_type", "direct", "#0072B2", "Ctrl+1"]
    stances = [line.split() for line in lines if line.startswith("stance")]
    assert stances[0] == ["stance", "doubtful", "#123456", "5"]
    result = run(db, "labels", "edit", "stance", "doubtful", "--color", "blue")
    assert result.exit_code == 1 and "colour must look like" in result.output
    assert run(db, "labels", "delete", "stance", "doubtful").exit_code == 0
    assert "doubtful" not in run(db, "labels").output


def test_a_corrupt_project_is_one_clear_line(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"not a database" * 50)
    result = CliRunner().invoke(cli, ["--db", str(path), "stats"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}: not a SQLite database")


def test_stats_counts_documents_and_quotes(db):
    from annotator.core import quotes

    with Store.open(db) as store:
        change = quotes.add_quote(store, 1, [(0, 10)], annotator="ana")
        quotes.set_speaker_by_name(store, change.after[0].id, "Rex Tillerson")
    result = run(db, "stats")
    assert "documents  1  (done 0, in progress 1, new 0, skipped 0)" in result.output
    assert "Rex Tillerson  1" in result.output
    data = json.loads(run(db, "stats", "--json").output)
    assert data["by_annotator"] == {"ana": 1}


SEEDS = pathlib.Path(__file__).resolve().parents[1] / "seeds"


def test_import_the_seeds_then_export_one_jsonl_line(tmp_path):
    db = tmp_path / "p.db"
    result = run(db, "import", str(SEEDS))
    assert result.exit_code == 0
    assert result.output.startswith("1 document imported")
    again = run(db, "import", str(SEEDS))
    assert "1 already present (skipped)" in again.output
    lines = run(db, "export", "--format", "jsonl").output.splitlines()
    assert len(lines) == 1
    article = json.loads(lines[0])
    assert article["text"] == (SEEDS / "us-mexico-security-talks.txt").read_text(encoding="utf-8")


def test_a_run_imports_the_good_files_and_lists_each_bad_one(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("A title\n\nSome text.", encoding="utf-8")
    (folder / "latin.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    db = tmp_path / "p.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "import", str(folder)])
    assert result.exit_code == 1
    assert "1 document imported" in result.output
    refused = [line for line in result.output.splitlines() if line.startswith("refused:")]
    assert len(refused) == 2
    assert any("latin.txt" in line and "UTF-8" in line for line in refused)
    assert any("empty.txt" in line for line in refused)
    with Store.open(db) as store:
        assert store.document_count() == 1


def test_export_writes_a_file_with_filters(db, tmp_path):
    out = tmp_path / "out.csv"
    result = run(db, "export", "--format", "csv", "--output", str(out), "--status", "done")
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].startswith("quote_id,document_id,")
    bad = run(db, "export", "--format", "brat")
    assert bad.exit_code == 2 and "--output is required" in bad.output


def test_python_dash_m_runs_the_command():
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--version"],
        capture_output=True,
        text=True,
        cwd=SEEDS.parent,
    )
    assert result.returncode == 0 and result.stdout.startswith("annotator, version")


def test_report_writes_one_html_file_under_the_filters(db, tmp_path):
    from annotator.core import quotes

    with Store.open(db) as store:
        change = quotes.add_quote(store, 1, [(0, 2)], annotator="ana")
        quotes.set_speaker_by_name(store, change.after[0].id, "Rex Tillerson")
    output = tmp_path / "report.html"
    result = run(db, "report", "--output", str(output), "--status", "in_progress", "--coder", "ana")
    assert result.exit_code == 0
    assert result.output == f"report written to {output}\n"
    html = output.read_text(encoding="utf-8")
    assert "Rex Tillerson" in html and "in_progress" in html
    refused = run(db, "report", "--output", str(output), "--coder", "zoe")
    assert refused.exit_code == 1
    assert refused.output == "Error: no coder named 'zoe'\n"
