import pytest

from annotator.core import labels, quotes
from annotator.core.errors import InvalidValue
from tests.core.conftest import dump


def test_rename_keeps_quotes_labelled(store, doc):
    (quote,) = quotes.add_quote(store, doc, [(0, 10)]).after
    opposes = store.find_label("stance", "opposes")
    quotes.set_stance(store, quote.id, opposes.id)
    labels.update_label(store, opposes.id, name="against", color="#112233")
    assert store.db.execute("SELECT stance FROM quote_rows").fetchone() == ("against",)


def test_add_picks_a_free_palette_colour_and_goes_last(store):
    label = labels.add_label(store, "stance", "sceptical", shortcut="5").labels_after[0]
    assert label.position == 4
    assert label.color not in {lab.color for lab in store.labels("stance") if lab.id != label.id}


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"color": "red"}, "colour"),
        ({"shortcut": "1"}, "already used"),
        ({"name": "supports"}, "already a stance"),
    ],
)
def test_bad_edits_are_refused_with_the_reason(store, kwargs, message):
    before = dump(store)
    with pytest.raises(InvalidValue, match=message):
        labels.update_label(store, store.find_label("stance", "neutral").id, **kwargs)
    assert dump(store) == before


def test_move_reorders_the_scheme(store):
    labels.move_label(store, store.find_label("stance", "unclear").id, 0)
    assert [lab.name for lab in store.labels("stance")] == [
        "unclear",
        "supports",
        "opposes",
        "neutral",
    ]


def test_a_label_in_use_cannot_be_deleted(store, doc):
    (quote,) = quotes.add_quote(store, doc, [(0, 10)]).after
    direct = store.find_label("quote_type", "direct")
    quotes.set_quote_type(store, quote.id, direct.id)
    with pytest.raises(InvalidValue, match="used by 1 quote"):
        labels.delete_label(store, direct.id)
    labels.delete_label(store, store.find_label("quote_type", "mixed").id)
    assert [lab.name for lab in store.labels("quote_type")] == ["direct", "indirect"]
