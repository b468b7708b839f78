"""The label scheme: stances and quote types, each with colour, shortcut and position."""

from __future__ import annotations

import re

from annotator.core.errors import InvalidValue
from annotator.core.keys import label_key
from annotator.core.model import LABEL_KINDS, Change, Label
from annotator.core.store import Store
from annotator.core.wording import plural

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
# Colours for labels added without one: the Okabe-Ito palette, then greys.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
    "#999999",
)


def _check(store: Store, label: Label) -> None:
    if label.kind not in LABEL_KINDS:
        raise InvalidValue(
            f"label kind must be one of {', '.join(LABEL_KINDS)}, not {label.kind!r}"
        )
    if not label.name.strip():
        raise InvalidValue("a label needs a name")
    if not _COLOR.match(label.color):
        raise InvalidValue(f"colour must look like #1f77b4, not {label.color!r}")
    other = store.find_label(label.kind, label.name)
    if other is not None and other.id != label.id:
        raise InvalidValue(
            f"there is already a {label.kind.replace('_', ' ')} named {other.name!r}"
        )
    if label.shortcut:
        for existing in store.labels():
            if (
                existing.id != label.id
                and existing.shortcut.casefold() == label.shortcut.casefold()
            ):
                raise InvalidValue(
                    f"shortcut {label.shortcut} is already used by {existing.name!r}"
                )


def _save(store: Store, label: Label) -> None:
    store.conn.execute(
        "INSERT INTO labels (id, kind, name, color, shortcut, position, description) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, "
        "name = excluded.name, color = excluded.color, shortcut = excluded.shortcut, "
        "position = excluded.position, description = excluded.description",
        (
            label.id,
            label.kind,
            label.name,
            label.color,
            label.shortcut,
            label.position,
            label.description,
        ),
    )
    store.forget_labels()


def add_label(
    store: Store,
    kind: str,
    name: str,
    color: str | None = None,
    shortcut: str = "",
    description: str = "",
) -> Change:
    existing = store.labels(kind)
    if color is None:
        used = {label.color.upper() for label in existing}
        color = next((c for c in PALETTE if c not in used), PALETTE[len(existing) % len(PALETTE)])
    position = max((label.position for label in existing), default=-1) + 1
    with store.transaction() as conn:
        next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM labels").fetchone()[0]
        label = Label(
            next_id,
            kind,
            " ".join(name.split()),
            color,
            label_key(shortcut),
            position,
            description.strip(),
        )
        _check(store, label)
        _save(store, label)
    return Change(
        f"add {kind.replace('_', ' ')} {label.name}",
        labels=frozenset({label.id}),
        labels_after=(label,),
    )


def update_label(
    store: Store,
    label_id: int,
    *,
    name: str | None = None,
    color: str | None = None,
    shortcut: str | None = None,
    description: str | None = None,
) -> Change:
    """Rename, recolour, re-key or describe a label (the codebook); quotes follow it by id."""
    before = store.label(label_id)
    after = Label(
        before.id,
        before.kind,
        " ".join(name.split()) if name is not None else before.name,
        color if color is not None else before.color,
        label_key(shortcut) if shortcut is not None else before.shortcut,
        before.position,
        description.strip() if description is not None else before.description,
    )
    with store.transaction():
        _check(store, after)
        _save(store, after)
    return Change(
        f"edit label {after.name}",
        labels=frozenset({after.id}),
        labels_before=(before,),
        labels_after=(after,),
    )


def move_label(store: Store, label_id: int, position: int) -> Change:
    """Move a label to ``position`` (0-based) among those of its kind."""
    label = store.label(label_id)
    ordered = [other for other in store.labels(label.kind) if other.id != label_id]
    position = max(0, min(position, len(ordered)))
    ordered.insert(position, label)
    before = tuple(store.labels(label.kind))
    after = tuple(
        Label(lab.id, lab.kind, lab.name, lab.color, lab.shortcut, index, lab.description)
        for index, lab in enumerate(ordered)
    )
    with store.transaction():
        for lab in after:
            _save(store, lab)
    return Change(
        f"move label {label.name}",
        labels=frozenset(lab.id for lab in after),
        labels_before=before,
        labels_after=after,
    )


def delete_label(store: Store, label_id: int) -> Change:
    """Delete a label no quote uses; a used one is refused with the count."""
    label = store.label(label_id)
    used = store.conn.execute(
        "SELECT count(*) FROM quotes WHERE stance_id = ? OR quote_type_id = ?",
        (label_id, label_id),
    ).fetchone()[0]
    if used:
        raise InvalidValue(
            f"{label.name!r} is used by {plural(used, 'quote')}; "
            "rename it, or change those quotes first"
        )
    with store.transaction() as conn:
        conn.execute("DELETE FROM labels WHERE id = ?", (label_id,))
        store.forget_labels()
    return Change(
        f"delete label {label.name}", labels=frozenset({label.id}), labels_before=(label,)
    )


def find_or_add(store: Store, kind: str, name: str) -> Label:
    """The label ``name`` of ``kind``, added to the scheme if new (importers use this)."""
    found = store.find_label(kind, name)
    if found is not None:
        return found
    add_label(store, kind, name)
    found = store.find_label(kind, name)
    assert found is not None
    return found


def put_label(store: Store, label: Label) -> None:
    with store.transaction():
        _save(store, label)


def remove_label_row(store: Store, label_id: int) -> None:
    with store.transaction() as conn:
        conn.execute("DELETE FROM labels WHERE id = ?", (label_id,))
        store.forget_labels()
