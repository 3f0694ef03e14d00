"""Scoring predicted spans against gold, exactly as corpus/ANNOTATION.md "Scoring" says.

Strict: same label and identical offsets. Lenient: same label and overlapping
offsets, paired one to one, largest overlap first. Value F1 counts a lenient
match only when its value (and `value_max` for COUNT) equals gold's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pipeline.models import CORE_LABELS, SECONDARY_LABELS

LABELS = (*CORE_LABELS, *SECONDARY_LABELS)
VALUED = ("COUNT", "DATE")


@dataclass(frozen=True)
class Mention:
    """A span reduced to what scoring compares."""

    label: str
    start: int
    end: int
    text: str
    value: object = None
    value_max: object = None
    qualifier: str | None = None
    item: str | None = None
    timex_type: str | None = None


def mentions(doc: object) -> list[Mention]:
    """All scored spans of a gold document or an extracted record."""
    out = [Mention(e.label, e.start, e.end, e.text) for e in doc.entities]  # type: ignore[attr-defined]
    out += [Mention("COUNT", c.start, c.end, c.text, c.value, c.value_max, c.qualifier, c.item)
            for c in doc.counts]  # type: ignore[attr-defined]
    out += [Mention("DATE", d.start, d.end, d.text, d.value, timex_type=d.timex_type)
            for d in doc.dates]  # type: ignore[attr-defined]
    return out


def _overlap(a: Mention, b: Mention) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def pair_lenient(pred: Sequence[Mention], gold: Sequence[Mention]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs of one label, largest overlap first."""
    candidates = sorted(
        ((_overlap(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
         if _overlap(p, g) > 0),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _norm_item(item: str | None) -> str | None:
    return None if item is None else " ".join(item.lower().split())


def same_value(p: Mention, g: Mention) -> bool:
    """Values equal (numbers compare numerically, so 12000 == 12000.0)."""
    if p.label == "COUNT":
        return p.value == g.value and p.value_max == g.value_max
    return p.value == g.value


@dataclass
class Tally:
    """Counts for one label, summed over documents."""

    gold: int = 0
    pred: int = 0
    strict: int = 0
    lenient: int = 0
    value: int = 0
    qualifier: int = 0
    item: int = 0
    timex_type: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class DocumentErrors:
    """What one document got wrong, for `pressfacts evaluate --errors`."""

    doc_id: str
    missed: list[Mention] = field(default_factory=list)
    spurious: list[Mention] = field(default_factory=list)
    misbounded: list[tuple[Mention, Mention]] = field(default_factory=list)  # (pred, gold)
    wrong_value: list[tuple[Mention, Mention]] = field(default_factory=list)


def score_document(doc_id: str, pred: Iterable[Mention], gold: Iterable[Mention]
                   ) -> tuple[dict[str, Tally], DocumentErrors]:
    """Per-label tallies and the error list for one document."""
    tallies: dict[str, Tally] = {}
    errors = DocumentErrors(doc_id)
    pred, gold = list(pred), list(gold)
    for label in LABELS:
        p = [m for m in pred if m.label == label]
        g = [m for m in gold if m.label == label]
        t = Tally(gold=len(g), pred=len(p))
        t.strict = len({(m.start, m.end) for m in p} & {(m.start, m.end) for m in g})
        pairs = pair_lenient(p, g)
        t.lenient = len(pairs)
        for i, j in pairs:
            pm, gm = p[i], g[j]
            if (pm.start, pm.end) != (gm.start, gm.end):
                errors.misbounded.append((pm, gm))
            if label in VALUED:
                if same_value(pm, gm):
                    t.value += 1
                else:
                    errors.wrong_value.append((pm, gm))
            if label == "COUNT":
                t.qualifier += pm.qualifier == gm.qualifier
                t.item += _norm_item(pm.item) == _norm_item(gm.item)
            if label == "DATE":
                t.timex_type += pm.timex_type == gm.timex_type
        paired_p = {i for i, _ in pairs}
        paired_g = {j for _, j in pairs}
        errors.spurious += [m for i, m in enumerate(p) if i not in paired_p]
        errors.missed += [m for j, m in enumerate(g) if j not in paired_g]
        tallies[label] = t
    return tallies, errors


def prf(correct: int, pred: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; an empty side scores 0 unless both are empty (then 1)."""
    if pred == 0 and gold == 0:
        return 1.0, 1.0, 1.0
    p = correct / pred if pred else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def summarise(tallies: dict[str, Tally]) -> dict:
    """The numbers of the Scoring section, per label and micro over the core labels."""
    out: dict = {"labels": {}, "micro_core": {}}
    for label, t in tallies.items():
        row: dict = {"gold": t.gold, "pred": t.pred}
        for kind in ("strict", "lenient"):
            p, r, f = prf(getattr(t, kind), t.pred, t.gold)
            row[kind] = {"p": p, "r": r, "f1": f}
        if label in VALUED:
            row["value_f1"] = prf(t.value, t.pred, t.gold)[2]
        if label == "COUNT":
            row["qualifier_acc"] = t.qualifier / t.lenient if t.lenient else None
            row["item_acc"] = t.item / t.lenient if t.lenient else None
        if label == "DATE":
            row["timex_type_acc"] = t.timex_type / t.lenient if t.lenient else None
        out["labels"][label] = row
    core = Tally()
    for label in CORE_LABELS:
        if label in tallies:
            core.add(tallies[label])
    for kind in ("strict", "lenient"):
        p, r, f = prf(getattr(core, kind), core.pred, core.gold)
        out["micro_core"][kind] = {"p": p, "r": r, "f1": f}
    return out
