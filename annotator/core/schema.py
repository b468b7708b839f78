"""The SQLite schema, its version, and the migrations between versions.

A project file is recognised by ``PRAGMA application_id``; its schema version
is ``PRAGMA user_version`` (mirrored in the ``meta`` table for people reading
the file). Each entry of :data:`MIGRATIONS` turns version ``n`` into ``n + 1``
and runs inside the store's migration transaction, with foreign keys off (the
store turns them off around it and checks them before it commits).

Ids are ``AUTOINCREMENT``: an id is never given out twice, so an undo, a redo
or a second writer can never take over a row that belonged to something else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlite_utils

# "QANN" as a 32-bit integer: marks a file as a Quote Annotator project.
APPLICATION_ID = 0x51414E4E
SCHEMA_VERSION = 2

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

# Who an annotator layer is: a person coding, or an adjudicated (gold) set.
ANNOTATOR_KINDS = ("coder", "gold")
# What a suggestion became.
SUGGESTION_STATUSES = ("open", "accepted", "rejected")

# One CREATE TABLE statement per table, in creation order; ``{name}`` is the
# table's name, so a migration can build the new shape beside the old one.
TABLES: dict[str, str] = {
    "meta": """
CREATE TABLE {name} (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
)""",
    "documents": """
CREATE TABLE {name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    metadata TEXT NOT NULL DEFAULT '{{}}',
    status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'in_progress', 'done', 'skipped')),
    imported_at TEXT NOT NULL,
    collection TEXT NOT NULL DEFAULT ''
)""",
    "speakers": """
CREATE TABLE {name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    aliases TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT ''
)""",
    "labels": """
CREATE TABLE {name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('stance', 'quote_type')),
    name TEXT NOT NULL,
    color TEXT NOT NULL,
    shortcut TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, name)
)""",
    "annotators": """
CREATE TABLE {name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'coder' CHECK (kind IN ('coder', 'gold'))
)""",
    "quotes": """
CREATE TABLE {name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
        CHECK (origin IN ('manual', 'suggested', 'imported', 'adjudicated')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    uid TEXT NOT NULL UNIQUE,
    changed_by INTEGER REFERENCES annotators(id),
    provenance TEXT NOT NULL DEFAULT '[]',
    CHECK ((mention_start IS NULL) = (mention_end IS NULL)),
    CHECK ((cue_start IS NULL) = (cue_end IS NULL))
)""",
    # A quote's spans are rewritten with the quote; their ids mean nothing.
    "quote_spans": """
CREATE TABLE {name} (
    id INTEGER PRIMARY KEY,
    quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    CHECK ("end" > start)
)""",
    # Proposed quotes: not annotations until a coder accepts one.
    "suggestions": """
CREATE TABLE {name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    engine TEXT NOT NULL,
    confidence REAL NOT NULL DEFAULT 1.0,
    spans TEXT NOT NULL,
    mention_start INTEGER,
    mention_end INTEGER,
    cue_start INTEGER,
    cue_end INTEGER,
    speaker TEXT NOT NULL DEFAULT '',
    quote_type TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'accepted', 'rejected')),
    quote_id INTEGER REFERENCES quotes(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    CHECK ((mention_start IS NULL) = (mention_end IS NULL)),
    CHECK ((cue_start IS NULL) = (cue_end IS NULL))
)""",
    # Annotations an import read that the quote model does not interpret (a
    # brat entity type such as Discard, say), kept so an export can give them
    # back: ``spans`` and ``data`` are JSON, ``format`` names their vocabulary.
    "extra_marks": """
