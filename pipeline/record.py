"""Turning a processed spaCy `Doc` into a validated `ArticleRecord`.

The components leave their results on span groups and extension attributes;
this module is the one place that reads them into the pydantic models.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

from pipeline import __version__, extensions
from pipeline.models import (
    ArticleRecord,
    Count,
    Dateline,
    DateMention,
    Entity,
    Organisation,
    Person,
    PipelineInfo,
    Sentence,
    Source,
)
from pipeline.readers import Article
from pipeline.spans import sentence_starts


def pipeline_info(model_name: str, model_version: str) -> PipelineInfo:
    """Which code and model made a record."""
    return PipelineInfo(version=__version__, model=model_name, model_version=model_version)


def _group(doc: Doc, key: str) -> list[Span]:
    return list(doc.spans[key]) if key in doc.spans else []


def build_record(doc: Doc, article: Article, info: PipelineInfo) -> ArticleRecord:
    """Read the components' results off the doc; pydantic validates the whole record."""
    starts = sentence_starts(doc)

    def sentence_of(span: Span) -> int:
        return max(0, bisect.bisect_right(starts, span.start) - 1)

    sentences = [Sentence(start=s.start_char, end=s.end_char) for s in doc.sents] \
        if doc.has_annotation("SENT_START") else [Sentence(start=0, end=len(doc.text))]
    entities: list[Entity] = []
    mention_ids: dict[tuple[int, int], str] = {}
    for n, span in enumerate(_group(doc, extensions.ENTITIES), start=1):
        label = span.label_
        fields: dict = {}
        if label == "MONEY" and span._.money is not None:
            m = span._.money
            fields = {"value": m.amount, "value_max": m.amount_max, "unit": m.currency,
                      "qualifier": m.qualifier}
        elif label == "PERCENT" and span._.quantity is not None:
            q = span._.quantity
            fields = {"value": q.value, "value_max": q.value_max, "unit": "%",
                      "qualifier": q.qualifier}
        elif label == "ORG":
            fields = {"canonical": span._.canonical, "org_id": span._.group_id}
        elif label == "PERSON":
            fields = {"canonical": span._.canonical, "person_id": span._.group_id}
        eid = f"e{n}"
        mention_ids[(span.start, span.end)] = eid
        entities.append(Entity(id=eid, label=label, start=span.start_char, end=span.end_char,
                               text=span.text, sentence=sentence_of(span), **fields))
    counts = []
    for n, span in enumerate(_group(doc, extensions.COUNTS), start=1):
        q = span._.quantity
        item = span._.item
        counts.append(Count(
            id=f"c{n}", start=span.start_char, end=span.end_char, text=span.text,
            value=q.value, value_max=q.value_max, qualifier=q.qualifier,
            item=item.text if item is not None else None,
            item_start=item.start_char if item is not None else None,
            item_end=item.end_char if item is not None else None,
            sentence=sentence_of(span)))
    dates = [DateMention(id=f"d{n}", start=s.start_char, end=s.end_char, text=s.text,
                         timex_type=s._.timex.timex_type, value=s._.timex.value,
                         sentence=sentence_of(s))
             for n, s in enumerate(_group(doc, extensions.DATES), start=1)]
    organisations = [Organisation(org_id=g["id"], canonical=g["canonical"], aliases=g["aliases"],
                                  acronym=g["acronym"],
                                  mention_ids=[mention_ids[m] for m in g["mention_spans"]])
                     for g in doc._.organisations or []]
    people = [Person(person_id=g["id"], canonical=g["canonical"], aliases=g["aliases"],
                     mention_ids=[mention_ids[m] for m in g["mention_spans"]])
              for g in doc._.people or []]
    return ArticleRecord(
        doc_id=article.doc_id,
        source=Source(path=article.path, sha256=article.sha256, chars=len(article.text)),
        title=article.title,
        url=article.url,
        document_date=doc._.document_date,
        document_date_source=doc._.document_date_source,
        dateline=Dateline(**doc._.dateline) if doc._.dateline else None,
        byline=doc._.byline,
        text=doc.text,
        sentences=sentences,
        entities=entities,
        counts=counts,
        dates=dates,
        organisations=organisations,
        people=people,
        warnings=[*article.warnings, *(doc._.pf_warnings or [])],
        pipeline=info,
    )
