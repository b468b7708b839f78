import shutil
from pathlib import Path

from annotator.core import exporting, importing
from annotator.core.sources import relative_source, shareable_source
from annotator.core.store import Store

BRAT = Path(__file__).parent / "formats" / "fixtures" / "brat"


def sources(store: Store) -> dict[str, str]:
    return {
        external_id: source
        for external_id, source in store.conn.execute("SELECT external_id, source FROM documents")
    }


def test_a_file_named_directly_is_stored_by_its_name(tmp_path):
    path = tmp_path / "deep" / "articles.jsonl"
    path.parent.mkdir()
    path.write_text('{"id": "a1", "text": "Body."}\n', encoding="utf-8")
    store = Store.memory()
    assert importing.import_paths(store, [path]).ok
    assert sources(store) == {"a1": "articles.jsonl"}


def test_files_in_an_imported_folder_are_stored_relative_to_it(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "2017").mkdir(parents=True)
    (corpus / "2017" / "talks.txt").write_text("Talks\n\nHe said so.\n", encoding="utf-8")
    shutil.copytree(BRAT / "polnear", corpus / "polnear")
    store = Store.memory()
    assert importing.import_paths(store, [corpus]).ok
    found = sources(store)
    assert found["2017/talks.txt"] == "2017/talks.txt"
    assert found["nyt_2016-09-08_tillerson-on-trials"] == (
        "polnear/text/nyt_2016-09-08_tillerson-on-trials.txt"
    )
    assert not any(str(tmp_path) in source for source in found.values())
    # And so in every export that writes the source.
    exporting.export(store, "label-studio", tmp_path / "out.json")
    assert str(tmp_path) not in (tmp_path / "out.json").read_text(encoding="utf-8")


def test_a_brat_folder_named_directly_is_stored_under_its_own_name():
    store = Store.memory()
    assert importing.import_paths(store, [BRAT / "flat"]).ok
    assert sources(store) == {"budget": "flat/budget.txt"}


def test_absolute_paths_lose_their_folders_and_relative_ones_stay():
    assert shareable_source("/home/ana/corpus/a.txt") == "a.txt"
    assert shareable_source("C:\\Users\\ana\\a.txt") == "a.txt"
    assert shareable_source("corpus/a.txt") == "corpus/a.txt"
    assert shareable_source("") == ""
    unit = Path("/data/in/x.json")
    assert relative_source("", unit, None) == "x.json"
    assert relative_source("", unit, Path("/data")) == "in/x.json"
    assert relative_source("/elsewhere/y.txt", unit, Path("/data")) == "y.txt"
    assert relative_source("kept/as/given.txt", unit, None) == "kept/as/given.txt"
