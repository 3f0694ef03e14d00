"""The scorer on small hand-made cases (corpus/ANNOTATION.md "Scoring")."""

from __future__ import annotations

import pytest

from pipeline.scoring import Mention, pair_lenient, prf, score_document, summarise


def m(label: str, start: int, end: int, value: object = None, **kw: object) -> Mention:
    return Mention(label, start, end, "x" * (end - start), value, **kw)  # type: ignore[arg-type]


def test_exact_match_is_strict_and_lenient() -> None:
    tallies, errors = score_document("d", [m("ORG", 0, 5)], [m("ORG", 0, 5)])
    t = tallies["ORG"]
    assert (t.strict, t.lenient, t.pred, t.gold) == (1, 1, 1, 1)
    assert not errors.missed and not errors.spurious and not errors.misbounded


def test_partial_overlap_is_lenient_only_and_misbounded() -> None:
    tallies, errors = score_document("d", [m("ORG", 0, 8)], [m("ORG", 4, 10)])
    assert (tallies["ORG"].strict, tallies["ORG"].lenient) == (0, 1)
    assert len(errors.misbounded) == 1


def test_labels_must_agree() -> None:
    tallies, errors = score_document("d", [m("GPE", 0, 5)], [m("ORG", 0, 5)])
    assert tallies["ORG"].lenient == 0 and tallies["GPE"].lenient == 0
    assert len(errors.missed) == 1 and len(errors.spurious) == 1


def test_lenient_pairing_is_one_to_one_largest_overlap_first() -> None:
    pred = [m("DATE", 0, 10)]
    gold = [m("DATE", 0, 3), m("DATE", 4, 10)]
    assert pair_lenient(pred, gold) == [(0, 1)]
    tallies, errors = score_document("d", pred, gold)
    assert tallies["DATE"].lenient == 1 and len(errors.missed) == 1


def test_value_mismatch_counts_against_value_f1_only() -> None:
    pred = [m("COUNT", 0, 3, 12, qualifier="exact", item="talents"),
            m("COUNT", 5, 8, 30, qualifier="exact", item="x")]
    gold = [m("COUNT", 0, 3, 12, qualifier="approximate", item="Talents "),
            m("COUNT", 5, 8, 300, qualifier="exact", item="y")]
    tallies, errors = score_document("d", pred, gold)
    t = tallies["COUNT"]
    assert (t.lenient, t.value, t.qualifier, t.item) == (2, 1, 1, 1)
    assert len(errors.wrong_value) == 1
    row = summarise(tallies)["labels"]["COUNT"]
    assert row["value_f1"] == pytest.approx(0.5)
    assert row["lenient"]["f1"] == 1.0


def test_count_value_max_must_match_too() -> None:
    pred = [m("COUNT", 0, 7, 200, value_max=None, qualifier="range")]
    gold = [m("COUNT", 0, 7, 200, value_max=300, qualifier="range")]
    tallies, _ = score_document("d", pred, gold)
    assert tallies["COUNT"].value == 0


def test_empty_predictions_give_zero_recall_and_no_crash() -> None:
    tallies, errors = score_document("d", [], [m("ORG", 0, 5)])
    row = summarise(tallies)["labels"]["ORG"]
    assert row["strict"] == {"p": 0.0, "r": 0.0, "f1": 0.0}
    assert len(errors.missed) == 1


def test_nothing_to_find_and_nothing_found_is_perfect() -> None:
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)


def test_micro_core_sums_org_count_date_only() -> None:
    pred = [m("ORG", 0, 5), m("PERSON", 10, 15), m("DATE", 20, 25, "2020")]
    gold = [m("ORG", 0, 5), m("DATE", 20, 25, "2020"), m("COUNT", 30, 32, 3)]
    micro = summarise(score_document("d", pred, gold)[0])["micro_core"]
    assert micro["strict"]["p"] == 1.0 and micro["strict"]["r"] == pytest.approx(2 / 3)
