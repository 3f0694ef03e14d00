"""Custom attributes pressfacts sets on spaCy objects, registered once.

Components communicate through these attributes and three span groups
(`SPAN_GROUPS`), the way spaCy extensions share state, instead of passing
values around by hand.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

ENTITIES = "pf_entities"
COUNTS = "pf_counts"
DATES = "pf_dates"
OPAQUE = "pf_opaque"  # names that are not annotated, and nothing inside them
SPAN_GROUPS = (ENTITIES, COUNTS, DATES)

_DOC_ATTRS = {
    "doc_id": None,
    "document_date": None,  # datetime.date
    "document_date_source": None,  # "metadata" | "cli" | "dateline"
    "dateline": None,  # dict(place, date_text, start, end)
    "byline": None,
    "pf_warnings": None,  # list[str], created on first use
    "organisations": None,  # list[dict]
    "people": None,  # list[dict]
}
_SPAN_ATTRS = {
    "timex": None,  # pipeline.dates.Timex
    "quantity": None,  # pipeline.numbers.Quantity
    "money": None,  # pipeline.numbers.Money
    "item": None,  # Span of the counted noun phrase
    "canonical": None,
    "group_id": None,
}


def register() -> None:
    """Register every attribute; safe to call more than once."""
    for name, default in _DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN_ATTRS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


def warn(doc: Doc, message: str) -> None:
    """Attach a warning to the document; it ends up in the record's `warnings`."""
    if doc._.pf_warnings is None:
        doc._.pf_warnings = []
    if message not in doc._.pf_warnings:
        doc._.pf_warnings.append(message)


register()
