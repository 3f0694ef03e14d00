"""`pressfacts evaluate`: load gold, get predictions, score, and report.

Gold files are validated by `GoldDocument` and pinned to their article by
`text_sha256`, so a gold file never silently drifts from its text. Predictions
come from a records file or from running the pipeline; `--baseline` scores
the bare spaCy model the same way, side by side.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jsonlines

from pipeline.models import ArticleRecord, GoldDocument
from pipeline.readers import Article, read_file
from pipeline.scoring import (
    LABELS,
    DocumentErrors,
    Mention,
    Tally,
    mentions,
    score_document,
    summarise,
)

SPLITS_FILE = "splits.json"


class GoldError(ValueError):
    """A gold file, split or article is missing, invalid or out of step with its text."""


def corpus_root(gold_dir: Path) -> Path:
    """The corpus folder: gold files sit in `<corpus>/gold`, articles in `<corpus>/articles`."""
    return gold_dir.parent


def load_split(gold_dir: Path, split: str | None) -> set[str] | None:
    """The doc ids of a split from `<corpus>/splits.json`, or None for all."""
    if split is None or split == "all":
        return None
    path = corpus_root(gold_dir) / SPLITS_FILE
    try:
        splits = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise GoldError(f"cannot read splits file {path}: {err}") from None
    if split not in splits:
        raise GoldError(f"unknown split {split!r}; {path} has {', '.join(sorted(splits))}")
    return set(splits[split])


def load_gold(gold_dir: Path, split: str | None = None) -> list[GoldDocument]:
    """Every gold document of the split, validated."""
    if not gold_dir.is_dir():
        raise GoldError(f"gold folder not found: {gold_dir}")
    wanted = load_split(gold_dir, split)
    docs = []
    for path in sorted(gold_dir.glob("*.json")):
        if wanted is not None and path.stem not in wanted:
            continue
        try:
            doc = GoldDocument.model_validate_json(path.read_bytes())
        except ValueError as err:
            raise GoldError(f"{path}: {err}") from None
        if doc.doc_id != path.stem:
            raise GoldError(f"{path}: doc_id {doc.doc_id!r} does not match the file name")
        docs.append(doc)
    if wanted is not None and len(docs) != len(wanted):
        missing = sorted(wanted - {d.doc_id for d in docs})
        raise GoldError(f"split {split!r} names doc ids with no gold file: {missing}")
    return docs


def article_for(gold: GoldDocument, articles_dir: Path) -> Article:
    """The gold document's article, checked against its `text_sha256`."""
    for suffix in (".txt", ".md"):
        path = articles_dir / f"{gold.doc_id}{suffix}"
        if path.exists():
            article = read_file(path, None)
            if not isinstance(article, Article):
                raise GoldError(f"{path}: {article.error}")
            if article.sha256 != gold.text_sha256:
                raise GoldError(f"{path}: text does not match gold text_sha256 (the article "
                                "changed after annotation; re-anchor its gold file)")
            return article
    raise GoldError(f"no article for gold {gold.doc_id!r} in {articles_dir}")


def check_gold_spans(gold: GoldDocument, text: str) -> None:
    """Every gold span's text must be what its offsets cut from the article."""
    for span in [*gold.entities, *gold.counts, *gold.dates]:
        if text[span.start:span.end] != span.text:
            raise GoldError(f"{gold.doc_id}: span {span.text!r} at {span.start} does not match "
                            f"the text ({text[span.start:span.end]!r})")


def read_records(path: Path) -> dict[str, ArticleRecord]:
    """Records from a `records.jsonl`, by doc id."""
    try:
        with jsonlines.open(path) as reader:
            return {r.doc_id: r for r in (ArticleRecord.model_validate(o) for o in reader)}
    except OSError as err:
        raise GoldError(f"cannot read predictions {path}: {err}") from None


def baseline_mentions(nlp: object, text: str) -> list[Mention]:
    """The bare model's entities mapped to the labels: CARDINAL as COUNT, DATE as DATE."""
    mapping = {"ORG": "ORG", "PERSON": "PERSON", "GPE": "GPE", "MONEY": "MONEY",
               "PERCENT": "PERCENT", "CARDINAL": "COUNT", "DATE": "DATE"}
    doc = nlp(text)  # type: ignore[operator]
    return [Mention(mapping[e.label_], e.start_char, e.end_char, e.text) for e in doc.ents
            if e.label_ in mapping]


