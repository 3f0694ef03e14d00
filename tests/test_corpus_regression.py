"""Regression: every corpus article's whole record, pinned; and the dev-split quality gate.

A changed extraction shows up as a readable YAML diff. When a change is
intended, regenerate with `pytest tests/test_corpus_regression.py --force-regen`
and `make thresholds`, and review the diff before committing.
"""

from __future__ import annotations

import json

import pytest

from pipeline.evaluation import evaluate_pairs, load_gold
from pipeline.scoring import mentions, summarise
from tests.conftest import CORPUS, ROOT

DOC_IDS = sorted(p.stem for p in (CORPUS / "gold").glob("*.json"))
ALLOWED_DROP = 0.005  # half an F1 point


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_corpus_record_is_unchanged(corpus_records: dict, doc_id: str, data_regression) -> None:
    record = json.loads(corpus_records[doc_id].model_dump_json(exclude={"text", "source"}))
    record["pipeline"].pop("version")
    data_regression.check(record, basename=doc_id)


def test_dev_split_scores_do_not_drop(corpus_records: dict) -> None:
    thresholds = json.loads((ROOT / "tests" / "thresholds.json").read_text())
    golds = load_gold(CORPUS / "gold", thresholds["split"])
    evaluation = evaluate_pairs((g.doc_id, mentions(corpus_records[g.doc_id]), mentions(g))
                                for g in golds)
    summary = summarise(evaluation.tallies)
    drops = []
    for label, measures in thresholds["labels"].items():
        for measure, bound in measures.items():
            row = summary["labels"][label]
            score = row["value_f1"] if measure == "value" else row[measure]["f1"]
            if score < bound - ALLOWED_DROP:
                drops.append(f"{label} {measure} F1 {score:.4f} < {bound:.4f}")
    assert not drops, f"{thresholds['split']}-split quality dropped: " + "; ".join(drops)
