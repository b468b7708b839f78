"""The quote_rows view speaks the export glossary: quote id, document id, spans, end."""

import json

from annotator.core import quotes


def test_quote_rows_has_the_ids_end_and_spans(store, doc):
    (quote,) = quotes.add_quote(store, doc, [(40, 50), (10, 20)]).after
    row = store.conn.execute(
        'SELECT quote_id, document_id, collection, start, "end", spans FROM quote_rows'
    ).fetchone()
    external_id = store.document(doc).external_id
    assert row[:5] == (store.quote(quote.id).uid, external_id, "", 10, 50)
    assert json.loads(row[5]) == [[10, 20], [40, 50]]
