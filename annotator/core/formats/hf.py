"""A Hugging Face-ready dataset folder (export only): Parquet splits and a card.

``hf`` writes ``quotes/SPLIT.parquet`` and ``documents/SPLIT.parquet`` (the
tables of :mod:`annotator.core.formats.parquet`), one split per collection
(``train``, ``dev``, ...; ``train`` when documents have none), and the
exporter writes ``README.md``, whose YAML header lists the two
configurations and their files, so ``datasets.load_dataset(FOLDER,
"quotes")``, ``load_dataset("parquet", data_files=...)`` and DuckDB read it
with no further work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from annotator.core.formats import Format, WriteOptions, register
from annotator.core.formats.parquet import (
    TableWriter,
    document_parquet_row,
    document_schema,
    pyarrow,
    quote_rows,
    quote_schema,
)
from annotator.core.model import DocumentRecord

TABLES = ("quotes", "documents")


def split_name(collection: str) -> str:
    """A collection as a split name ``datasets`` accepts (word characters only)."""
    name = re.sub(r"\W+", "_", collection.strip()).strip("_")
    return name or "train"


def data_file(table: str, split: str) -> str:
    return f"{table}/{split}.parquet"


def write_hf(records: Iterable[DocumentRecord], target: Path, options: WriteOptions) -> None:
    pa, _ = pyarrow()
    target.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        (target / table).mkdir(exist_ok=True)
    writers: dict[tuple[str, str], TableWriter] = {}

    def writer(table: str, split: str) -> TableWriter:
        if (table, split) not in writers:
            schema = quote_schema(pa) if table == "quotes" else document_schema(pa)
            writers[table, split] = TableWriter(target / data_file(table, split), schema)
        return writers[table, split]

    try:
        for record in records:
            split = split_name(record.collection)
            writer("quotes", split).add(quote_rows(record))
            writer("documents", split).add([document_parquet_row(record)])
        if not writers:
            # An empty project still gives a loadable folder with the schema.
            writer("quotes", "train")
            writer("documents", "train")
    finally:
        for table_writer in writers.values():
            table_writer.close()


register(
    Format(
        "hf",
        "Hugging Face dataset folder: Parquet quotes and documents by split, and a card "
        "(export only; needs pyarrow)",
        write=write_hf,
        directory=True,
    )
)
