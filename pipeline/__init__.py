"""pressfacts: facts (organisations, counts, dates) from news articles and press releases.

    >>> import pipeline
    >>> record = pipeline.extract("BEIJING, Jan. 5 (Xinhua) -- ...", document_date="2024-01-05")

`load()` gives the spaCy `Language` with the pressfacts components; `extract()`
and `extract_many()` give validated `ArticleRecord`s. Heavy imports happen on
first use, so `pressfacts --help` stays fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from spacy.language import Language

    from pipeline.extractor import Extractor
    from pipeline.models import ArticleRecord
    from pipeline.readers import Article, ArticleError


def load(model: str | None = None, **config: object) -> Language:
    """The spaCy pipeline (default model en_core_web_sm 3.8.0) with pressfacts components."""
    from pipeline.language import load as _load

    return _load(model, **config)  # type: ignore[arg-type]


@cache
def _extractor(model: str | None) -> Extractor:
    from pipeline.extractor import Extractor

    return Extractor(model)


def extract(text: str, document_date: dt.date | str | None = None, doc_id: str | None = None,
            *, model: str | None = None) -> ArticleRecord:
    """Extract one text into an `ArticleRecord`."""
    return _extractor(model).extract(text, document_date=document_date, doc_id=doc_id)


def extract_many(items: Iterable[Article | dict], *, model: str | None = None
                 ) -> Iterator[ArticleRecord | ArticleError]:
    """Stream records for `Article`s or dicts with `doc_id`, `text`, `document_date`."""
    from pipeline.readers import Article, parse_date

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Article):
                yield item
            else:
                date = parse_date(item.get("document_date"), "document_date")
                yield Article(doc_id=item["doc_id"], text=item["text"], document_date=date,
                              document_date_source="metadata" if date else None,
                              title=item.get("title"), url=item.get("url"))

    return _extractor(model).extract_many(articles())
