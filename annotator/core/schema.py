"""The SQLite schema, its version, and the migrations between versions.

A project file is recognised by ``PRAGMA application_id``; its schema version
is ``PRAGMA user_version`` (mirrored in the ``meta`` table for people reading
the file). Each entry of :data:`MIGRATIONS` turns version ``n`` into ``n + 1``
and runs inside the store's migration transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlite_utils

# "QANN" as a 32-bit integer: marks a file as a Quote Annotator project.
APPLICATION_ID = 0x51414E4E
SCHEMA_VERSION = 1

DEFAULT_LABELS: tuple[tuple[str, str, str, str], ...] = (
    # kind, name, colour (Okabe-Ito, colour-blind safe), shortcut
    ("stance", "supports", "#009E73", "1"),
    ("stance", "opposes", "#D55E00", "2"),
    ("stance", "neutral", "#56B4E9", "3"),
    ("stance", "unclear", "#999999", "4"),
    ("quote_type", "direct", "#0072B2", "Ctrl+1"),
    ("quote_type", "indirect", "#E69F00", "Ctrl+2"),
    ("quote_type", "mixed", "#CC79A7", "Ctrl+3"),
)

TABLES = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    metadata TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'in_progress', 'done', 'skipped')),
    imported_at TEXT NOT NULL
);
CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    aliases TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT ''
);
CREATE TABLE labels (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('stance', 'quote_type')),
    name TEXT NOT NULL,
    color TEXT NOT NULL,
    shortcut TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    UNIQUE (kind, name)
);
CREATE TABLE annotators (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator_id INTEGER REFERENCES annotators(id),
    speaker_id INTEGER REFERENCES speakers(id) ON DELETE SET NULL,
    mention_start INTEGER,
    mention_end INTEGER,
    cue_start INTEGER,
    cue_end INTEGER,
    stance_id INTEGER REFERENCES labels(id),
    quote_type_id INTEGER REFERENCES labels(id),
    target TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT 'manual'
        CHECK (origin IN ('manual', 'suggested', 'imported')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((mention_start IS NULL) = (mention_end IS NULL)),
    CHECK ((cue_start IS NULL) = (cue_end IS NULL))
);
CREATE TABLE quote_spans (
    id INTEGER PRIMARY KEY,
    quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    CHECK ("end" > start)
);
CREATE INDEX quotes_document ON quotes(document_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE INDEX quote_spans_quote ON quote_spans(quote_id);
CREATE INDEX documents_status ON documents(status);
"""

VIEWS = {
    # One row per quote, for Datasette and `sqlite-utils rows`.
    "quote_rows": """
SELECT
    quotes.id AS quote_id,
    documents.external_id AS document,
    documents.title AS title,
    speakers.name AS speaker,
    stance.name AS stance,
    quote_type.name AS type,
    quotes.target AS target,
    (SELECT group_concat(text, ' … ') FROM
        (SELECT text FROM quote_spans WHERE quote_id = quotes.id ORDER BY start)) AS text,
    (SELECT min(start) FROM quote_spans WHERE quote_id = quotes.id) AS start,
    CASE WHEN quotes.mention_start IS NULL THEN NULL
        ELSE substr(documents.text, quotes.mention_start + 1,
                    quotes.mention_end - quotes.mention_start) END AS mention,
    CASE WHEN quotes.cue_start IS NULL THEN NULL
        ELSE substr(documents.text, quotes.cue_start + 1,
                    quotes.cue_end - quotes.cue_start) END AS cue,
    quotes.note AS note,
    annotators.name AS annotator,
    quotes.origin AS origin,
    quotes.created_at AS created_at,
    quotes.updated_at AS updated_at
FROM quotes
JOIN documents ON documents.id = quotes.document_id
LEFT JOIN speakers ON speakers.id = quotes.speaker_id
LEFT JOIN labels AS stance ON stance.id = quotes.stance_id
LEFT JOIN labels AS quote_type ON quote_type.id = quotes.quote_type_id
LEFT JOIN annotators ON annotators.id = quotes.annotator_id
""",
    # One row per document with its quote count: the document list, in SQL.
    "document_progress": """
SELECT
    documents.id AS id,
    documents.external_id AS external_id,
    documents.title AS title,
    documents.status AS status,
    (SELECT count(*) FROM quotes WHERE quotes.document_id = documents.id) AS quotes
FROM documents
""",
}


def create(db: sqlite_utils.Database) -> None:
    """Create every table, index, view and the default label scheme (version current)."""
    conn = db.conn
    for statement in TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)
    db.table("documents").enable_fts(["title", "text"], fts_version="FTS5", create_triggers=True)
    create_views(db)
    for position, (kind, name, color, shortcut) in enumerate(DEFAULT_LABELS):
        conn.execute(
            "INSERT INTO labels (kind, name, color, shortcut, position) VALUES (?, ?, ?, ?, ?)",
            (kind, name, color, shortcut, position),
        )
    set_version(conn, SCHEMA_VERSION)


def create_views(db: sqlite_utils.Database) -> None:
    for name, sql in VIEWS.items():
        db.conn.execute(f"DROP VIEW IF EXISTS {name}")
        db.conn.execute(f"CREATE VIEW {name} AS {sql}")


def set_version(conn: sqlite3.Connection, version: int) -> None:
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(version),),
    )


Migration = Callable[[sqlite_utils.Database], None]

# MIGRATIONS[n] upgrades a version-n file to version n + 1.
MIGRATIONS: dict[int, Migration] = {}
