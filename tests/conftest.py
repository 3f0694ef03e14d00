"""Shared fixtures: one loaded pipeline for the whole session (loading takes a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extractor import Extractor

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def corpus_records(extractor: Extractor) -> dict:
    """Every corpus article extracted once, by doc id."""
    from pipeline.readers import Article, read_articles

    articles = [a for a in read_articles([CORPUS / "articles"]) if isinstance(a, Article)]
    return {r.doc_id: r for r in extractor.extract_many(articles)}
