"""Quote mutations. Each is one transaction and returns a :class:`Change`.

Offsets are checked against the stored document text on every write; the
text copy in ``quote_spans`` is taken from it, never from the caller.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from annotator.core import speaker_match
from annotator.core import speakers as speakers_ops
from annotator.core.errors import InvalidSpan, InvalidValue, NotFound
from annotator.core.model import ORIGINS, Change, Quote, Span, Speaker, new_uid
from annotator.core.names import is_pronoun
from annotator.core.store import Store, now
from annotator.core.text import check_span

SpanLike = Span | tuple[int, int] | Sequence[int]

# The fields update_quote() accepts; _modify() checks and normalises their values.
EDITABLE = ("speaker_id", "mention", "cue", "stance_id", "quote_type_id", "target", "note")


def _span(text: str, value: SpanLike, what: str) -> Span:
    if isinstance(value, Span):
        return check_span(text, value.start, value.end, what)
    try:
        start, end = value
    except (TypeError, ValueError):
        raise InvalidSpan(f"{what} must be a [start, end] pair, got {value!r}") from None
    return check_span(text, start, end, what)


def _spans(text: str, values: Iterable[SpanLike]) -> tuple[Span, ...]:
    spans = sorted({_span(text, value, "quote span") for value in values})
    if not spans:
        raise InvalidSpan("a quote needs at least one span of text")
    return tuple(spans)


def _write(store: Store, quote: Quote, text: str) -> int:
    """Insert or replace ``quote`` and its spans; the quote's id, new when ``quote.id`` is 0.

    Call inside a transaction.
    """
    conn = store.conn
    cursor = conn.execute(
        "INSERT INTO quotes (id, document_id, annotator_id, speaker_id, "
        "mention_start, mention_end, cue_start, cue_end, stance_id, quote_type_id, target, "
        "note, origin, created_at, updated_at, uid, changed_by, provenance) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET document_id = excluded.document_id, "
        "annotator_id = excluded.annotator_id, speaker_id = excluded.speaker_id, "
        "mention_start = excluded.mention_start, mention_end = excluded.mention_end, "
        "cue_start = excluded.cue_start, cue_end = excluded.cue_end, "
        "stance_id = excluded.stance_id, quote_type_id = excluded.quote_type_id, "
        "target = excluded.target, note = excluded.note, origin = excluded.origin, "
        "created_at = excluded.created_at, updated_at = excluded.updated_at, "
        "uid = excluded.uid, changed_by = excluded.changed_by, "
        "provenance = excluded.provenance",
        (
            quote.id or None,
            quote.document_id,
            quote.annotator_id,
            quote.speaker_id,
            quote.mention.start if quote.mention else None,
            quote.mention.end if quote.mention else None,
            quote.cue.start if quote.cue else None,
            quote.cue.end if quote.cue else None,
            quote.stance_id,
            quote.quote_type_id,
            quote.target,
            quote.note,
            quote.origin,
            quote.created_at,
            quote.updated_at,
            quote.uid,
            quote.changed_by,
            json.dumps(list(quote.provenance)),
        ),
    )
    quote_id = quote.id or int(cursor.lastrowid or 0)
    conn.execute("DELETE FROM quote_spans WHERE quote_id = ?", (quote_id,))
    conn.executemany(
        'INSERT INTO quote_spans (quote_id, start, "end", text) VALUES (?, ?, ?, ?)',
        [(quote_id, s.start, s.end, text[s.start : s.end]) for s in quote.spans],
    )
    return quote_id


def _check_refs(store: Store, quote: Quote) -> None:
    if quote.stance_id is not None and store.label(quote.stance_id).kind != "stance":
        raise InvalidValue(f"label {quote.stance_id} is not a stance")
    if quote.quote_type_id is not None and store.label(quote.quote_type_id).kind != "quote_type":
        raise InvalidValue(f"label {quote.quote_type_id} is not a quote type")
    if quote.speaker_id is not None:
        store.speaker(quote.speaker_id)
    if quote.origin not in ORIGINS:
        raise InvalidValue(f"origin must be one of {', '.join(ORIGINS)}, not {quote.origin!r}")


def add_quote(
    store: Store,
    document_id: int,
    spans: Iterable[SpanLike],
    *,
    speaker_id: int | None = None,
    mention: SpanLike | None = None,
    cue: SpanLike | None = None,
    stance_id: int | None = None,
    quote_type_id: int | None = None,
    target: str = "",
    note: str = "",
    annotator: str | None = None,
    origin: str = "manual",
) -> Change:
    """Create a quote over one or more spans of a document.

    The quote belongs to ``annotator`` (default: the store's acting annotator)
    and records the acting annotator as the one who last changed it.
    """
    text = store.document_text(document_id)
    stamp = now()
    with store.transaction() as conn:
        annotator_id = store.ensure_annotator(annotator or store.acting)
        changed_by = store.acting_id() if store.acting else annotator_id
        quote = Quote(
            id=0,
            document_id=document_id,
            spans=_spans(text, spans),
            speaker_id=speaker_id,
            mention=_span(text, mention, "speaker mention") if mention is not None else None,
            cue=_span(text, cue, "cue") if cue is not None else None,
            stance_id=stance_id,
            quote_type_id=quote_type_id,
            target=target.strip(),
            note=note,
            annotator_id=annotator_id,
            origin=origin,
            created_at=stamp,
            updated_at=stamp,
            uid=new_uid(),
            changed_by=changed_by,
        )
        _check_refs(store, quote)
        # SQLite gives the id: ids are never reused, so no one else's row is taken.
        quote = replace(quote, id=_write(store, quote, text))
        # A new document that gets its first annotation is now in progress.
        started = conn.execute(
            "UPDATE documents SET status = 'in_progress' WHERE id = ? AND status = 'new'",
            (document_id,),
        ).rowcount
    return Change(
        "add quote",
        documents=frozenset({document_id}),
        quotes=frozenset({quote.id}),
        after=(quote,),
        statuses_before=((document_id, "new"),) if started else (),
        statuses_after=((document_id, "in_progress"),) if started else (),
    )


def _modify(store: Store, quote_id: int, description: str, **fields: Any) -> Change:
    before = store.quote(quote_id)
    text = store.document_text(before.document_id)
    for key in ("mention", "cue"):
        if key in fields and fields[key] is not None:
            fields[key] = _span(text, fields[key], "speaker mention" if key == "mention" else key)
    if "spans" in fields:
        fields["spans"] = _spans(text, fields["spans"])
    if "target" in fields:
        fields["target"] = (fields["target"] or "").strip()
    if "note" in fields:
        fields["note"] = fields["note"] or ""
    after = replace(before, updated_at=now(), **fields)
    if after == replace(before, updated_at=after.updated_at):
        return Change(description, documents=frozenset({before.document_id}))
    with store.transaction():
        after = replace(after, changed_by=store.acting_id())
        _check_refs(store, after)
        _write(store, after, text)
    return Change(
        description,
        documents=frozenset({before.document_id}),
        quotes=frozenset({quote_id}),
        before=(before,),
        after=(after,),
    )


def update_quote(store: Store, quote_id: int, **fields: Any) -> Change:
    """Set any of :data:`EDITABLE` on a quote (``None`` clears speaker, mention, cue, labels)."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise InvalidValue(f"cannot set {', '.join(sorted(unknown))} on a quote")
    names = ", ".join(name.replace("_id", "").replace("_", " ") for name in fields)
    return _modify(store, quote_id, f"set {names}", **fields)


def set_stance(store: Store, quote_id: int, stance_id: int | None) -> Change:
    return _modify(store, quote_id, "set stance", stance_id=stance_id)


def set_quote_type(store: Store, quote_id: int, quote_type_id: int | None) -> Change:
    return _modify(store, quote_id, "set quote type", quote_type_id=quote_type_id)


def set_target(store: Store, quote_id: int, target: str) -> Change:
    return _modify(store, quote_id, "set target", target=target)


def set_note(store: Store, quote_id: int, note: str) -> Change:
    return _modify(store, quote_id, "set note", note=note)


def set_cue(store: Store, quote_id: int, cue: SpanLike | None) -> Change:
    return _modify(store, quote_id, "set cue", cue=cue)


def add_span(store: Store, quote_id: int, span: SpanLike) -> Change:
    """Add another piece of content to a quote (split quotes)."""
    quote = store.quote(quote_id)
    return _modify(store, quote_id, "add quote piece", spans=(*quote.spans, span))


def _piece(quote: Quote, span: SpanLike) -> Span:
    """``span`` as one of the quote's pieces; NotFound when it is none of them."""
    piece = span if isinstance(span, Span) else Span(*span)
    if piece not in quote.spans:
        raise NotFound(f"quote {quote.id} has no span [{piece.start}, {piece.end}]")
    return piece


def remove_span(store: Store, quote_id: int, span: SpanLike) -> Change:
    """Remove one piece of a quote; the last piece cannot go (delete the quote instead)."""
    quote = store.quote(quote_id)
    target = _piece(quote, span)
    remaining = [s for s in quote.spans if s != target]
    if not remaining:
        raise InvalidValue("a quote needs at least one span; delete the quote instead")
    return _modify(store, quote_id, "remove quote piece", spans=remaining)


def set_speaker(store: Store, quote_id: int, speaker_id: int | None) -> Change:
    return _modify(store, quote_id, "set speaker", speaker_id=speaker_id)


def set_speaker_by_name(store: Store, quote_id: int, name: str) -> Change:
    """Set the speaker by a name or alias, creating a registry entry for a new name.

    An empty name clears the speaker.
    """
    name = " ".join(name.split())
    if not name:
        return set_speaker(store, quote_id, None)
    with store.transaction():
        speaker, created = speakers_ops.find_or_create(store, name)
        change = set_speaker(store, quote_id, speaker.id)
    if created:
        change = replace(
            change,
            speakers=frozenset({speaker.id}),
            speakers_after=(speaker,),
            description="set speaker (new)",
        )
    return change


def set_mention(store: Store, quote_id: int, mention: SpanLike | None) -> Change:
    """Mark where the text names the speaker, and link the speaker it names.

    The name links an existing speaker where it can: an exact name or alias;
    a longer mention holding a known full name ("Secretary of State Rex
    Tillerson" for "Rex Tillerson"), which then becomes an alias; or a
    surname alone ("Videgaray") matching one full name met in this article.
    Only a name that matches nothing, on a quote without a speaker, creates a
    speaker. A speaker already chosen is never replaced: when the mention
    names someone else the quote keeps its speaker and the description says
    so. Pronouns ("he", "she") set the mention only. The change's
    description says what happened to the registry, for the status bar.
    """
    if mention is None:
        return _modify(store, quote_id, "clear speaker mention", mention=None)
    quote = store.quote(quote_id)
    text = store.document_text(quote.document_id)
    span = _span(text, mention, "speaker mention")
    name = " ".join(text[span.start : span.end].split())
    description = "set speaker mention"
    with store.transaction():
        speakers_before: list[Speaker] = []
        speakers_after: list[Speaker] = []
        speaker = speakers_ops.resolve(store, name)
        if speaker is None and not is_pronoun(name):
            speaker = speaker_match.surname_match(
                name, speaker_match.met_in(store, quote.document_id)
            )
        chosen = store.speaker(quote.speaker_id) if quote.speaker_id is not None else None
        if speaker is not None and chosen is not None and speaker.id != chosen.id:
            description = (
                f"set speaker mention; “{name}” names {speaker.name}, the quote keeps {chosen.name}"
            )
            speaker = None
        elif speaker is not None and not speakers_ops.is_known_as(speaker, name):
            if len(name.split()) >= 2:
                speakers_before.append(speaker)
                speaker = speakers_ops.add_alias(store, speaker.id, name).speakers_after[0]
                speakers_after.append(speaker)
                description = f"set speaker mention; “{name}” added as an alias of {speaker.name}"
        if speaker is None and chosen is None and not is_pronoun(name):
            speaker, _ = speakers_ops.find_or_create(store, name)
            speakers_after.append(speaker)
            description = f"set speaker mention; new speaker {speaker.name}"
        fields: dict[str, Any] = {"mention": span}
        if speaker is not None:
            fields["speaker_id"] = speaker.id
        change = _modify(store, quote_id, description, **fields)
    touched = {s.id for s in speakers_after}
    return replace(
        change,
        speakers=frozenset(touched),
        speakers_before=tuple(speakers_before),
        speakers_after=tuple(speakers_after),
    )


def move_piece(store: Store, quote_id: int, piece: SpanLike, to: SpanLike) -> Change:
    """Move the edges of one piece of a quote (the piece ``piece`` becomes ``to``)."""
    quote = store.quote(quote_id)
    old = _piece(quote, piece)
    new = _span(store.document_text(quote.document_id), to, "quote span")
    spans = [new if span == old else span for span in quote.spans]
    return _modify(store, quote_id, "move quote piece edge", spans=spans)


def delete_quote(store: Store, quote_id: int) -> Change:
    before = store.quote(quote_id)
    with store.transaction() as conn:
        conn.execute("DELETE FROM quotes WHERE id = ?", (quote_id,))
    return Change(
        "delete quote",
        documents=frozenset({before.document_id}),
        quotes=frozenset({quote_id}),
        before=(before,),
    )


def put_quote(store: Store, quote: Quote) -> None:
    """Write a quote snapshot back exactly, id and timestamps included (for undo)."""
    text = store.document_text(quote.document_id)
    with store.transaction():
        for span in quote.spans:
            check_span(text, span.start, span.end, "quote span")
        _check_refs(store, quote)
        _write(store, quote, text)


def put_new_quote(store: Store, quote: Quote) -> Quote:
    """Store a copy of ``quote`` as a new quote (a new id and uid); the copy as stored.

    For core operations that build whole quotes (adjudication); call inside
    their transaction.
    """
    text = store.document_text(quote.document_id)
    with store.transaction():
        for span in quote.spans:
            check_span(text, span.start, span.end, "quote span")
        quote = replace(quote, id=0, uid=new_uid())
        _check_refs(store, quote)
        return replace(quote, id=_write(store, quote, text))


def remove_quote_row(store: Store, quote_id: int) -> None:
    """Delete a quote by id if it exists (for undo of a creation)."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM quotes WHERE id = ?", (quote_id,))
