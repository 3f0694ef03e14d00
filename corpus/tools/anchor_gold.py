"""Turn a hand-written span list into a gold file with computed offsets.

Annotators list spans as text in document order; this tool finds each one
after the previous span, so offsets are never typed by hand. Usage:

    python corpus/tools/anchor_gold.py corpus/annotations/<doc_id>.ann.json [...]

An annotation source file looks like:

    {"doc_id": "acme-q3", "document_date": "2024-10-24",
     "spans": [
       ["GPE", "NEW YORK"],
       ["DATE", "Oct. 24, 2024", "DATE", "2024-10-24"],
       ["ORG", "Acme Corp."],
       ["COUNT", "nearly 12,000", 12000, null, "approximate", "employees"],
       ["GPE", "came to {{Jiangxi}}"],
       ["MONEY", "$3.2 million"]
     ]}

COUNT rows are [label, text, value, value_max, qualifier, item]; DATE rows are
[label, text, timex_type, value]; other rows are [label, text]. Text may hold
`{{...}}`: the whole string is searched, the part inside the braces is the span
(use it to skip an earlier occurrence that is not annotated). The article is
`corpus/articles/<doc_id>.txt` (or `.md`); the gold goes to
`corpus/gold/<doc_id>.json`. The tool prints every span in context and lists
occurrences of annotated strings that were left unannotated, for a last check.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent
ENTITY_LABELS = {"ORG", "PERSON", "GPE", "MONEY", "PERCENT"}
QUALIFIERS = {"exact", "approximate", "lower_bound", "upper_bound", "range"}
TIMEX_TYPES = {"DATE", "DURATION", "SET", "TIME"}


def read_article(doc_id: str) -> str:
    """Decode the article as the pipeline does: UTF-8, leading BOM removed."""
    for ext in (".txt", ".md"):
        path = CORPUS / "articles" / f"{doc_id}{ext}"
        if path.exists():
            return path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    raise SystemExit(f"no article for {doc_id!r} in {CORPUS / 'articles'}")


def locate(text: str, needle: str, cursor: int) -> tuple[int, int]:
    """Find `needle` (with optional {{...}} focus) at or after `cursor`."""
    if "{{" in needle:
        before, rest = needle.split("{{", 1)
        focus, after = rest.split("}}", 1)
    else:
        before, focus, after = "", needle, ""
    at = text.find(before + focus + after, cursor)
    if at < 0:
        raise ValueError(f"not found after offset {cursor}: {needle!r}")
    start = at + len(before)
    return start, start + len(focus)


def build(source: dict) -> tuple[dict, list[str]]:
    """Anchor every span; return the gold document and review lines."""
    doc_id = source["doc_id"]
    text = read_article(doc_id)
    gold = {
        "doc_id": doc_id,
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "document_date": source.get("document_date"),
        "entities": [],
        "counts": [],
        "dates": [],
    }
    review: list[str] = []
    cursor = 0
    seen: dict[str, set[int]] = {}
    for row in source["spans"]:
        label, needle = row[0], row[1]
        start, end = locate(text, needle, cursor)
        cursor = end
        span = {"start": start, "end": end, "text": text[start:end]}
        placed = [s for k in ("entities", "counts", "dates") for s in gold[k]]
        if any(start < s["end"] and s["start"] < end for s in placed):
            raise ValueError(f"overlaps an earlier span: {row}")
        seen.setdefault(span["text"], set()).add(start)
        if label == "COUNT":
            value, value_max, qualifier, item = row[2:6]
            if qualifier not in QUALIFIERS:
                raise ValueError(f"bad qualifier {qualifier!r} in {row}")
            span |= {"value": value, "value_max": value_max, "qualifier": qualifier, "item": item}
            gold["counts"].append(span)
        elif label == "DATE":
            timex_type, value = row[2:4]
            if timex_type not in TIMEX_TYPES:
                raise ValueError(f"bad timex_type {timex_type!r} in {row}")
            span |= {"timex_type": timex_type, "value": value}
            gold["dates"].append(span)
        elif label in ENTITY_LABELS:
            gold["entities"].append({"label": label} | span)
        else:
            raise ValueError(f"unknown label {label!r} in {row}")
        left = text[max(0, start - 30) : start].replace("\n", " ")
        right = text[end : end + 30].replace("\n", " ")
        review.append(f"{start:>6} {label:<7} ...{left}[{span['text']}]{right}...  {row[2:]}")
    covered = [(s["start"], s["end"]) for key in ("entities", "counts", "dates") for s in gold[key]]
    for needle, starts in seen.items():
        at = text.find(needle)
        while at >= 0:
            inside = any(a <= at and at + len(needle) <= b for a, b in covered)
            if at not in starts and not inside:
                ctx = text[max(0, at - 30) : at + len(needle) + 30].replace("\n", " ")
                review.append(f"UNANNOTATED {needle!r} at {at}: ...{ctx}...")
            at = text.find(needle, at + 1)
    return gold, review


def main(paths: list[str]) -> int:
    """Anchor each annotation source and write its gold file."""
    for path in paths:
        source = json.loads(Path(path).read_text(encoding="utf-8"))
        gold, review = build(source)
        out = CORPUS / "gold" / f"{gold['doc_id']}.json"
        out.write_text(json.dumps(gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"== {out} ({len(gold['entities'])} entities, {len(gold['counts'])} counts, "
              f"{len(gold['dates'])} dates)")
        print("\n".join(review))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