@dataclass
class Evaluation:
    """Summed tallies, their summary, per-document errors, and the texts scored."""

    tallies: dict[str, Tally]
    errors: list[DocumentErrors]
    per_doc: dict[str, dict[str, Tally]]
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def summary(self) -> dict:
        return summarise(self.tallies)


def evaluate_pairs(pairs: Iterator[tuple[str, list[Mention], list[Mention]]]) -> Evaluation:
    """Score (doc_id, predicted, gold) triples."""
    totals = {label: Tally() for label in LABELS}
    errors = []
    per_doc = {}
    for doc_id, pred, gold in pairs:
        tallies, errs = score_document(doc_id, pred, gold)
        for label, t in tallies.items():
            totals[label].add(t)
        errors.append(errs)
        per_doc[doc_id] = tallies
    return Evaluation(totals, errors, per_doc)


def run_evaluation(gold_dir: Path, *, pred: Path | None = None, split: str | None = None,
                   baseline: bool = False, model: str | None = None
                   ) -> tuple[Evaluation, Evaluation | None]:
    """Score the pipeline (or a records file) and optionally the bare model on a split."""
    golds = load_gold(gold_dir, split)
    articles_dir = corpus_root(gold_dir) / "articles"
    articles = {}
    for gold in golds:
        article = article_for(gold, articles_dir)
        check_gold_spans(gold, article.text)
        articles[gold.doc_id] = article
    if pred is not None:
        records = read_records(pred)
        missing = [g.doc_id for g in golds if g.doc_id not in records]
        if missing:
            raise GoldError(f"{pred} has no record for: {', '.join(missing)}")
    else:
        from pipeline.extractor import Extractor
        from pipeline.readers import ArticleError

        extractor = Extractor(model)
        records = {}
        for result in extractor.extract_many(articles[g.doc_id] for g in golds):
            if isinstance(result, ArticleError):
                raise GoldError(f"{result.path}: {result.error}")
            records[result.doc_id] = result
    ours = evaluate_pairs((g.doc_id, mentions(records[g.doc_id]), mentions(g)) for g in golds)
    ours.texts = {doc_id: article.text for doc_id, article in articles.items()}
    base = None
    if baseline:
        import spacy

        from pipeline.language import DEFAULT_MODEL

        nlp = spacy.load(model or DEFAULT_MODEL)
        base = evaluate_pairs((g.doc_id, baseline_mentions(nlp, articles[g.doc_id].text),
                               mentions(g)) for g in golds)
    return ours, base


def parse_bounds(text: str) -> dict[tuple[str, str], float]:
    """`ORG=0.9,DATE.value=0.9` -> {(label, measure): bound}; the measure defaults to lenient."""
    bounds = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        if "=" not in part:
            raise ValueError(f"bound {part!r} is not LABEL=NUMBER")
        key, number = part.split("=", 1)
        label, _, measure = key.strip().upper().partition(".")
        measure = measure.lower() or "lenient"
        if label not in (*LABELS, "MICRO"):
            raise ValueError(f"unknown label {label!r} in bound {part!r}")
        if measure not in {"strict", "lenient", "value"}:
            raise ValueError(f"unknown measure {measure!r} in {part!r} (strict|lenient|value)")
        try:
            bounds[(label, measure)] = float(number)
        except ValueError:
            raise ValueError(f"bound {part!r} needs a number") from None
    return bounds


def failures(summary: dict, bounds: dict[tuple[str, str], float]) -> list[str]:
    """Which bounds a summary falls below."""
    failed = []
    for (label, measure), bound in bounds.items():
        row = summary["micro_core"] if label == "MICRO" else summary["labels"][label]
        score = row.get("value_f1", 0.0) if measure == "value" else row[measure]["f1"]
        if score < bound:
            failed.append(f"{label} {measure} F1 {score:.3f} < {bound}")
    return failed
