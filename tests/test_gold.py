"""The gold corpus: valid, pinned to its articles, split cleanly, big enough."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from pydantic import ValidationError

from pipeline.evaluation import article_for, check_gold_spans, load_gold
from pipeline.models import GoldDocument
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def golds() -> list[GoldDocument]:
    return load_gold(CORPUS / "gold")


def test_every_gold_file_validates_and_matches_its_article(golds: list[GoldDocument]) -> None:
    for gold in golds:
        check_gold_spans(gold, article_for(gold, CORPUS / "articles").text)


def test_splits_cover_every_gold_file_once(golds: list[GoldDocument]) -> None:
    splits = json.loads((CORPUS / "splits.json").read_text())
    dev, test = set(splits["dev"]), set(splits["test"])
    assert not dev & test
    assert dev | test == {g.doc_id for g in golds}
    # the test split is frozen once scored; later batches of articles go to dev
    assert len(test) >= 20 and len(dev) >= len(test)


def test_corpus_is_big_enough(golds: list[GoldDocument]) -> None:
    counts: Counter[str] = Counter()
    for g in golds:
        counts.update(e.label for e in g.entities)
        counts["COUNT"] += len(g.counts)
        counts["DATE"] += len(g.dates)
    assert len(golds) >= 40
    assert sum(counts.values()) >= 1500
    assert min(counts["ORG"], counts["COUNT"], counts["DATE"]) >= 300


def _doc(**spans: object) -> dict:
    return {"doc_id": "d", "text_sha256": "0" * 64, "document_date": None, **spans}


def test_overlapping_gold_spans_are_rejected() -> None:
    with pytest.raises(ValidationError, match="overlapping"):
        GoldDocument.model_validate(_doc(
            entities=[{"label": "ORG", "start": 0, "end": 5, "text": "Acme "}],
            dates=[{"start": 3, "end": 7, "text": "me 2", "timex_type": "DATE", "value": "2"}]))


def test_nested_gold_spans_are_rejected() -> None:
    with pytest.raises(ValidationError, match="overlapping"):
        GoldDocument.model_validate(_doc(entities=[
            {"label": "ORG", "start": 0, "end": 10, "text": "Acme Corp."},
            {"label": "ORG", "start": 0, "end": 4, "text": "Acme"}]))


def test_span_length_must_match_its_text() -> None:
    with pytest.raises(ValidationError, match="len"):
        GoldDocument.model_validate(_doc(
            entities=[{"label": "ORG", "start": 0, "end": 3, "text": "Acme"}]))


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError):
        GoldDocument.model_validate(_doc(surprise=1))
