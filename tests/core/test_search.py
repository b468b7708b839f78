"""Search queries: words as prefixes, "phrases" exactly, the rest literal or refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core import quotes, search, speakers
from annotator.core.search import Piece, SearchRefused
from annotator.core.store import Store
from tests.projects import add_document

TEXT = (
    "Senators stake out positions. Officials said they would stake their claim "
    "and staked nothing out. Le café était fermé, said Zoë."
)


def test_words_are_prefixes_and_phrases_are_exact() -> None:
    query = search.parse('stake "stake out" Pos')
    assert query.terms == (
        search.Term(("stake",), prefix=True),
        search.Term(("stake", "out"), prefix=False),
        search.Term(("pos",), prefix=True),
    )
    assert search.match_expression(query) == '"stake"* "stake out" "pos"*'


def test_find_phrase_only_where_the_words_are_adjacent() -> None:
    hits = search.find(TEXT, search.parse('"stake out"'))
    assert [TEXT[s:e] for s, e in hits] == ["stake out"]
    prefix_hits = search.find(TEXT, search.parse("stake"))
    assert [TEXT[s:e] for s, e in prefix_hits] == ["stake", "stake", "staked"]


def test_case_and_accents_do_not_matter() -> None:
    hits = search.find(TEXT, search.parse("CAFE zoe"))
    assert [TEXT[s:e] for s, e in hits] == ["café", "Zoë"]


@pytest.mark.parametrize(
    ("typed", "terms"),
    [
        ('"stake out', (("stake", "out"),)),  # an open quotation mark runs to the end
        ("NEAR(stake out", (("near",), ("stake",), ("out",))),
        ("stake* OR out", (("stake",), ("or",), ("out",))),
        ("sta\x00ke", (("sta",), ("ke",))),
        ('say "" now', (("say",), ("now",))),
    ],
)
def test_malformed_queries_are_taken_literally(typed: str, terms: tuple) -> None:
    assert tuple(term.words for term in search.parse(typed).terms) == terms


@pytest.mark.parametrize("typed", ["*", '"', "NEAR(", "\x00", "(((", '" * "'])
def test_nothing_to_search_for_is_refused_in_one_line(typed: str) -> None:
    if typed == "NEAR(":
        # NEAR is a word like any other.
        assert search.parse(typed).terms == (search.Term(("near",), prefix=True),)
        return
    with pytest.raises(SearchRefused) as refused:
        search.parse(typed)
    assert "\n" not in str(refused.value)
    assert "\x00" not in str(refused.value)


def test_blank_query_is_empty_not_refused() -> None:
    assert not search.parse("   ")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_parses_or_is_refused_and_runs_in_sqlite(typed: str) -> None:
    import sqlite3

    try:
        query = search.parse(typed)
    except SearchRefused:
        return
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    conn.execute("INSERT INTO t VALUES (?)", (TEXT,))
    if query:
        conn.execute("SELECT * FROM t WHERE t MATCH ?", (search.match_expression(query),))
    for start, end in search.find(TEXT + typed, query):
        assert 0 <= start < end <= len(TEXT + typed)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1), min_size=1))
def test_a_phrase_of_the_texts_own_words_finds_them(parts: list[str]) -> None:
    text = "x " + " ".join(parts) + " y"
    try:
        query = search.parse('"' + " ".join(parts) + '"')
    except SearchRefused:
        return
    assert search.matches(text, query)


def test_snippet_marks_hits_and_cuts_around_the_first() -> None:
    text = "a " * 100 + "the minister said no" + " b" * 100
    pieces = search.snippet(text, search.find(text, search.parse("minister")), width=40)
    assert pieces[0] == Piece("…", False)
    assert Piece("minister", True) in pieces
    assert pieces[-1] == Piece("…", False)
    assert sum(len(p.text) for p in pieces) <= 44


def make_project(store: Store) -> tuple[int, int]:
    first = add_document(store, TEXT, "d1", "Senate race")
    add_document(store, "Nothing to see here, stakeholders.", "d2", "Other")
    speaker = speakers.create_speaker(store, "Zoë Stakeman", ("The Official",)).speakers_after[0]
    start = TEXT.index("Le café")
    change = quotes.add_quote(store, first, [(start, start + 26)], speaker_id=speaker.id)
    return first, change.after[0].id


def test_search_finds_documents_quotes_and_speakers(tmp_path) -> None:
    with Store.open(tmp_path / "p.db") as store:
        first, quote_id = make_project(store)
        results = search.search(store.conn, '"stake out"')
        assert [hit.document_id for hit in results.documents] == [first]
        assert Piece("stake out", True) in results.documents[0].snippet
        assert results.quotes == ()
        prefix = search.search(store.conn, "stake")
        assert len(prefix.documents) == 2
        assert [hit.name for hit in prefix.speakers] == ["Zoë Stakeman"]
        assert prefix.speakers[0].quotes == 1
        cafe = search.search(store.conn, "cafe ferme")
        assert [(hit.quote_id, hit.speaker) for hit in cafe.quotes] == [(quote_id, "Zoë Stakeman")]
        assert Piece("café", True) in cafe.quotes[0].snippet
        alias = search.search(store.conn, "official")
        assert [hit.name for hit in alias.speakers] == ["Zoë Stakeman"]


def test_store_document_filter_uses_phrases_and_ignores_nothing(tmp_path) -> None:
    with Store.open(tmp_path / "p.db") as store:
        first, _ = make_project(store)
        assert store.document_ids(search='"stake out"') == [first]
        assert len(store.document_ids(search="stake")) == 2
        assert len(store.document_ids(search="*")) == 2
        assert store.document_ids(search='"out stake"') == []
