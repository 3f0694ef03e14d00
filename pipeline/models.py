"""Pydantic models: the single source of truth for every record pressfacts reads or writes.

Gold files and extracted records share their span models, so a gold span and a
predicted span can never drift apart in shape. The JSON Schemas in `schemas/`
are generated from these classes (`pressfacts schema`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.0"

EntityLabel = Literal["ORG", "PERSON", "GPE", "MONEY", "PERCENT"]
Qualifier = Literal["exact", "approximate", "lower_bound", "upper_bound", "range"]
TimexType = Literal["DATE", "DURATION", "SET", "TIME"]
DateSource = Literal["metadata", "cli", "dateline"]
Number = int | float

CORE_LABELS: tuple[str, ...] = ("ORG", "COUNT", "DATE")
SECONDARY_LABELS: tuple[str, ...] = ("PERSON", "GPE", "MONEY", "PERCENT")


class _Model(BaseModel):
    """Strict about unknown fields so a typo in a gold file is an error, not a silent drop."""

    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A stretch of the article text: `text[start:end] == span.text`."""

    start: int = Field(ge=0, description="Start offset, in code points, into the decoded text.")
    end: int = Field(ge=0, description="End offset (exclusive).")
    text: str = Field(min_length=1)

    @model_validator(mode="after")
    def _end_after_start(self) -> Span:
        if self.end - self.start != len(self.text):
            raise ValueError(f"span {self.text!r}: end - start != len(text)")
        return self


class GoldEntity(Span):
    """An ORG, PERSON, GPE, MONEY or PERCENT mention as the guidelines bound it."""

    label: EntityLabel


class GoldCount(Span):
    """A cardinal that counts discrete things, with its qualifier words inside the span."""

    value: Number
    value_max: Number | None = None
    qualifier: Qualifier
    item: str | None = Field(description="The counted noun phrase, or null.")


class GoldDate(Span):
    """A TIMEX3 temporal expression with its type and normalised value."""

    timex_type: TimexType
    value: str = Field(description="TIMEX3 value resolved against the document date.")


def _check_no_overlap(spans: list[Span]) -> None:
    """Spans never overlap or nest (guidelines, 'Span boundaries')."""
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    for before, after in itertools.pairwise(ordered):
        if after.start < before.end:
            raise ValueError(f"overlapping spans: {before.text!r}@{before.start} and "
                             f"{after.text!r}@{after.start}")


class GoldDocument(_Model):
    """One hand-annotated article: `corpus/gold/<doc_id>.json`."""

    doc_id: str
    text_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    document_date: dt.date | None
    entities: list[GoldEntity] = []
    counts: list[GoldCount] = []
    dates: list[GoldDate] = []

    @model_validator(mode="after")
    def _spans_disjoint(self) -> GoldDocument:
        _check_no_overlap([*self.entities, *self.counts, *self.dates])
        return self


class Entity(GoldEntity):
    """An extracted entity mention."""

    id: str
    sentence: int = Field(ge=0, description="Index into the record's `sentences`.")
    canonical: str | None = Field(None, description="Full name of the group (ORG, PERSON).")
    org_id: str | None = Field(None, description="ORG: the organisation this mention belongs to.")
    person_id: str | None = Field(None, description="PERSON: the person this mention belongs to.")
    value: Number | None = Field(None, description="MONEY amount or PERCENT number.")
    value_max: Number | None = None
    unit: str | None = Field(None, description="MONEY: ISO 4217 code; PERCENT: '%'.")
    qualifier: Qualifier | None = None


class Count(GoldCount):
    """An extracted count."""

    id: str
    sentence: int = Field(ge=0)
    item_start: int | None = None
    item_end: int | None = None


class DateMention(GoldDate):
    """An extracted temporal expression."""

    id: str
    sentence: int = Field(ge=0)


class Organisation(_Model):
    """One organisation: every mention of it in the article, under its full name."""

    org_id: str
    canonical: str
    aliases: list[str] = []
    acronym: str | None = None
    mention_ids: list[str]


class Person(_Model):
    """One person: `Xiao Hongbo` and a later `Xiao`."""

    person_id: str
    canonical: str
    aliases: list[str] = []
    mention_ids: list[str]


class Source(_Model):
    """Where the article came from; `sha256` is of the decoded text, UTF-8 encoded."""

    path: str | None
    sha256: str
    chars: int


class Dateline(_Model):
    """The wire/release dateline at the head of an article."""

    place: str | None
    date_text: str | None
    start: int
    end: int


class Sentence(_Model):
    """A sentence's offsets; spans point at it by index."""

    start: int
    end: int


class PipelineInfo(_Model):
    """Which code and which model produced a record, for reproducibility."""

    version: str
    model: str
    model_version: str


class ArticleRecord(_Model):
    """Everything pressfacts extracted from one article."""

    schema_version: str = SCHEMA_VERSION
    doc_id: str
    source: Source
    title: str | None = None
    url: str | None = None
    document_date: dt.date | None
    document_date_source: DateSource | None
    dateline: Dateline | None = None
    byline: str | None = None
    text: str
    sentences: list[Sentence]
    entities: list[Entity]
    counts: list[Count]
    dates: list[DateMention]
    organisations: list[Organisation]
    people: list[Person]
    warnings: list[str]
    pipeline: PipelineInfo


class ErrorRecord(_Model):
    """One article that could not be extracted, and why."""

    doc_id: str | None
    path: str
    error: str


class RunSummary(_Model):
    """`outputs/run.json`: what one `pressfacts extract` run did."""

    articles_read: int
    extracted: int
    failed: int
    wall_seconds: float
    workers: int
    started_at: dt.datetime
    pipeline: PipelineInfo
    versions: dict[str, str]


PUBLIC_MODELS: dict[str, type[BaseModel]] = {
    "article-record": ArticleRecord,
    "gold-document": GoldDocument,
    "error-record": ErrorRecord,
    "run-summary": RunSummary,
}
