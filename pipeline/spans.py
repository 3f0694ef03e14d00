"""Small span helpers shared by the components: trimming to guideline boundaries.

Every component narrows spaCy spans the same way (no leading `the`, no
possessive, no quotes), so the rules live here once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pipeline.lexicon import words

POSSESSIVES = words("possessives")
QUOTES = words("quote_chars")


def is_quote(token: Token) -> bool:
    """A straight or curly quotation mark, or a backtick pair."""
    return token.text in QUOTES or token.text in {"``", "''"}


def strip_tokens(span: Span, *, leading: frozenset[str] = frozenset(),
                 trailing: frozenset[str] = frozenset()) -> Span | None:
    """Drop punctuation, quotes, possessives and the given words from both ends."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end:
        tok = doc[start]
        if is_quote(tok) or tok.is_space or tok.lower_ in leading or (
            tok.is_punct and tok.text not in {"$", "€", "£", "¥"}
        ):
            start += 1
        else:
            break
    while end > start:
        tok = doc[end - 1]
        if (is_quote(tok) or tok.is_space or tok.text in POSSESSIVES or tok.lower_ in trailing
                or (tok.is_punct and tok.text not in {"%", "+"})):
            end -= 1
        else:
            break
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label)


def sentence_starts(doc: Doc) -> list[int]:
    """Token index of each sentence start, for span -> sentence lookups."""
    if doc.has_annotation("SENT_START"):
        return [sent.start for sent in doc.sents]
    return [0]


def overlaps(span: Span, others: Iterable[Span]) -> bool:
    """True if the span shares a token with any of the others."""
    return any(span.start < other.end and other.start < span.end for other in others)


def non_overlapping(spans: Iterable[Span]) -> list[Span]:
    """Keep the earlier-listed span where two overlap; return them in text order."""
    kept: list[Span] = []
    taken: set[int] = set()
    for span in spans:
        if taken.isdisjoint(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)


def phrase_start_before(matcher: PhraseMatcher, span: Span, width: int,
                        accept: Callable[[Token], bool] | None = None) -> int:
    """Start of the longest matcher phrase that ends where the span starts (`about` + `70%`).

    Only the `width` tokens before the span are searched; `accept` may refuse a
    phrase by its first token. A PhraseMatcher called on a Span gives doc offsets.
    """
    doc = span.doc
    best = span.start
    for _, start, end in matcher(doc[max(0, span.start - width):span.start]):
        if end == span.start and (accept is None or accept(doc[start])):
            best = min(best, start)
    return best
