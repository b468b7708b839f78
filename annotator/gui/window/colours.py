"""The colours of the highlights, by speaker or by stance, and the legend saying what they mean."""

from __future__ import annotations

from PySide6.QtGui import QAction

from annotator.core.model import Quote
from annotator.core.store import Store
from annotator.gui import palette
from annotator.gui.article_view import ArticleView
from annotator.gui.quote_panel import QuotePanel
from annotator.gui.settings import Settings


class Colours:
    """The colour mode (``speaker`` or ``stance``), remembered in the settings.

    ``action`` is the checkable View → Colour by stance action, kept in step
    with the mode however it changes.
    """

    def __init__(
        self,
        settings: Settings,
        store: Store,
        article: ArticleView,
        panel: QuotePanel,
        action: QAction,
    ) -> None:
        self._settings = settings
        self._store = store
        self._article = article
        self._panel = panel
        self._action = action
        self.mode: str = settings.get("color_mode")
        action.setCheckable(True)
        action.setChecked(self.mode == "stance")

    def quote_color(self, quote: palette.QuoteLook) -> str:
        return palette.quote_color(quote, self.mode, self._panel.model.labels)

    def describe(self, quote: Quote) -> str:
        """What hovering a highlight says: speaker, stance, type and whose quote it is."""
        model = self._panel.model
        speaker = model.speakers.get(quote.speaker_id) if quote.speaker_id else None
        stance = model.labels.get(quote.stance_id) if quote.stance_id else None
        kind = model.labels.get(quote.quote_type_id) if quote.quote_type_id else None
        return (
            f"{speaker.name if speaker else 'no speaker'} · "
            f"{stance.name if stance else 'no stance'} · {kind.name if kind else 'no type'} · "
            f"{model.coder_of(quote)}"
        )

    def update_legend(self) -> None:
        stances = {label.id: label for label in self._store.labels("stance")}
        model = self._panel.model
        legend = palette.legend(
            model.speaker_counts,
            model.stance_counts[None] > 0,
            self.mode,
            model.speakers,
            stances,
        )
        self._panel.set_legend(legend, self.mode)

    def toggle(self) -> None:
        self.mode = "stance" if self.mode == "speaker" else "speaker"
        self._action.setChecked(self.mode == "stance")
        self._settings.set("color_mode", self.mode)
        self.update_legend()
        self._article.viewport().update()
