"""The optional spaCy engine: found at run time, or one line on how to get it."""

from __future__ import annotations

import importlib.util

import pytest

from annotator.core import suggest
from annotator.core.suggest import EngineUnavailable, spacy_engine


def test_without_spacy_the_engine_says_in_one_line_how_to_get_it(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "spacy" else real(name, *a)
    )
    message = suggest.available()["spacy"]
    assert message == spacy_engine.HOW_TO_INSTALL
    assert "\n" not in message and "[nlp]" in message and "en_core_web_sm" in message
    with pytest.raises(EngineUnavailable) as raised:
        suggest.engine("spacy")
    assert str(raised.value) == spacy_engine.HOW_TO_INSTALL
    assert suggest.available()["rules"] == ""


def test_spacy_without_an_english_pipeline_says_the_same(monkeypatch):
    pytest.importorskip("spacy")
    import spacy.util

    monkeypatch.setattr(spacy.util, "get_installed_models", lambda: [])
    assert spacy_engine.missing() == spacy_engine.HOW_TO_INSTALL
    with pytest.raises(EngineUnavailable):
        spacy_engine.load()


def test_an_installed_pipeline_gives_direct_and_indirect_quotes():
    pytest.importorskip("spacy")
    if spacy_engine.missing():
        pytest.skip("no English spaCy pipeline installed")
    text = (
        "Senator Jane Alvarez spoke on Tuesday. Officials believe the bill will pass easily. "
        "“We will not give up,” Alvarez said."
    )
    found = suggest.engine("spacy").propose(text)
    kinds = {(p.quote_type, text[p.spans[0][0] : p.spans[0][1]]) for p in found}
    assert ("direct", "“We will not give up,”") in kinds
    assert ("indirect", "the bill will pass easily") in kinds
