import pytest

from annotator.core import codebook
from annotator.core.codebook import DEFAULT_RULE, SpanRule, set_span_rule, span_rule
from annotator.core.errors import InvalidValue
from tests.core.conftest import dump


def test_a_new_project_has_the_default_rule(store):
    assert span_rule(store) == DEFAULT_RULE == SpanRule("as_selected", "as_selected")


def test_the_rule_is_stored_in_meta_as_json_and_undone_by_setting_it_back(store):
    before = dump(store)
    change = set_span_rule(store, SpanRule("include", "keep"))
    assert span_rule(store) == SpanRule("include", "keep")
    (value,) = store.conn.execute("SELECT value FROM meta WHERE key = 'span_rule'").fetchone()
    assert value == '{"punctuation": "keep", "quotation_marks": "include"}'
    assert (change.before, change.after) == (DEFAULT_RULE, SpanRule("include", "keep"))
    set_span_rule(store, change.before)
    assert span_rule(store) == DEFAULT_RULE
    del before["meta"]
    after = dump(store)
    del after["meta"]
    assert after == before


def test_unknown_values_are_refused_and_unreadable_ones_read_as_the_default(store):
    with pytest.raises(InvalidValue, match="quotation marks must be one of"):
        SpanRule("inside", "keep")
    with pytest.raises(InvalidValue, match="punctuation must be one of"):
        SpanRule("include", "strip")
    store.conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)", (codebook.META_KEY, '{"punctuation": 3}')
    )
    assert span_rule(store) == DEFAULT_RULE
