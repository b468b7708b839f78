import pytest

from annotator import __version__
from annotator.core import exporting, labels
from tests.core.formats.samples import TEXT, project, sample_records

pq = pytest.importorskip("pyarrow.parquet")


def _project_with_collections():
    records = sample_records()
    records[0].collection = "train"
    records[1].collection = "dev set"
    return project(records)


def test_hf_folder_has_parquet_splits_by_collection_and_a_card(tmp_path):
    store = _project_with_collections()
    exporting.export(store, "hf", tmp_path / "hf")
    files = sorted(str(p.relative_to(tmp_path / "hf")) for p in (tmp_path / "hf").rglob("*.*"))
    assert files == [
        "README.md",
        "documents/dev_set.parquet",
        "documents/train.parquet",
        "quotes/dev_set.parquet",
        "quotes/train.parquet",
    ]
    quotes = pq.read_table(tmp_path / "hf/quotes/train.parquet").to_pylist()
    assert len(quotes) == 5 and all(len(q["quote_id"]) == 16 for q in quotes)
    # The document without quotes is in its split's documents, with its text.
    (empty,) = pq.read_table(tmp_path / "hf/documents/dev_set.parquet").to_pylist()
    assert (empty["quote_count"], empty["collection"]) == (0, "dev set")
    (talks,) = pq.read_table(tmp_path / "hf/documents/train.parquet").to_pylist()
    assert talks["text"] == TEXT
    card = (tmp_path / "hf/README.md").read_text(encoding="utf-8")
    header = card.split("---")[1]
    assert "- config_name: quotes" in header and "path: quotes/dev_set.parquet" in header
    assert "- split: train" in header
    assert "`quotes/train.parquet`" in card


def test_duckdb_and_datasets_read_it_with_no_further_work(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    store = _project_with_collections()
    exporting.export(store, "hf", tmp_path / "hf")
    folder = (tmp_path / "hf").as_posix()
    assert duckdb.sql(f"SELECT count(*) FROM '{folder}/quotes/*.parquet'").fetchall() == [(5,)]
    joined = duckdb.sql(
        f"SELECT q.text, d.text FROM '{folder}/quotes/*.parquet' q "
        f"JOIN '{folder}/documents/*.parquet' d USING (document_id)"
    ).fetchall()
    assert len(joined) == 5
    datasets = pytest.importorskip("datasets")
    loaded = datasets.load_dataset(
        "parquet", data_files={"train": f"{folder}/quotes/train.parquet"}, cache_dir=tmp_path
    )
    assert loaded["train"].num_rows == 5
    by_card = datasets.load_dataset(folder, "documents", cache_dir=tmp_path)
    assert sorted(by_card) == ["dev_set", "train"]


def test_every_export_writes_a_card_with_counts_codebook_filters_and_glossary(tmp_path):
    store = _project_with_collections()
    labels.update_label(
        store, store.find_label("stance", "opposes").id, description="argues against"
    )
    exporting.export(store, "csv", tmp_path / "q.csv", annotator="ana")
    card = (tmp_path / "q.card.md").read_text(encoding="utf-8")
    assert card.startswith("---\npretty_name: ")
    assert "- documents: 2" in card and "- quotes: 3" in card
    assert "annotator = ana" in card
    assert "| opposes | argues against |" in card
    assert "| `quote_id` | string |" in card and "| `mention` | [start, end] or null |" in card
    assert f"Quote Annotator {__version__}" in card
    # Documents without quotes are exported too, with their status.
    documents = (tmp_path / "q.documents.csv").read_text(encoding="utf-8-sig").splitlines()
    assert documents[0] == "document_id,title,status,collection,metadata,quote_count"
    assert len(documents) == 3
    exporting.export(store, "brat", tmp_path / "brat")
    assert (tmp_path / "brat/README.md").is_file()