CREATE TABLE {name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator_id INTEGER REFERENCES annotators(id),
    format TEXT NOT NULL,
    kind TEXT NOT NULL,
    spans TEXT NOT NULL DEFAULT '[]',
    data TEXT NOT NULL DEFAULT '{{}}'
)""",
}

# Full-text search over titles and texts: the table and triggers sqlite-utils's
# ``enable_fts(["title", "text"], fts_version="FTS5", create_triggers=True)``
# makes, written out so they run inside the creation's transaction (that call
# commits whatever is pending first, which let another process see a half-made
# project and take it for someone else's).
FULL_TEXT = (
    'CREATE VIRTUAL TABLE "documents_fts" USING FTS5 (\n    "title", "text",\n'
    '    content="documents"\n)',
    'CREATE TRIGGER "documents_ai" AFTER INSERT ON "documents" BEGIN\n'
    '  INSERT INTO "documents_fts" (rowid, "title", "text") '
    'VALUES (new.rowid, new."title", new."text");\nEND',
    'CREATE TRIGGER "documents_ad" AFTER DELETE ON "documents" BEGIN\n'
    '  INSERT INTO "documents_fts" ("documents_fts", rowid, "title", "text") '
    'VALUES(\'delete\', old.rowid, old."title", old."text");\nEND',
    'CREATE TRIGGER "documents_au" AFTER UPDATE ON "documents" BEGIN\n'
    '  INSERT INTO "documents_fts" ("documents_fts", rowid, "title", "text") '
    'VALUES(\'delete\', old.rowid, old."title", old."text");\n'
    '  INSERT INTO "documents_fts" (rowid, "title", "text") '
    'VALUES (new.rowid, new."title", new."text");\nEND',
)

INDEXES = (
    "CREATE INDEX quotes_document ON quotes(document_id)",
    "CREATE INDEX quotes_speaker ON quotes(speaker_id)",
    "CREATE INDEX quotes_annotator ON quotes(annotator_id)",
    # Statistics group by these; covering indexes keep them off the table.
    "CREATE INDEX quotes_labels ON quotes(speaker_id, stance_id, quote_type_id)",
    "CREATE INDEX quotes_timeline ON quotes(created_at, annotator_id)",
    "CREATE INDEX quote_spans_quote ON quote_spans(quote_id)",
    "CREATE INDEX documents_status ON documents(status)",
    "CREATE INDEX documents_collection ON documents(collection)",
    "CREATE INDEX suggestions_document ON suggestions(document_id)",
    "CREATE INDEX extra_marks_document ON extra_marks(document_id)",
)

VIEWS = {
    # One row per quote, for Datasette and `sqlite-utils rows`.
    "quote_rows": """
SELECT
    quotes.uid AS quote_id,
    documents.external_id AS document_id,
    documents.title AS title,
    documents.collection AS collection,
    speakers.name AS speaker,
    stance.name AS stance,
    quote_type.name AS type,
    quotes.target AS target,
    (SELECT group_concat(text, ' … ') FROM
        (SELECT text FROM quote_spans WHERE quote_id = quotes.id ORDER BY start)) AS text,
    (SELECT min(start) FROM quote_spans WHERE quote_id = quotes.id) AS start,
    (SELECT max("end") FROM quote_spans WHERE quote_id = quotes.id) AS "end",
    (SELECT json_group_array(json_array(start, "end")) FROM
        (SELECT start, "end" FROM quote_spans WHERE quote_id = quotes.id ORDER BY start))
        AS spans,
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
    for name, statement in TABLES.items():
        conn.execute(statement.format(name=name))
    for statement in INDEXES:
        conn.execute(statement)
    for statement in FULL_TEXT:
        conn.execute(statement)
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


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def rebuild(conn: sqlite3.Connection, table: str, fill: dict[str, str] | None = None) -> None:
    """Give ``table`` its current shape from :data:`TABLES`, keeping rows, ids and triggers.

    Columns both shapes have are copied; ``fill`` gives an SQL expression for
    a new column that needs a value per row. Needs foreign keys off (SQLite
    cannot alter a column in place, and dropping the old table must not
    cascade), which the store arranges around migrations.
    """
    fill = fill or {}
    kept = [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
            "AND sql IS NOT NULL",
            (table,),
        )
    ]
    conn.execute(TABLES[table].format(name=f"{table}_new"))
    new_columns = _columns(conn, f"{table}_new")
    old_columns = set(_columns(conn, table))
    copied = [column for column in new_columns if column in old_columns or column in fill]
    values = [f'"{c}"' if c in old_columns else fill[c] for c in copied]
    names = ", ".join(f'"{c}"' for c in copied)
    conn.execute(f"INSERT INTO {table}_new ({names}) SELECT {', '.join(values)} FROM {table}")
    conn.execute(f"DROP TABLE {table}")
    conn.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
    for sql in kept:
        conn.execute(sql)


def _version_2(db: sqlite_utils.Database) -> None:
    """AUTOINCREMENT ids; collections, label descriptions, coder kinds, stable quote ids,
    who changed a quote and where an adjudicated quote came from; suggestions and the
    annotations an import keeps without interpreting them."""
    conn = db.conn
    for view in VIEWS:
        conn.execute(f"DROP VIEW IF EXISTS {view}")
    for table in ("documents", "speakers", "labels", "annotators", "quote_spans"):
        rebuild(conn, table)
    rebuild(conn, "quotes", {"uid": "lower(hex(randomblob(8)))", "changed_by": "annotator_id"})
    for table in ("suggestions", "extra_marks"):
        conn.execute(TABLES[table].format(name=table))
    existing = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    for statement in INDEXES:
        if statement.split()[2] not in existing:
            conn.execute(statement)


# MIGRATIONS[n] upgrades a version-n file to version n + 1.
MIGRATIONS: dict[int, Migration] = {1: _version_2}
