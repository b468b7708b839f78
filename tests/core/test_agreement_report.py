"""Agreement reports as plain-text lines."""

from __future__ import annotations

from annotator.core.agreement import Coding, agreement
from annotator.core.agreement_report import summary
from annotator.core.model import Quote, Span

TEXT = "Ann said we will win. Bob said it is over."


def quote(quote_id: int, stance: int) -> Quote:
    start = TEXT.index("we will win")
    return Quote(
        id=quote_id,
        document_id=1,
        spans=(Span(start, start + len("we will win")),),
        stance_id=stance,
        quote_type_id=20,
        uid=f"u{quote_id}",
    )


def test_one_labelled_match_is_counted_in_the_singular():
    report = agreement([Coding(1, TEXT, {"a": [quote(1, 10)], "b": [quote(2, 11)]})])
    stance_line = next(line for line in summary(report) if line.startswith("Stance"))
    assert "(1 quote);" in stance_line and stance_line.endswith("(1 quote)")
