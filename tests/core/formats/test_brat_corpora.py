"""brat corpora as they come: broken lines, bad texts among good ones, several
annotators in several imports, and everything read written back."""

from pathlib import Path

from annotator.core import exporting, importing
from annotator.core.formats import ReadOptions
from annotator.core.formats.brat import read_brat
from annotator.core.store import Store
from tests.bench.bench_corpora import annotation_set
from tests.core.conftest import dump

TEXT = (
    "Senator Jane Roe said the plan was sound.\n"
    "“We will vote for it,\nwhatever happens,” Roe added.\n"
    "Officials said nothing. Which was odd, they said.\n"
)


def _corpus(root: Path, files: dict[str, str], texts: dict[str, str] | None = None) -> Path:
    """A PolNeAR-layout folder: text/NAME.txt and attributions/NAME_ANNOTATOR.ann."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, text in (texts or {"art": TEXT}).items():
        (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    for name, ann in files.items():
        (root / "attributions" / name).write_text(ann, encoding="utf-8")
    return root


def _t(ident: int, type_: str, start: int, end: int, text: str = TEXT) -> str:
    return f"T{ident}\t{type_} {start} {end}\t{text[start:end]}\n"


def _where(piece: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def test_span_text_broken_across_lines_is_read(tmp_path):
    start, end = _where("We will vote for it,\nwhatever happens,")
    # The T line's text continues on the next line, as in three PolNeAR files.
    ann = f"T1\tContent {start} {end}\t{TEXT[start:end]}\n" + _t(2, "Discard", 0, 7)
    folder = _corpus(tmp_path / "train", {"art_ana.ann": ann})
    options = ReadOptions()
    (record,) = read_brat(folder, options)
    assert options.refused == []
    assert [q.spans for q in record.quotes] == [[(start, end)]]


def test_a_bad_text_is_refused_alone_and_the_message_shows_where_it_differs(tmp_path):
    long = "A" * 80 + " said the minister, " + "B" * 80 + "\n"
    wrong = "A" * 80 + " said the ministry, " + "B" * 80
    folder = _corpus(
        tmp_path / "train",
        {"good_ana.ann": _t(1, "Content", 0, 7), "bad_ana.ann": f"T1\tContent 0 180\t{wrong}\n"},
        {"good": TEXT, "bad": long},
    )
    store = Store.memory()
    report = importing.import_paths(store, [folder])
    assert (report.added, report.quotes) == (1, 1)
    assert not report.ok and report.failed == []
    (message,) = report.refused
    assert "bad_ana.ann, line 1" in message and "refused bad.txt with bad_ana.ann" in message
    # Past the 60 characters where both strings used to be cut: the difference is shown.
    assert "differ at character 97" in message and "ministry" in message
    assert [d.external_id for d in map(store.document, store.document_ids())] == ["good"]


def test_a_second_annotators_file_adds_its_quotes_to_the_text(tmp_path):
    first = _t(1, "Content", *_where("the plan was sound"))
    second = first + _t(2, "Content", *_where("nothing"))
    folder = _corpus(tmp_path / "train", {"art_ana.ann": first})
    store = Store.memory()
    assert importing.import_paths(store, [folder]).quotes == 1
    later = folder / "attributions" / "art_ben.ann"
    later.write_text(second, encoding="utf-8")
    report = importing.import_paths(store, [later])
    assert (report.added, report.skipped, report.extended) == (0, 1, 2)
    before = dump(store)
    # The same file again adds nothing: quotes are known by annotator and spans.
    again = importing.import_paths(store, [later])
    assert (again.extended, again.quotes) == (0, 0)
    assert dump(store) == before
    names = {store.annotators()[q.annotator_id] for q in store.quotes(store.document_ids()[0])}
    assert names == {"ana", "ben"}


def test_brat_import_then_export_gives_the_same_annotations_per_file(tmp_path):
    roe = _where("Senator Jane Roe")
    said = _where("said")
    sound = _where("the plan was sound")
    vote = _where("We will vote for it,\nwhatever happens,")
    added = _where("added")
    officials = _where("Officials")
    nothing = _where("nothing")
    which = _where("Which")
    they = _where("they")
    ana = (
        # A Source shared by two attributions, Content2, a note on a Content,
        # Discard and Discuss, an attribution without source and one without content.
        _t(1, "Source", *roe)
        + _t(2, "Cue", *said)
        + _t(3, "Content", *sound)
        + _t(4, "Attribution", *said)
        + "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
        + _t(5, "Cue", *added)
        + f"T6\tContent {vote[0]} {vote[1]}\t{TEXT[vote[0] : vote[1]]}\n"
        + _t(7, "Content", *nothing)
        + _t(8, "Attribution", *added)
        + "E2\tAttribution:T8 Source:T1 Cue:T5 Content:T6 Content2:T7\n"
        + "#1\tAnnotatorNotes T3\tcheck the tense\n"
        + _t(9, "Discard", *which)
        + _t(10, "Discuss", *officials)
        + _t(11, "Attribution-no-source", *they)
        + "E3\tAttribution-no-source:T11 Content:T7\n"
        + _t(12, "Attribution", *which)
        + "E4\tAttribution:T12\n"
    )
    folder = _corpus(tmp_path / "train", {"art_ana.ann": ana, "art_ben.ann": ""})
    store = Store.memory()
    report = importing.import_paths(store, [folder])
    assert report.ok and report.unsupported == {}
    exporting.export(store, "brat", tmp_path / "out")
    out = tmp_path / "out" / "train" / "attributions"
    assert sorted(p.name for p in out.iterdir()) == ["art_ana.ann", "art_ben.ann"]
    assert (out / "art_ben.ann").read_text(encoding="utf-8") == ""
    original = annotation_set(folder / "attributions" / "art_ana.ann")
    assert annotation_set(out / "art_ana.ann") == original
    assert sum(1 for item in original if item[:2] == ("T", "Source")) == 1
    # An edited quote is written in the standard shape, the rest as read.
    store.conn.execute("UPDATE quote_spans SET start = start + 4 WHERE text = 'the plan was sound'")
    exporting.export(store, "brat", tmp_path / "edited")
    edited = annotation_set(tmp_path / "edited" / "train" / "attributions" / "art_ana.ann")
    assert ("T", "Discuss", (officials,)) in edited
    assert ("T", "Content", ((sound[0] + 4, sound[1]),)) in edited


def test_the_folder_a_text_came_from_is_its_collection_and_an_export_filter(tmp_path):
    _corpus(tmp_path / "data" / "train", {"art_ana.ann": _t(1, "Content", 0, 7)})
    _corpus(
        tmp_path / "data" / "dev",
        {"other_ana.ann": _t(1, "Content", 0, 5, "Other text.\n")},
        {"other": "Other text.\n"},
    )
    store = Store.memory()
    assert importing.import_paths(store, [tmp_path / "data"]).added == 2
    collections = {store.document(i).collection for i in store.document_ids()}
    assert collections == {"train", "dev"}
    records = list(exporting.iter_records(store, collection="dev"))
    assert [r.external_id for r in records] == ["other"]
