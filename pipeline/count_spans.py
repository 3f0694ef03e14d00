"""The `pressfacts_counts` component: counts of things, with value, qualifier and item.

Candidates are the model's CARDINAL entities and the numerals that token
patterns (`patterns/counts.jsonl`) find. A candidate takes the qualifier words
before it (`patterns/count_qualifiers.jsonl`), is dropped where it is no count
(years, ages, measurements, phone numbers, numbers inside names), gets its
value from `pipeline.numbers`, and its counted item from the dependency parse.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pipeline import extensions, numbers
from pipeline.lexicon import pattern_matcher, words
from pipeline.spans import non_overlapping, overlaps, strip_tokens

UNITS = words("measure_units")
TIME_UNITS = words("time_units")
AGE_WORDS = words("age_words")
CURRENCY_WORDS = numbers.currency_words()
CURRENCY_PREFIXES = numbers.currency_prefixes()  # "KSh 35,000" is money, "won 46" a verb
HYPHENS = {"-", "–", "—"}
BLOCKERS_BEFORE = words("count_blockers_before")
ITEM_MODIFIER_DEPS = {"amod", "compound", "nmod", "npadvmod", "advmod", "nummod", "poss",
                      "punct", "hmod", "cc", "conj", "acomp", "neg", "quantmod"}
NOT_ITEM_DEPS = {"det", "predet", "case", "nummod", "quantmod", "poss"}
LIST_POS = {"NOUN", "PROPN", "ADJ", "CCONJ", "PUNCT"}
NOT_LIST_WORDS = {"more", "other", "many", "most", "several", "some"}
VAGUE_WORDS = {"dozens", "hundreds", "thousands", "millions", "scores", "tens"}


@Language.factory("pressfacts_counts", default_config={"patterns": "counts.jsonl"})
def make_count_spans(nlp: Language, name: str, patterns: str) -> CountSpans:
    """Factory: the component is configured by the name of its pattern file."""
    return CountSpans(nlp, name, patterns)


class CountSpans:
    """Find COUNT spans and fill `span._.quantity` and `span._.item`."""

    def __init__(self, nlp: Language, name: str, patterns: str) -> None:
        self.name = name
        self.matcher, _ = pattern_matcher(nlp.vocab, patterns)
        self.qualifiers = PhraseMatcher(nlp.vocab, attr="LOWER")
        phrases = [*list(numbers.qualifier_phrases()), "an estimated"]
        self.qualifiers.add("Q", [nlp.make_doc(p) for p in phrases])

    def __call__(self, doc: Doc) -> Doc:
        taken: list[Span] = []
        for key in (extensions.ENTITIES, extensions.DATES, extensions.OPAQUE):
            if key in doc.spans:
                taken.extend(doc.spans[key])
        candidates = [Span(doc, e.start, e.end, label="COUNT") for e in doc.ents
                      if e.label_ == "CARDINAL"]
        candidates += [Span(doc, s, e, label="COUNT") for _, s, e in self.matcher(doc)]
        qualifier_ends = {start_end[1]: start_end[0] for start_end in
                          ((s, e) for _, s, e in self.qualifiers(doc))}
        found: list[Span] = []
        candidates = [piece for cand in candidates for piece in _from_to(cand)]
        for cand in sorted(candidates, key=lambda s: (s.start - s.end, s.start)):
            span = self._bound(cand, qualifier_ends)
            if span is None or overlaps(span, taken) or self._not_a_count(span):
                continue
            quantity = numbers.parse_count(span.text)
            if quantity is None:
                continue
            span._.quantity = quantity
            found.append(span)
        kept = non_overlapping(found)
        for span in kept:
            span._.item = counted_item(span)
        doc.spans[extensions.COUNTS] = kept
        return doc

    def _bound(self, cand: Span, qualifier_ends: dict[int, int]) -> Span | None:
        """Trim punctuation and a trailing `of`; take the qualifier words just before
        and the magnitude words just after (`1.5` + `lakh`)."""
        span = strip_tokens(cand, leading=frozenset({"the"}),
                            trailing=frozenset({"of"}))
        if span is None:
            return None
        doc = span.doc
        end = span.end
        while end < len(doc) and doc[end].lower_ in MAGNITUDE_WORDS and doc[end - 1].like_num:
            end += 1
        span = Span(doc, span.start, end, label="COUNT")
        start = span.start
        while start in qualifier_ends and qualifier_ends[start] < start:
            start = qualifier_ends[start]
        if start > 0 and span.doc[start - 1].lower_ == "between" and \
                any(t.lower_ == "and" for t in span):
            start -= 1
        return Span(cand.doc, start, span.end, label="COUNT")

    def _not_a_count(self, span: Span) -> bool:
        """Years, ages, measurements, identifiers, phone numbers and pronoun `one`."""
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        after2 = doc[span.end + 1] if span.end + 1 < len(doc) else None
        first, last = span[0], span[-1]
        if _age_or_rank(span, before, after, after2):
            return True
        if before is not None and before.lower_ in BLOCKERS_BEFORE:
            return True
        if any(t.lower_ in AGE_WORDS for t in doc[max(0, span.start - 3):span.start]):
            return True
        if after is not None and (after.lower_ in UNITS or after.lower_ in TIME_UNITS
                                  or after.text in {"%", "°"} or after.lower_ in CURRENCY_WORDS):
            return True
        if before is not None and (before.lower_ in CURRENCY_PREFIXES or before.text == ":"):
            return True
        if before is not None and before.text == "." and span.start > 1 and \
                doc[span.start - 2].lower_ in BLOCKERS_BEFORE:
            return True  # "No . 142"
        if after is not None and after.text in HYPHENS and after2 is not None and \
                after2.is_digit and not last.whitespace_:
            return True  # phone numbers, scores and votes: "614-555-0138", "2-1", "11-0"
        if first.is_title and first.is_alpha and after is not None and after.is_title and \
                after.pos_ == "PROPN":
            return True  # "One Grand Canal Square": a number inside a name
        if after is not None and after.text in HYPHENS and not last.whitespace_ and \
                after2 is not None and not after2.like_num:
            return True  # a compound adjective: "310,000-square-foot", "Form 10-K", "one-stop"
        if before is not None and before.text in HYPHENS and not before.whitespace_ and \
                span.start > 1 and not doc[span.start - 2].whitespace_:
            return True  # "net-zero", "two-thirds"
        if first.text[:1] == "0" and len(first.text) > 1 and first.text[1:2].isdigit():
            return True  # identifiers and phone numbers keep leading zeros
        neighbours = [t for t in (before, after) if t is not None]
        if any(t.is_digit and t.text != last.text for t in neighbours):
            return True  # digit groups of a phone number: "+41 21 310 4710"
        if before is not None and before.text == "+":
            return True
        if self._apposition_age(span, before, after):
            return True
        if last.shape_ == "dddd" and len(span) == 1 and 1800 <= int(last.text) <= 2100 and \
                not (last.dep_ == "nummod" and last.head.tag_ == "NNS"):
            return True
        if span.text.lower() in {"one", "1"} and (
                last.dep_ != "nummod" or (after is not None and after.lower_ in {"of", "in"})):
            return True
        if span.text.lower() in {"one", "1"} and after is not None and after.lower_ == "in" \
                and after2 is not None and after2.like_num:
            return True  # "one in ten"
        if before is not None and before.lower_ == "in" and span.start > 1 and \
                doc[span.start - 2].lower_ in {"one", "1"}:
            return True
        return bool(last.like_num and last.text[:1].isdigit() and after is not None
                    and after.text == ":")

    @staticmethod
    def _apposition_age(span: Span, before: Token | None, after: Token | None) -> bool:
        """`Connor Hale, 19, received ...`: an age between commas after a name."""
        if before is None or after is None or before.text != "," or after.text != ",":
            return False
        name = span.doc[span.start - 2] if span.start > 1 else None
        return name is not None and name.ent_type_ == "PERSON"


def _numeric_head(span: Span) -> Token:
    """The token of the count the parse attaches to the counted noun."""
    for tok in reversed(span):
        if tok.like_num or tok.lower_ in VAGUE_WORDS or tok.lower_ in {"dozen", "million",
                                                                       "billion", "thousand"}:
            return tok
    return span.root


def _noun_for(span: Span) -> Token | None:
    """The counted noun: the head the number modifies, or the object of a partitive `of`."""
    doc = span.doc
    num = _numeric_head(span)
    for tok in (num, *span):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i >= span.end - 1:
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj and pobj[0].pos_ in {"NOUN", "PROPN"}:
                    return pobj[0]
    if span.end < len(doc) and doc[span.end].lower_ == "of":
        of = doc[span.end]
        pobj = [c for c in of.children if c.dep_ == "pobj"]
        if pobj and pobj[0].pos_ in {"NOUN", "PROPN"}:
            return pobj[0]
    head = num.head
    if head.i >= span.end and head.pos_ in {"NOUN", "PROPN"} and \
            num.dep_ in {"nummod", "amod", "compound", "quantmod", "nmod"}:
        return head
    if span.end < len(doc) and doc[span.end].pos_ in {"NOUN"} and doc[span.end].tag_ == "NNS":
        return doc[span.end]
    return None


def counted_item(span: Span) -> Span | None:
    """The counted noun phrase: modifiers and compounds, coordinated heads; no PPs."""
    noun = _noun_for(span)
    doc = span.doc
    if noun is None:
        return _noun_run_after(span)
    left = noun.i
    for child in noun.lefts:
        if child.dep_ in NOT_ITEM_DEPS or child.i < span.end:
            continue
        left = min(left, max(child.left_edge.i, span.end))
    right = noun.i
    for conj in noun.conjuncts:
        between = doc[noun.i + 1:conj.i + 1]
        if conj.i > noun.i and conj.pos_ in {"NOUN", "PROPN"} and all(
                t.pos_ in LIST_POS or t.tag_ == "VBN" for t in between) and not any(
                t.lower_ in NOT_LIST_WORDS for t in between):
            right = max(right, conj.i)
    while right + 1 < len(doc) and (
            (doc[right + 1].pos_ == "NOUN" and doc[right + 1].tag_ in {"NN", "NNS"})
            or _hyphen_continues(doc, right)):
        right += 1 + (doc[right + 1].text == "-")  # "research fellowships", "sub-counties"
    while left < right and (doc[left].is_punct or doc[left].dep_ in NOT_ITEM_DEPS
                            or doc[left].lower_ in {"of", "the", "top"} or doc[left].like_num):
        left += 1
    if left < span.end:
        left = span.end
    if left > right:
        return None
    return Span(doc, left, min(right + 1, len(doc)), label="ITEM")


def _hyphen_continues(doc: Doc, i: int) -> bool:
    """`sub` `-` `counties`: the word goes on after a hyphen with no spaces."""
    return i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_ and \
        not doc[i + 1].whitespace_ and doc[i + 2].is_alpha


def _noun_run_after(span: Span) -> Span | None:
    """When the parse does not attach the number (ranges), the noun phrase right after it."""
    doc = span.doc
    i = span.end
    last_noun = None
    while i < len(doc) and (doc[i].pos_ in {"ADJ", "NOUN", "PROPN"} or doc[i].tag_ == "VBN"
                            or (doc[i].text == "-" and not doc[i].whitespace_)):
        if doc[i].pos_ in {"NOUN", "PROPN"}:
            last_noun = i
        i += 1
    if last_noun is None:
        return None
    return Span(doc, span.end, last_noun + 1, label="ITEM")


PEOPLE_NOUNS = words("people_nouns")
NAME_NUMBER_EXCEPTIONS = words("name_number_exceptions")
MAGNITUDE_WORDS = numbers.magnitude_words()


EMERGENCY_NUMBERS = words("emergency_numbers")
EMERGENCY_CALL_WORDS = words("emergency_call_words")


def _age_or_rank(span: Span, before: Token | None, after: Token | None,
                 after2: Token | None) -> bool:
    """Numbers that count nothing: ages, list numbers, identifiers, names, `one in four`."""
    doc = span.doc
    last = span[-1]
    small = last.is_digit and len(last.text) <= 3 and int(last.text) < 120
    if small and before is not None and before.text == "," and span.start > 1 and \
            doc[span.start - 2].is_title and after is not None and after.text in {",", ".", ")"}:
        return True  # "Reeve, 27, was sent off"; "said Ochoa, 48."
    if span[0].lower_ in {"under", "over", "aged"} and before is not None and \
            (before.lower_ in PEOPLE_NOUNS or before.lemma_ == "be") and \
            not (after is not None and after.pos_ == "NOUN"):
        return True  # "children under 15", "one in three of them is under 30": an age
    metres = (last.text[-1:] == "m" and last.text[:1].isdigit()) or (
        last.lower_ == "m" and len(span) > 1 and span[-2].like_num and not span[-2].whitespace_)
    if metres and not any(t.is_currency for t in doc[max(0, span.start - 1):span.start]):
        return True  # "the 1,500m": metres, not millions, without a currency
    if span.text in EMERGENCY_NUMBERS and (
            (after is not None and after.lower_ in EMERGENCY_CALL_WORDS) or
            (before is not None and before.lower_ in EMERGENCY_CALL_WORDS)):
        return True  # "dialled 999", "911 calls": a phone number
    if small and before is not None and before.lower_ == "at" and after is not None and \
            after.lower_ in {"is", "was", "he", "she", ","}:
        return True  # "who at 20 is the youngest": an age
    if after is not None and after.lower_ == "in" and after2 is not None and \
            after2.like_num and after2.shape_ != "dddd":
        return True  # "nearly one in four", not "862 in 2019"
    if after is not None and after.text == "." and (before is None or "\n" in before.text):
        return True  # "2. Provinces and cities": a list number
    if last.is_digit and len(last.text) >= 6:
        return True  # "conference ID 4418803": counts of that size carry separators
    if after is not None and after.text == ")" and before is not None and before.text == "(" \
            and after2 is not None and after2.shape_ in {"ddd", "ddd-dddd"}:
        return True  # "(612) 555-0178"
    if before is not None and before.is_title and before.is_alpha and \
            before.i != before.sent.start and before.lower_ not in NAME_NUMBER_EXCEPTIONS and \
            before.pos_ in {"PROPN", "NOUN"} and before.tag_ != "NNS" and len(span) == 1 and \
            not (after is not None and after.tag_ == "NNS"):
        return True  # "Racing 92", "S&P/ASX 200 index", "Fast 50 list"
    # "the one thing", "at one point"
    return span.text.lower() == "one" and before is not None and before.lower_ in {"the", "at"}


def _from_to(span: Span) -> list[Span]:
    """`from 38 to 61 facilities` is a change, two counts; `between 40 and 50` is a range."""
    doc = span.doc
    to = next((t.i for t in span if t.lower_ == "to"), None)
    if to is None or span.start == 0 or doc[span.start - 1].lower_ != "from" or \
            to == span.start or to == span.end - 1:
        return [span]
    return [Span(doc, span.start, to, label=span.label_),
            Span(doc, to + 1, span.end, label=span.label_)]
