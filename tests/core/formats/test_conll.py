from annotator.core import exporting
from annotator.core.formats import WriteOptions
from annotator.core.formats.conll import sentences, write_conll
from annotator.core.model import DocumentRecord, QuoteRecord
from tests.core.formats.samples import project, sample_records

TEXT = "“We’ve never tried it,” Rex Tillerson said. “But until we do 🙂, we won’t know.”\nOk."


def span(piece: str) -> tuple[int, int]:
    start = TEXT.index(piece)
    return start, start + len(piece)


def lines(tmp_path, records) -> list[str]:
    write_conll(records, tmp_path / "out.conll", WriteOptions())
    return (tmp_path / "out.conll").read_text(encoding="utf-8").split("\n")


def test_split_quote_speaker_and_cue_are_tagged_in_bio(tmp_path):
    quote = QuoteRecord(
        spans=[span("We’ve never tried it,"), span("But until we do 🙂, we won’t know.")],
        speaker="Rex Tillerson",
        mention=span("Rex Tillerson"),
        cue=span("said"),
    )
    out = lines(tmp_path, [DocumentRecord("talks", "Talks", TEXT, quotes=[quote])])
    assert out[:2] == ["-DOCSTART-\ttalks", ""]
    assert out[2:14] == [
        "“\tO",
        "We’ve\tB-QUOTE",
        "never\tI-QUOTE",
        "tried\tI-QUOTE",
        "it\tI-QUOTE",
        ",\tI-QUOTE",
        "”\tO",
        "Rex\tB-SPEAKER",
        "Tillerson\tI-SPEAKER",
        "said\tB-CUE",
        ".\tO",
        "",
    ]
    second = out[14:30]
    assert second[:3] == ["“\tO", "But\tB-QUOTE", "until\tI-QUOTE"]
    # The emoji is one token inside the quote; the second piece starts its own B- tag.
    assert "🙂\tI-QUOTE" in second and "won’t\tI-QUOTE" in second
    assert out[-4:] == ["Ok\tO", ".\tO", "", ""]


def test_cue_inside_a_quote_wins_and_a_nested_quote_joins_the_outer_one(tmp_path):
    text = "He said that they said no and left."
    outer = QuoteRecord(spans=[(8, 25)], cue=(18, 22))  # "that they said no"
    inner = QuoteRecord(spans=[(13, 25)])  # "they said no"
    out = lines(tmp_path, [DocumentRecord("d", "", text, quotes=[inner, outer])])
    tags = [line.split("\t")[1] for line in out[2:] if line]
    assert tags == ["O", "O", "B-QUOTE", "I-QUOTE", "B-CUE", "B-QUOTE", "O", "O", "O"]


def test_sentences_break_at_full_stops_and_line_breaks_and_keep_no_break_spaces_out():
    text = "He left. “Fine!” she said.\nJose\u0301\u00a0Ortega 👩\u200d👩\u200d👧 smiled"
    found = [[text[s:e] for s, e in sentence] for sentence in sentences(text)]
    assert found == [
        ["He", "left", "."],
        # Closing quotation marks stay with the sentence they close.
        ["“", "Fine", "!", "”"],
        ["she", "said", "."],
        ["Jose\u0301", "Ortega", "👩\u200d👩\u200d👧", "smiled"],
    ]


def test_a_project_exports_every_document_with_a_separator(tmp_path):
    store = project(sample_records())
    report = exporting.export(store, "conll", tmp_path / "corpus.conll")
    assert report.quotes == 5
    out = (tmp_path / "corpus.conll").read_text(encoding="utf-8")
    assert out.count("-DOCSTART-") == 2 and "-DOCSTART-\tempty one\n" in out
    assert "📈\tI-QUOTE" in out
