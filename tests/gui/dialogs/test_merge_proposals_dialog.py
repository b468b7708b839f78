import pytest
from PySide6.QtCore import Qt

from annotator.core import quotes, speakers
from annotator.core.store import Store
from annotator.gui.dialogs.speakers_dialog import SpeakersDialog
from annotator.gui.session import Session
from tests.projects import add_document

LEFT = Qt.MouseButton.LeftButton
TEXT = "Mr. Trump said no. Donald Trump said yes. Kelly said maybe."


@pytest.fixture
def session(qtbot):
    store = Store.memory()
    document = add_document(store, TEXT)
    for name in ("Trump", "Donald Trump", "John Kelly"):
        speakers.create_speaker(store, name)
    ids = {s.name: s.id for s in store.speakers()}
    quotes.add_quote(store, document, [(15, 17)], speaker_id=ids["Trump"])
    quotes.add_quote(store, document, [(37, 40)], speaker_id=ids["Donald Trump"])
    yield Session(store)
    store.close()


def test_proposed_merges_are_listed_and_made_only_when_chosen(qtbot, session):
    dialog = SpeakersDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.suggest_button, LEFT)
    proposals = dialog.proposals
    assert proposals is not None and proposals.isVisible()
    assert [proposals.list.item(i).text() for i in range(proposals.list.count())] == [
        "Trump (1 quote) → Donald Trump: a surname of one full name"
    ]
    assert len(session.store.speakers()) == 3  # nothing merged by looking
    assert not proposals.merge_button.isEnabled()
    rect = proposals.list.visualItemRect(proposals.list.item(0))
    qtbot.mouseClick(proposals.list.viewport(), LEFT, pos=rect.center())
    qtbot.mouseClick(proposals.merge_button, LEFT)
    names = {s.name: s.aliases for s in session.store.speakers()}
    assert names == {"Donald Trump": ("Trump",), "John Kelly": ()}
    assert proposals.list.count() == 0 and proposals.count.text() == "0 proposed merges"
    # The registry list behind it follows, and the merge is one undo step.
    assert dialog.table.rowCount() == 2
    session.undo_stack.undo()
    assert len(session.store.speakers()) == 3
