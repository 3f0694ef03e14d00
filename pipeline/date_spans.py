"""The `pressfacts_dates` component: temporal expressions with TIMEX3 values.

Candidates come from the model's DATE/TIME entities and from token patterns
(`patterns/dates.jsonl`) for what the model misses. Each is trimmed to the
TIMEX3 extent (prepositions out), split where it is a range, and normalised by
`pipeline.dates` against the document date; what does not normalise is no date.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline import dates, extensions
from pipeline.lexicon import pattern_matcher, words
from pipeline.spans import non_overlapping, overlaps, strip_tokens

PREPOSITIONS = words("date_prepositions")
CONNECTORS = words("range_connectors")
FREQUENCY_ADJECTIVES = {"daily", "weekly", "monthly", "annual", "yearly", "quarterly"}
RELATIVE_TO_SENTENCE = ("same period", "a year earlier", "the year before", "previous year")
REPORTED_PERIOD = frozenset({"the quarter"})
PRIOR_PERIOD = frozenset({"the prior-year quarter", "the year-ago quarter",
                          "the prior year quarter",
                          "the year-earlier quarter", "the prior-year period"})
QUARTER_VALUE = ("-Q",)
FISCAL_YEAR_PHRASES = frozenset({"the fiscal year", "the full fiscal year", "fiscal year",
                                 "the current fiscal year", "this fiscal year",
                                 "the financial year"})


def clause_tense(token: Token) -> str:
    """Past, present or future, from the verb that governs the token."""
    head = token
    for _ in range(8):
        if head.pos_ in {"VERB", "AUX"} and not (head.tag_ == "VBN" and head.dep_ in {"acl",
                                                                                       "amod"}):
            break  # a participle modifying a noun ("donations made before ...") has no tense
        if head.head is head:
            break
        head = head.head
    aux = {child.lower_ for child in head.children if child.dep_ in {"aux", "auxpass"}}
    if aux & {"will", "shall", "'ll"} or ({"going"} & aux):
        return "future"
    if head.tag_ in {"VBD"} or aux & {"was", "were", "had", "did"}:
        return "past"
    if head.tag_ == "VBN" and aux & {"has", "have"}:
        return "past"
    if head.tag_ == "VBN" and not aux:
        return "past"
    return "present"


@Language.factory(
    "pressfacts_dates",
    default_config={"patterns": "dates.jsonl", "day_first": False, "fiscal_year_start": 1},
)
def make_date_spans(nlp: Language, name: str, patterns: str, day_first: bool,
                    fiscal_year_start: int) -> DateSpans:
    """Factory: pattern file, day-first order for `8/12/2021`, fiscal year start month."""
    return DateSpans(nlp, name, patterns, day_first, fiscal_year_start)


class DateSpans:
    """Find, trim, split and normalise DATE spans into `doc.spans["pf_dates"]`."""

    def __init__(self, nlp: Language, name: str, patterns: str, day_first: bool,
                 fiscal_year_start: int) -> None:
        self.name = name
        self.day_first = day_first
        self.fiscal_year_start = fiscal_year_start
        self.matcher, entries = pattern_matcher(nlp.vocab, patterns)
        self.trim_last = {match_id for match_id, e in entries.items() if e.get("trim_last")}

    def __call__(self, doc: Doc) -> Doc:
        taken = list(doc.spans[extensions.ENTITIES]) if extensions.ENTITIES in doc.spans else []
        opaque = list(doc.spans[extensions.OPAQUE]) if extensions.OPAQUE in doc.spans else []
        candidates = [Span(doc, e.start, e.end, label="DATE") for e in doc.ents
                      if e.label_ in {"DATE", "TIME"}]
        candidates += [Span(doc, s, e - (m in self.trim_last), label="DATE")
                       for m, s, e in self.matcher(doc)]
        found: list[Span] = []
        for cand in sorted(candidates, key=lambda s: (s.start - s.end, s.start)):
            for span in self._pieces(cand):
                if overlaps(span, taken) or any(
                        o.start <= span.start and span.end <= o.end for o in opaque):
                    continue
                if self._adjectival(span):
                    continue
                found.append(span)
        kept = non_overlapping(found)
        for span in kept:
            span._.timex = self._normalise(span, kept)
        for left, right in itertools.pairwise(kept):
            _order_range(left, right)
        doc.spans[extensions.DATES] = [s for s in kept if s._.timex is not None]
        return doc

    def _pieces(self, span: Span) -> list[Span]:
        """The candidate trimmed to its TIMEX3 extent; a range becomes its two ends."""
        trimmed = strip_tokens(span, leading=PREPOSITIONS)
        if trimmed is not None and len(trimmed) > 1 and trimmed[0].lower_ == "last" and \
                trimmed[0].pos_ in {"VERB", "AUX"}:  # "will last three days"
            trimmed = strip_tokens(trimmed[1:], leading=PREPOSITIONS)
        if trimmed is None:
            return []
        whole = self._value(trimmed)
        for tok in trimmed[1:-1]:
            if tok.lower_ not in CONNECTORS:
                continue
            if whole is not None and tok.text in {"-", "–"} and whole.timex_type == "DATE":
                break  # an ISO date such as 2021-08-12
            left = strip_tokens(trimmed.doc[trimmed.start:tok.i], leading=PREPOSITIONS)
            right = strip_tokens(trimmed.doc[tok.i + 1:trimmed.end], leading=PREPOSITIONS)
            if left is not None and right is not None and self._value(left) and \
                    self._value(right):
                return [Span(span.doc, left.start, left.end, label="DATE"),
                        Span(span.doc, right.start, right.end, label="DATE")]
        known = trimmed.text.lower() in REPORTED_PERIOD | PRIOR_PERIOD or \
            _short_year_end(trimmed) is not None
        if len(trimmed) == 1 and trimmed[0].shape_ == "dddd" and (
                _beside_digits(trimmed) or not 1800 <= int(trimmed[0].text) <= 2100):
            return []  # "0113 343 2000" is a phone number; "1200" is no year
        return [trimmed] if whole is not None or known else []

    def _adjectival(self, span: Span) -> bool:
        """`daily work`, `annual report`, `winter appeal`: words describing a noun are no dates."""
        if len(span) != 1:
            return False
        tok = span[0]
        if tok.is_digit:
            return False  # "its 2024 budget" is a date
        if tok.lower_ in FREQUENCY_ADJECTIVES and (tok.dep_ == "amod" or tok.pos_ == "ADJ"):
            return True
        return tok.dep_ in {"amod", "compound"} and tok.head.pos_ == "NOUN" and tok.i < tok.head.i

    def _value(self, span: Span, anchor: dt.date | None = None,
               tense: str | None = None) -> dates.Timex | None:
        partial = None if anchor is not None else _partial_anchor(span.doc)
        if partial is not None:  # month and day known from the dateline, year not
            timex = _normalise_cached(span.text, partial, tense, self.day_first,
                                      self.fiscal_year_start)
            if timex is not None and not any(t.shape_ == "dddd" for t in span):
                timex = dates.Timex(timex.timex_type, _unknown_year(timex.value))
                weekday = WEEKDAY_NUMBERS.get(span.text.lower().split()[-1])
                if weekday is not None and timex.timex_type == "DATE":
                    timex = dates.Timex("DATE", f"XXXX-WXX-{weekday}")
            return timex
        return _normalise_cached(span.text, anchor, tense, self.day_first, self.fiscal_year_start)

    def _normalise(self, span: Span, all_dates: list[Span]) -> dates.Timex | None:
        """Resolve against the document date, or against an earlier date when relative."""
        anchor: dt.date | None = span.doc._.document_date
        lower = span.text.lower()
        tense = clause_tense(span.root)
        if lower in REPORTED_PERIOD:  # "the quarter" of an earnings release: the one reported
            reported = self._reported(span, all_dates, anchor, QUARTER_VALUE)
            if reported is not None:
                return reported
        if lower in FISCAL_YEAR_PHRASES:
            reported = self._reported(span, all_dates, anchor, ("FY",))
            if reported is not None:
                return dates.Timex("DATE", reported.value.split("-")[0])
        if lower in PRIOR_PERIOD:
            reported = self._reported(span, all_dates, anchor, QUARTER_VALUE)
            if reported is not None:
                return dates.Timex("DATE", _shift_year(reported.value, -1))
        if any(key in lower for key in RELATIVE_TO_SENTENCE):
            sent = span.sent
            window_start = sent.start
            if sent.start > 0:
                window_start = span.doc[sent.start - 1].sent.start  # and the sentence before
            for other in reversed(all_dates):
                if other.start >= span.start or other.start < window_start:
                    continue
                value = self._value(other, anchor, clause_tense(other.root))
                if value is None or value.timex_type != "DATE" or not value.value[:4].isdigit():
                    continue
                if "same period" in lower:
                    if value.value[4:6] in {"-Q", "-H"} or len(value.value) == 7:
                        return dates.Timex("DATE", _shift_year(value.value, -1))
                    continue  # only a period of the year anchors "the same period"
                year = int(value.value[:4])
                base = anchor or dt.date(year, 12, 31)
                anchor = base.replace(year=year, day=min(base.day, 28))
                break
        short = _short_year_end(span)
        if short is not None:
            return dates.Timex("DATE", short)
        ended = self._ended_date(span, all_dates, anchor)
        if ended is not None:
            return ended
        value = self._resolved(span, anchor, tense)
        if value is not None and not any(t.is_digit for t in span) and \
                value.value[-3:-1] in {"-Q", "-H"}:
            reported = self._reported(span, all_dates, anchor, QUARTER_VALUE)
            if reported is not None and reported.value[-2:] == value.value[-2:]:
                return reported  # "First Quarter Highlights" of a fiscal-2025 report
        return value

    def _resolved(self, span: Span, anchor: dt.date | None,
                  tense: str | None) -> dates.Timex | None:
        """The normalised value; a named quarter that has not begun is last year's."""
        value = self._value(span, anchor, tense)
        if value is not None and anchor is not None and tense != "future" and \
                not any(t.is_digit for t in span):
            value = _latest_past_period(value, anchor, tense == "past")
        return value

    def _ended_date(self, span: Span, all_dates: list[Span],
                    anchor: dt.date | None) -> dates.Timex | None:
        """`the year ended December 31, 2024` is 2024; `the quarter ended ...` its quarter."""
        lower = span.text.lower()
        doc = span.doc
        if lower not in {"the year", "the quarter", "the fiscal year"} or span.end + 1 >= len(doc):
            return None
        if doc[span.end].lower_ not in {"ended", "ending", "ends"}:
            return None
        following = next((d for d in all_dates if
                          d.start in {span.end + 1, span.end + 2}), None)
        if following is None:
            return None
        value = self._value(following, anchor)
        if value is None or not value.value[:4].isdigit():
            return None
        year = value.value[:4]
        if lower == "the quarter" and len(value.value) >= 7:
            return dates.Timex("DATE", f"{year}-Q{(int(value.value[5:7]) + 2) // 3}")
        return dates.Timex("DATE", year)

    def _reported(self, span: Span, all_dates: list[Span], anchor: dt.date | None,
                shape: tuple[str, ...]) -> dates.Timex | None:
        """The first date of the article whose value has the shape: the period it reports."""
        for other in all_dates:
            if other.start >= span.start:
                continue
            if other.text.lower() in REPORTED_PERIOD | PRIOR_PERIOD:
                continue
            value = self._resolved(other, anchor, clause_tense(other.root))
            if value is not None and value.timex_type == "DATE" and any(
                    marker in value.value for marker in shape):
                return value
        return None


