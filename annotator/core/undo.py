"""Undo in the core: put back the ``before`` side of any :class:`Change`.

``revert(store, change)`` returns the change it made, whose own revert is the
redo. The GUI's undo stack only keeps these changes; it never knows SQL.
"""

from __future__ import annotations

from annotator.core import documents, labels, quotes, speakers, suggestions
from annotator.core.errors import ChangedElsewhere, NotFound
from annotator.core.model import Change, Quote
from annotator.core.store import Store


def revert(store: Store, change: Change) -> Change:
    """Restore everything ``change`` touched to how it was before, in one transaction.

    Another window or program may have written to the project since. A quote
    that is no longer as ``change`` left it, or an id that now holds another
    quote, is never overwritten: :class:`ChangedElsewhere` says which, and
    nothing is changed.
    """
    with store.transaction():
        _check_unchanged(store, change)
        after_speakers = {s.id for s in change.speakers_after}
        before_speakers = {s.id for s in change.speakers_before}
        for speaker in change.speakers_before:
            speakers.put_speaker(store, speaker)
        for label in change.labels_before:
            labels.put_label(store, label)
        before_quotes = {q.id for q in change.before}
        for quote in change.after:
            if quote.id not in before_quotes:
                quotes.remove_quote_row(store, quote.id)
        for quote in change.before:
            quotes.put_quote(store, quote)
        for speaker_id in after_speakers - before_speakers:
            speakers.remove_speaker_row(store, speaker_id)
        before_labels = {label.id for label in change.labels_before}
        for label in change.labels_after:
            if label.id not in before_labels:
                labels.remove_label_row(store, label.id)
        if change.statuses_before:
            documents.put_statuses(store, change.statuses_before)
        if change.suggestions_before:
            suggestions.put_statuses(store, change.suggestions_before)
    return Change(
        change.description,
        documents=change.documents,
        quotes=change.quotes,
        speakers=change.speakers,
        labels=change.labels,
        before=change.after,
        after=change.before,
        speakers_before=change.speakers_after,
        speakers_after=change.speakers_before,
        labels_before=change.labels_after,
        labels_after=change.labels_before,
        statuses_before=change.statuses_after,
        statuses_after=change.statuses_before,
        suggestions_before=change.suggestions_after,
        suggestions_after=change.suggestions_before,
    )


def _check_unchanged(store: Store, change: Change) -> None:
    after_ids = {quote.id for quote in change.after}
    for quote in change.after:
        try:
            current = store.quote(quote.id)
        except NotFound:
            raise ChangedElsewhere(
                f"cannot undo “{change.description}”: {_words(store, quote)} was deleted in "
                "another window or program since; nothing was changed"
            ) from None
        if current != quote:
            raise ChangedElsewhere(
                f"cannot undo “{change.description}”: {_words(store, quote)} was changed in "
                "another window or program since; nothing was changed"
            )
    for quote in change.before:
        if quote.id in after_ids:
            continue
        # Putting back a quote this change removed: its id must still be free.
        row = store.conn.execute("SELECT uid FROM quotes WHERE id = ?", (quote.id,)).fetchone()
        if row is not None:
            raise ChangedElsewhere(
                f"cannot undo “{change.description}”: {_words(store, quote)} is back in the "
                "project already, put there by another window or program; nothing was changed"
            )


def _words(store: Store, quote: Quote) -> str:
    """The quote as a person knows it: its first words."""
    try:
        text = store.document_text(quote.document_id)
    except NotFound:
        return "the quote"
    words = " ".join(text[quote.spans[0].start : quote.spans[0].end].split()) if quote.spans else ""
    return f"the quote “{words[:40]}{'…' if len(words) > 40 else ''}”" if words else "the quote"
