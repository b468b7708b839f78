"""Search (Ctrl+F): the results under the document list, the hits in the article, F3 between them.

The search field is the document list's: what is typed filters the list and
fills the results (documents, quotes, speakers, each with a snippet); the
open article marks every hit.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from annotator.core import search
from annotator.core.search import SearchRefused
from annotator.gui.article_search import ArticleSearch
from annotator.gui.search_results import SearchResults

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

log = logging.getLogger(__name__)

# Search as the person types, once they pause (milliseconds).
PAUSE = 250


class Search:
    """Keeps the results and the article's hits in step with the search field."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.results = SearchResults()
        self.results.hide()
        self.in_article = ArticleSearch(window.article)
        self._pause = QTimer(window, singleShot=True, interval=PAUSE)
        self._pause.timeout.connect(self.run)
        field = window.documents.search
        field.textChanged.connect(self._pause.start)
        field.returnPressed.connect(self.run)
        self.results.document_chosen.connect(self._open_document)
        self.results.quote_chosen.connect(self._open_quote)
        self.results.speaker_chosen.connect(self._open_speaker)

    def run(self) -> None:
        """Search for what the field holds now."""
        self._pause.stop()
        typed = self._window.documents.search.text()
        if not typed.strip():
            self.results.hide()
            self.in_article.set_query(None)
            return
        if not self.results.isVisible():
            self.results.show()
            # Half the column for the results, the list keeping its half.
            height = sum(self._window.left.sizes())
            self._window.left.setSizes([height // 2, height - height // 2])
        try:
            query = search.parse(typed)
        except SearchRefused as refused:
            self.results.refuse(f"{str(refused)[0].upper()}{str(refused)[1:]}.")
            self.in_article.set_query(None)
            return
        conn = self._window.store.conn
        self.results.show_results(
            search.Results(
                search.documents(conn, query),
                search.quotes(conn, query),
                search.speakers(conn, query),
            )
        )
        self.in_article.set_query(query)
        log.debug("searched for %r", typed)

    def document_opened(self, text: str) -> None:
        self.in_article.set_text(text)

    def step(self, step: int) -> None:
        """F3 / Shift+F3: the next or previous hit in the article."""
        if self._pause.isActive():
            self.run()
        if not self.in_article.step(step):
            self._window.status.say("No search hits in this document")
            return
        # The hit is selected for Q (or A, S, C): the article takes the keys, also when
        # F3 was pressed in the search field.
        self._window.focus_article()

    def _open_document(self, document_id: int) -> None:
        self._window.open_document(document_id)
        self.in_article.current = -1
        self._window.article.setTextCursor(self._window.article.cursor_at(0))
        self.step(1)

    def _open_quote(self, document_id: int, quote_id: int) -> None:
        self._window.open_document(document_id)
        self._window.quote_commands.select_quote(quote_id)

    def _open_speaker(self, speaker_id: int) -> None:
        found = search.first_quote(self._window.store.conn, speaker_id)
        if found is None:
            self._window.status.say("No quotes by this speaker yet")
        else:
            self._open_quote(*found)