@functools.lru_cache(maxsize=16384)
def _normalise_cached(text: str, anchor: dt.date | None, tense: str | None, day_first: bool,
                      fiscal_year_start: int) -> dates.Timex | None:
    """`dates.normalise` is pure; a span is often normalised more than once per document."""
    return dates.normalise(text, anchor, tense=tense, day_first=day_first,
                           fiscal_year_start=fiscal_year_start)


def _order_range(left: Span, right: Span) -> None:
    """`from Dec. 27 to Jan. 5`: a range's end is not before its start (crosses the year)."""
    doc = left.doc
    if right.start != left.end + 1 or doc[left.end].lower_ not in CONNECTORS:
        return
    a, b = left._.timex, right._.timex
    if a is None or b is None or a.timex_type != "DATE" or b.timex_type != "DATE":
        return
    if len(a.value) == len(b.value) == 10 and a.value[:4].isdigit() and b.value < a.value and \
            not any(t.shape_ == "dddd" for t in right):
        right._.timex = dates.Timex("DATE", _shift_year(b.value, 1))


WEEKDAY_NUMBERS = {name: n for n, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), start=1)}


def _short_year_end(span: Span) -> str | None:
    """`2024-25`: the `25` after a year and a hyphen is 2025."""
    doc = span.doc
    if len(span) != 1 or span[0].shape_ != "dd" or span.start < 2:
        return None
    hyphen, year = doc[span.start - 1], doc[span.start - 2]
    if hyphen.text not in {"-", "–", "/"} or year.shape_ != "dddd" or hyphen.whitespace_:
        return None
    full = int(year.text[:2] + span.text)
    return str(full) if 0 < full - int(year.text) <= 2 else None


