"""The reference article (jiangxi-talent) comes out exactly as its gold says."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CORPUS

DOC_ID = "jiangxi-talent"


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads((CORPUS / "gold" / f"{DOC_ID}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def record(corpus_records: dict):
    return corpus_records[DOC_ID]


def test_reference_dates_match_gold(record, gold: dict) -> None:
    got = [(d.start, d.end, d.text, d.timex_type, d.value) for d in record.dates]
    want = [(d["start"], d["end"], d["text"], d["timex_type"], d["value"]) for d in gold["dates"]]
    assert got == want


def test_reference_counts_match_gold(record, gold: dict) -> None:
    got = [(c.start, c.end, c.text, c.value, c.value_max, c.qualifier, c.item)
           for c in record.counts]
    want = [(c["start"], c["end"], c["text"], c["value"], c["value_max"], c["qualifier"],
             c["item"]) for c in gold["counts"]]
    assert got == want


def test_reference_organisations_match_gold(record, gold: dict) -> None:
    got = [(e.start, e.end, e.text) for e in record.entities if e.label == "ORG"]
    want = [(e["start"], e["end"], e["text"]) for e in gold["entities"] if e["label"] == "ORG"]
    assert got == want


def test_reference_organisations_group_into_five(record) -> None:
    canon = sorted(o.canonical for o in record.organisations)
    assert canon == sorted([
        "Jiangxi Provincial Party Committee", "Veteran Cadre Bureau",
        "Jiangxi Connecting High-level Talent Liaison Station", "Jinggangshan Cadre College",
        "Jiangxi Chamber of Commerce"])
    committee = next(o for o in record.organisations if o.canonical.startswith("Jiangxi Prov"))
    assert committee.aliases == ["Provincial Party Committee"]


def test_reference_people_group_xiao_hongbo(record) -> None:
    xiao = next(p for p in record.people if p.canonical == "Xiao Hongbo")
    assert len(xiao.mention_ids) == 4


def test_reference_document_date_and_dateline(record) -> None:
    assert str(record.document_date) == "2021-08-12"
    assert record.dateline.place == "Nanchang" and record.dateline.date_text == "August 12"
    assert record.byline == "Li Yunhan"
