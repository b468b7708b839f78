from collections import Counter

from annotator.core.importing import FileOutcome, ImportReport
from annotator.gui.dialogs.import_dialog import ImportSummary


def test_summary_names_texts_refused_alone_and_quotes_added_to_present_documents(qtbot, tmp_path):
    refused = "train/attributions/bad_ana.ann, line 3: offsets 5 9 lie past the end"
    report = ImportReport(
        files=[FileOutcome(tmp_path / "train", 2, 1, 5, None, 3, [refused])],
        unsupported=Counter(),
    )
    summary = ImportSummary(report)
    qtbot.addWidget(summary)
    assert summary.text().splitlines() == [
        "Imported 2 documents with 5 quotes.",
        "1 document already in the project was skipped.",
        "3 new quotes (another annotator's) added to documents already in the project.",
        "1 text refused with its annotation files; the rest of the folder was imported.",
        f"• {refused}",
    ]
    assert summary.windowTitle() == "Import: some files refused"