def _beside_digits(span: Span) -> bool:
    doc = span.doc
    return (span.start > 0 and doc[span.start - 1].is_digit) or (
        span.end < len(doc) and doc[span.end].is_digit)


PLACEHOLDER_YEAR = 2000  # a leap year, so any month and day of a partial dateline exist


def _partial_anchor(doc: Doc) -> dt.date | None:
    """`Guiyang, May 26` with no year anywhere: a stand-in date in a placeholder year."""
    dateline = doc._.dateline
    if not dateline or not dateline.get("date_text"):
        return None
    timex = dates.normalise(dateline["date_text"], None)
    if timex is None or not timex.value.startswith("XXXX-") or len(timex.value) != 10:
        return None
    try:
        return dt.date(PLACEHOLDER_YEAR, int(timex.value[5:7]), int(timex.value[8:10]))
    except ValueError:
        return None


def _unknown_year(value: str) -> str:
    """Years computed from the placeholder anchor are unknown: 2000-06 -> XXXX-06."""
    for year in (PLACEHOLDER_YEAR - 1, PLACEHOLDER_YEAR, PLACEHOLDER_YEAR + 1):
        for prefix in ("", "FY"):
            if value.startswith(f"{prefix}{year}"):
                return f"{prefix}XXXX{value[len(prefix) + 4:]}"
    return value


def _latest_past_period(value: dates.Timex, anchor: dt.date, past: bool) -> dates.Timex:
    """`the fourth quarter` in a February release is last year's: a named quarter or half
    without a year that has not begun by the document date is the previous one."""
    v = value.value
    if value.timex_type != "DATE" or len(v) != 7 or not v[:4].isdigit() or v[5] not in "QH":
        return value
    part = int(v[6])
    first_month = 3 * (part - 1) + 1 if v[5] == "Q" else 6 * (part - 1) + 1
    start = dt.date(int(v[:4]), first_month, 1)
    months_ahead = (start.year - anchor.year) * 12 + start.month - anchor.month
    if start > anchor and (past or months_ahead > 4):
        return dates.Timex("DATE", _shift_year(v, -1))
    return value


def _shift_year(value: str, years: int) -> str:
    """`2019-H1` -> `2018-H1`; `FY2025-Q1` -> `FY2024-Q1`; X-years stay unknown."""
    prefix = "FY" if value.startswith("FY") else ""
    body = value[len(prefix):]
    if not body[:4].isdigit():
        return value
    return f"{prefix}{int(body[:4]) + years:04d}{body[4:]}"
