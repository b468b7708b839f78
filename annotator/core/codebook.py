"""The codebook's span rule: how a selection becomes a stored quote span.

Conventions differ between corpora: PolNeAR keeps the quotation marks and the
comma inside a quote's content, others keep neither. A project chooses once,
and selection, the quotation key and edge moves all follow the same rule
(see :func:`annotator.core.text.apply_rule`).

Stored in the project's ``meta`` table under the key ``span_rule`` as JSON::

    {"quotation_marks": "as_selected" | "include" | "exclude",
     "punctuation": "as_selected" | "keep" | "drop"}

A missing key, or a value this version does not know, reads as the default
rule: ``as_selected`` for both, which stores exactly what was selected.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from annotator.core.errors import InvalidValue
from annotator.core.store import Store

log = logging.getLogger("annotator.codebook")

META_KEY = "span_rule"
QUOTATION_MARKS = ("as_selected", "include", "exclude")
PUNCTUATION = ("as_selected", "keep", "drop")


@dataclass(frozen=True)
class SpanRule:
    """Whether quote content takes its quotation marks, and the punctuation inside them.

    ``as_selected`` (the default for both) leaves each choice to the selection.
    """

    quotation_marks: str = "as_selected"
    punctuation: str = "as_selected"

    def __post_init__(self) -> None:
        if self.quotation_marks not in QUOTATION_MARKS:
            raise InvalidValue(
                f"quotation marks must be one of {', '.join(QUOTATION_MARKS)}, "
                f"not {self.quotation_marks!r}"
            )
        if self.punctuation not in PUNCTUATION:
            raise InvalidValue(
                f"punctuation must be one of {', '.join(PUNCTUATION)}, not {self.punctuation!r}"
            )

    def to_json(self) -> str:
        return json.dumps(
            {"quotation_marks": self.quotation_marks, "punctuation": self.punctuation},
            sort_keys=True,
        )


DEFAULT_RULE = SpanRule()


@dataclass(frozen=True)
class RuleChange:
    """What :func:`set_span_rule` changed; ``set_span_rule(store, before)`` undoes it."""

    before: SpanRule
    after: SpanRule


def span_rule(store: Store) -> SpanRule:
    """The project's span rule (the default where none is set or it cannot be read)."""
    row = store.conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    if row is None:
        return DEFAULT_RULE
    try:
        value = json.loads(row[0])
        return SpanRule(
            str(value.get("quotation_marks", "as_selected")),
            str(value.get("punctuation", "as_selected")),
        )
    except (ValueError, AttributeError, InvalidValue) as error:
        log.warning("unreadable span rule %r, using the default (%s)", row[0], error)
        return DEFAULT_RULE


def set_span_rule(store: Store, rule: SpanRule) -> RuleChange:
    """Set the project's span rule, in one transaction. Stored spans are not rewritten."""
    before = span_rule(store)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (META_KEY, rule.to_json()),
        )
    return RuleChange(before, rule)
