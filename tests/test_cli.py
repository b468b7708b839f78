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


def test_db_before_or_after_the_command(db, tmp_path):
    for args in (
        ["--db", str(db), "stats", "--json"],
        ["stats", "--json", "--db", str(db)],
        ["stats", "--db", str(db), "--json"],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["documents"]["total"] == 1
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--output", str(out)])
    assert result.exit_code == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 1
    assert CliRunner().invoke(cli, ["speakers", "add", "Kelly", "--db", str(db)]).exit_code == 0
    assert "Kelly" in CliRunner().invoke(cli, ["speakers", "--db", str(db)]).output
    assert "Kelly" in CliRunner().invoke(cli, ["speakers", "list", "--db", str(db)]).output
    assert "supports" in CliRunner().invoke(cli, ["labels", "--db", str(db)]).output


def test_db_after_the_command_wins_over_the_one_before(db, tmp_path):
    other = tmp_path / "other.db"
    assert CliRunner().invoke(cli, ["new", str(other)]).exit_code == 0
    result = CliRunner().invoke(cli, ["--db", str(db), "stats", "--json", "--db", str(other)])
    assert json.loads(result.output)["documents"]["total"] == 0


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["stats", "--json"],
        ["export", "--format", "csv"],
        ["speakers"],
        ["speakers", "list"],
        ["speakers", "add", "Kelly"],
        ["speakers", "delete", "Kelly"],
        ["labels"],
        ["labels", "list"],
        ["labels", "add", "stance", "sceptical"],
    ],
)
def test_a_command_on_a_missing_project_says_so_and_creates_nothing(tmp_path, command):
    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(cli, [*command, "--db", str(missing)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {missing}: no project here; create one with: annotator new {missing}\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_missing_default_project_is_refused_too(tmp_path):
    result = CliRunner().invoke(cli, ["stats"])
    assert result.exit_code == 1 and "no project here" in result.output


def test_new_creates_an_empty_project_once(tmp_path):
    path = tmp_path / "thesis.db"
    result = CliRunner().invoke(cli, ["new", str(path)])
    assert result.exit_code == 0 and result.output == f"created the project {path}\n"
    assert json.loads(run(path, "stats", "--json").output)["documents"]["total"] == 0
    again = CliRunner().invoke(cli, ["new", str(path)])
    assert again.exit_code == 1 and "already exists" in again.output


def test_a_folder_import_lists_the_files_no_format_reads(tmp_path):
    folder = tmp_path / "in"
    (folder / "deep").mkdir(parents=True)
    (folder / "good.txt").write_text("A title\n\nSome text.", encoding="utf-8")
    for name in ("a.docx", "b.DOCX", "deep/c.docx", "d.pdf"):
        (folder / name).write_bytes(b"PK\x03\x04")
    result = run(tmp_path / "p.db", "import", str(folder))
    assert result.exit_code == 0
    assert "skipped, no import format reads .docx ×3" in result.output
    assert "skipped, no import format reads .pdf ×1" in result.output
    assert result.output.startswith("1 document imported")


@pytest.mark.parametrize(
    ("shortcut", "complaint"),
    [
        ("Q", "Error: shortcut Q is already used by the window (make quote)"),
        ("d", "Error: shortcut D is already used by the window (mark document done)"),
        ("Delete", "Error: shortcut Del is already used by the window (delete quote)"),
        ("Tab", "Error: shortcut Tab is already used by the window (next quote)"),
        ("Ctrl+Z", "Error: shortcut Ctrl+Z is already used by the window (undo)"),
        ("xyz", "Error: shortcut 'xyz' is not a key"),
        ("1", "Error: shortcut 1 is already used by 'supports'"),
    ],
)
def test_label_shortcuts_the_window_uses_or_not_keys_are_refused(db, shortcut, complaint):
    before = run(db, "labels").output
    added = run(db, "labels", "add", "stance", "sceptical", "--shortcut", shortcut)
    assert added.exit_code == 1 and added.output.startswith(complaint)
    edited = run(db, "labels", "edit", "stance", "supports", "--shortcut", shortcut)
    assert edited.exit_code == (0 if shortcut == "1" else 1)
    assert run(db, "labels").output == before


def test_one_quote_is_singular(db):
    from annotator.core import quotes

    with Store.open(db) as store:
        change = quotes.add_quote(store, 1, [(0, 10)], annotator="ana")
        quotes.set_speaker_by_name(store, change.after[0].id, "Rex Tillerson")
    assert run(db, "speakers").output == "Rex Tillerson  [1 quote]\n"
    run(db, "speakers", "add", "Tillerson")
    assert run(db, "speakers", "merge", "Tillerson", "Rex Tillerson").output == (
        "merge Rex Tillerson into Tillerson: 1 quote moved\n"
    )


def test_stats_json_names_the_quotes_without_a_label(db):
    from annotator.core import quotes

    with Store.open(db) as store:
        quotes.add_quote(store, 1, [(0, 10)])
    data = json.loads(run(db, "stats", "--json").output)
    assert "null" not in run(db, "stats", "--json").output
    assert data["by_type"] == {"(no type)": 1}
    assert data["by_stance"] == {"(no stance)": 1}
    assert data["by_speaker"] == {"(no speaker)": 1}
    assert "(no type)  1" in run(db, "stats").output


def test_speaker_commands_say_what_they_did_in_one_line(db):
    said = [
        run(db, *args).output
        for args in (
            ("speakers", "add", "Rex Tillerson", "--alias", "Tillerson"),
            ("speakers", "alias", "Tillerson", "Secretary Tillerson"),
            ("speakers", "rename", "Tillerson", "Rex W. Tillerson"),
            ("speakers", "unalias", "Rex W. Tillerson", "Secretary Tillerson"),
            ("speakers", "delete", "Rex W. Tillerson"),
        )
    ]
    assert said == [
        "added speaker 'Rex Tillerson' (also: Tillerson)\n",
        "'Secretary Tillerson' is a name of 'Rex Tillerson'\n",
        "renamed 'Rex Tillerson' to 'Rex W. Tillerson'; 'Rex Tillerson' stays as an alias\n",
        "removed the alias 'Secretary Tillerson' from 'Rex W. Tillerson'\n",
        "deleted speaker 'Rex W. Tillerson'; 0 quotes left without a speaker\n",
    ]


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
