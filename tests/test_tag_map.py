"""The tag-to-POS table gives the attribute_ruler's POS on the corpus."""

from __future__ import annotations

import spacy

from pipeline.language import DEFAULT_MODEL, load
from tests.conftest import CORPUS


def test_table_pos_agrees_with_the_attribute_ruler_on_the_corpus() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "articles").glob("*.txt"))]
    texts = texts[:8]
    ruler = spacy.load(DEFAULT_MODEL, exclude=["lemmatizer", "parser", "ner"])
    ours = load()
    with ours.select_pipes(enable=["tok2vec", "tagger", "pressfacts_pos"]):
        pairs = [(a.pos_, b.pos_) for da, db in zip(ruler.pipe(texts), ours.pipe(texts),
                                                      strict=True)
                 if len(da) == len(db)  # "/PRNewswire/" is split by our tokenizer only
                 for a, b in zip(da, db, strict=True)]
    assert len(pairs) > 2000
    same = sum(a == b for a, b in pairs) / len(pairs)
    assert same >= 0.995, f"POS agreement {same:.4f}"
