"""`pressfacts show`: one record in the terminal, for a quick look without a browser.

The text comes first with every span coloured by label, then the same tables as the
review page. Article text goes into rich `Text` objects, never through console markup,
so square brackets in an article are printed, not interpreted.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from pipeline.models import ArticleRecord
from pipeline.review import (
    ReviewError,
    organisation_rows,
    read_records_file,
    sentence_text,
    value_text,
)
from pipeline.scoring import mentions

STYLES: dict[str, str] = {
    "ORG": "bold black on cyan", "COUNT": "bold black on yellow", "DATE": "black on green",
    "PERSON": "black on magenta", "GPE": "black on dark_orange", "MONEY": "black on bright_green",
    "PERCENT": "black on pink1",
}
"""One background per label, close to the review site's colours."""


def find_record(records_path: Path, doc_id: str) -> ArticleRecord:
    """The record with this doc id, or a ReviewError naming a few that exist."""
    records = read_records_file(records_path)
    for record in records:
        if record.doc_id == doc_id:
            return record
    known = ", ".join(r.doc_id for r in records[:5]) + (" …" if len(records) > 5 else "")
    raise ReviewError(f"no record with doc id {doc_id!r} in {records_path}"
                      + (f" (it has {known})" if records else " (it is empty)"))


def coloured_text(record: ArticleRecord) -> Text:
    """The article text with each extracted span styled by its label."""
    text = Text(record.text)
    for m in mentions(record):
        text.stylize(STYLES.get(m.label, "reverse"), m.start, m.end)
    return text


def _legend() -> Text:
    legend = Text()
    for label, style in STYLES.items():
        legend.append(f" {label} ", style=style)
        legend.append(" ")
    return legend


def tables(record: ArticleRecord) -> list[Table]:
    """Organisations (grouped), counts and dates, as on the review page."""
    orgs = Table(title="Organisations", title_justify="left")
    for name in ("canonical", "acronym", "aliases", "mentions", "as written"):
        orgs.add_column(name, justify="right" if name == "mentions" else "left")
    for row in organisation_rows(record):
        orgs.add_row(*(Text(str(c)) for c in row))

    counts = Table(title="Counts", title_justify="left")
    for name in ("text", "value", "qualifier", "item", "sentence"):
        counts.add_column(name, justify="right" if name == "value" else "left",
                          ratio=3 if name == "sentence" else None)
    for c in record.counts:
        counts.add_row(Text(c.text), value_text(c.value, c.value_max), c.qualifier,
                       Text(c.item or "—"), Text(sentence_text(record, c.sentence, 120)))

    dates = Table(title="Dates", title_justify="left")
    for name in ("text", "type", "value", "sentence"):
        dates.add_column(name, ratio=3 if name == "sentence" else None)
    for d in record.dates:
        dates.add_row(Text(d.text), d.timex_type, Text(d.value),
                      Text(sentence_text(record, d.sentence, 120)))
    return [orgs, counts, dates]


def render(record: ArticleRecord) -> RenderableType:
    """Everything `pressfacts show` prints for one record."""
    head = Text(record.title or record.doc_id, style="bold")
    head.append(f"\n{record.doc_id} · document date {record.document_date or '—'}",
                style="dim")
    parts: list[RenderableType] = [head, _legend(), Text(), coloured_text(record)]
    for warning in record.warnings:
        parts.append(Text(f"warning: {warning}", style="yellow"))
    parts += tables(record)
    return Group(*parts)


def show(records_path: Path, doc_id: str, console: Console) -> None:
    """Print one record's text and tables."""
    console.print(render(find_record(records_path, doc_id)))
