"""Extraction API: articles in, validated `ArticleRecord`s out, streaming.

`Extractor` owns one loaded pipeline. Articles go through `nlp.pipe` in
batches as `Doc`s that already carry their metadata, so the components see
the document date; an article whose processing fails is reported, not fatal.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import deque
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.language import load, model_info
from pipeline.models import ArticleRecord
from pipeline.readers import Article, ArticleError
from pipeline.record import build_record, pipeline_info

DEFAULT_BATCH_SIZE = 32
ZONE_SIZE = 256  # articles per memory zone


def chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of at most `size` articles, read lazily."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class Extractor:
    """A loaded pipeline and the record builder, reused across articles."""

    def __init__(self, model: str | None = None, *, day_first: bool = False,
                 fiscal_year_start: int = 1, batch_size: int = DEFAULT_BATCH_SIZE,
                 nlp: Language | None = None) -> None:
        self.nlp = nlp or load(model, day_first=day_first, fiscal_year_start=fiscal_year_start)
        self.info = pipeline_info(*model_info(self.nlp))
        self.batch_size = batch_size
        self._failures: dict[str, str] = {}
        self.nlp.default_error_handler = self._on_error  # our components: skip, report

    def _on_error(self, name: str, proc: object, docs: list[Doc], err: Exception) -> None:
        for doc in docs:
            self._failures[doc._.doc_id] = f"pipeline component {name!r} failed: {err!r}"

    def make_doc(self, article: Article) -> Doc:
        """A tokenised doc carrying the article's id and metadata date."""
        doc = self.nlp.make_doc(article.text)
        doc._.doc_id = article.doc_id
        doc._.document_date = article.document_date
        doc._.document_date_source = article.document_date_source
        return doc

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleRecord | ArticleError]:
        """Records in input order; memory stays flat however many articles stream through.

        Each chunk of articles runs inside `nlp.memory_zone()`, so the strings and
        lexemes their words add to the vocabulary are freed again afterwards.
        """
        for chunk in chunked(articles, ZONE_SIZE):
            with self.nlp.memory_zone():
                yield from self._extract_chunk(chunk)

    def _extract_chunk(self, articles: list[Article]) -> Iterator[ArticleRecord | ArticleError]:
        pending: deque[Article] = deque()

        def docs() -> Iterator[Doc]:
            for article in articles:
                pending.append(article)
                yield self.make_doc(article)

        for doc in self.nlp.pipe(docs(), batch_size=self.batch_size):
            while pending and pending[0].doc_id != doc._.doc_id:
                yield self._failed(pending.popleft())
            article = pending.popleft()
            try:
                yield build_record(doc, article, self.info)
            except (ValueError, TypeError) as err:  # a record that does not validate
                yield ArticleError(article.doc_id, article.path or article.doc_id,
                                   f"record failed validation: {err}")
        while pending:
            yield self._failed(pending.popleft())

    def _failed(self, article: Article) -> ArticleError:
        reason = self._failures.pop(article.doc_id, "processing failed")
        return ArticleError(article.doc_id, article.path or article.doc_id, reason)

    def extract(self, text: str, document_date: dt.date | str | None = None,
                doc_id: str | None = None) -> ArticleRecord:
        """One text to one record; raises ValueError if it cannot be extracted."""
        if isinstance(document_date, str):
            document_date = dt.date.fromisoformat(document_date)
        article = Article(doc_id=doc_id or "text", text=text.removeprefix("\ufeff"),
                          document_date=document_date,
                          document_date_source="cli" if document_date else None)
        result = next(self.extract_many([article]))
        if isinstance(result, ArticleError):
            raise ValueError(result.error)
        return result
