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
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pipeline import dates, extensions
from pipeline.lexicon import pattern_matcher, words
from pipeline.spans import non_overlapping, overlaps, phrase_start_before, strip_tokens

PREPOSITIONS = words("date_prepositions")
POSSESSIVES = words("possessive_determiners")  # "during her nearly seven years"
LEADING_WORDS = PREPOSITIONS | POSSESSIVES
TRAILING_WORDS = frozenset({"ahead"})  # "came nearly two months ahead of the date"
DURATION_UNITS = frozenset({"years", "months", "weeks", "days", "hours", "minutes", "decades",
                            "year", "month", "week", "day", "hour"})
CONNECTORS = words("range_connectors")
FREQUENCY_ADJECTIVES = {"daily", "weekly", "monthly", "annual", "yearly", "quarterly"}
RELATIVE_TO_SENTENCE = ("same period", "same quarter", "same half", "same month",
                        "a year earlier", "the year before", "previous year", "years later",
                        "year later", "months later")
YEAR_BEFORE = ("a year earlier", "the year before", "previous year", "a year ago")
REPORTED_PERIOD = frozenset({"the quarter"})
PRIOR_PERIOD = frozenset({"the prior-year quarter", "the year-ago quarter",
                          "the prior year quarter",
                          "the year-earlier quarter", "the prior-year period"})
QUARTER_VALUE = ("-Q",)
SAME_DAY = frozenset({"the same day", "that day", "later that day", "the same evening"})
# in a results release published after its year ended, the year it reports
REPORTED_YEAR = frozenset({"the year", "the full year"})
PRIOR_YEAR = frozenset({"the prior year", "the previous year", "the preceding year"})
FISCAL_YEAR_PHRASES = frozenset({"the fiscal year", "the full fiscal year", "fiscal year",
                                 "the current fiscal year", "this fiscal year",
                                 "the financial year"})


FUTURE_AUX = frozenset({"will", "shall", "'ll", "going"})
PAST_AUX = frozenset({"was", "were", "had", "did"})
PRESENT_BE = frozenset({"is", "are", "am", "'s", "’s", "'re", "’re"})  # no lemmatizer runs
PERFECT_AUX = frozenset({"has", "have"})
NON_FINITE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "conj", "pcomp", "oprd",
                             "csubj", "prep", "pobj", "dobj", "nsubj", "nsubjpass", "npadvmod"})
SINCE_WORDS = frozenset({"since"})  # "lost 1.1% since Monday": the day is behind us
DUE_WORDS = frozenset({"due", "effective"})  # "due on April 30", "effective July 1": ahead
ACTUAL_TIME_VERBS = words("actual_time_verbs")  # "tried to stop": the stopping happened
# a calendar's present tense: "the approval expires on Dec. 15" (word forms: no lemmatizer)
SCHEDULED_VERBS = words("scheduled_verbs")
# a present tense after these looks ahead: "until nominations open in May"
FUTURE_MARKS = frozenset({"until", "till", "before", "once"})
# "should be finished by late spring", "can vote on August 13"; "cannot" states the present
MODAL_AUX = frozenset({"should", "may", "might", "must", "can"})
PROSPECTIVE_PARTICIPLES = words("prospective_participles")  # "scheduled for Tuesday"


def _verb_above(token: Token) -> Token | None:
    """The nearest verb governing the token; a participle modifying a noun is no verb."""
    head = token
    for _ in range(8):
        if head.pos_ in {"VERB", "AUX"} and not (head.tag_ == "VBN" and head.dep_ in {"acl",
                                                                                       "amod"}):
            return head
        if head.head is head:
            return None
        head = head.head
    return None


def _marked_tense(token: Token) -> str | None:
    """A preposition or adjective on the way up that fixes the time: `since`, `due`."""
    head = token
    for _ in range(4):
        if head.head is head:
            return None
        head = head.head
        if head.lower_ in SINCE_WORDS:
            return "past"
        if head.lower_ in DUE_WORDS:
            return "future"
        if head.tag_ not in {"VBD", "VBN"} and any(
                c.dep_ == "mark" and c.lower_ in FUTURE_MARKS for c in head.children):
            return "future"  # "until nominations open in May"
        if head.pos_ in {"VERB", "AUX"}:
            return None
    return None


def clause_tense(token: Token) -> str:
    """Past, present or future, from the verb that governs the token.

    A non-finite verb (`was ordered held ... Monday`, `hearing Monday, the judge
    found`) takes the tense of the verb above it. An infinitive looks ahead of
    its governor (`plans to publish in November`, `has threatened to seek a
    referendum in November`) unless the governor is a verb of doing
    (`tried to stop him at 11:46 p.m. Saturday`).
    """
    marked = _marked_tense(token)
    if marked is not None:
        return marked
    if _before_reported_clause(token):
        return "past"  # "Nakamura said on Tuesday she would listen": the saying is dated
    participle = _participle_tense(token)
    tense = _finite_tense(token)
    if participle is not None and (tense != "future" or _participle_set_off(token)):
        return participle  # but "Donations made before Dec. 31 will be matched", while
        # "The proposals, approved by the Cabinet on Tuesday, will go" dates the approval
    if tense == "present" and _gerund_after(token):
        return "past"  # "leads the squad after winning the trials on Saturday"
    return tense


def _first_verb_above(token: Token) -> Token | None:
    """The first verb on the way up from the token, within four steps."""
    head = token
    for _ in range(4):
        if head.head is head:
            return None
        head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            return head
    return None


def _participle_tense(token: Token) -> str | None:
    """`The final decision, published Tuesday,`: a participle modifying a noun dates a past
    event, unless it looks ahead (`the vote scheduled for Tuesday`)."""
    head = _first_verb_above(token)
    if head is None or not (head.tag_ == "VBN" and head.dep_ in {"acl", "amod"}):
        return None
    if head.head.head.lower_ == "with":
        return None  # "with a contractor appointed before Christmas"
    return "future" if head.lower_ in PROSPECTIVE_PARTICIPLES else "past"


def _before_reported_clause(token: Token) -> bool:
    """`said on Tuesday she would ...`: the parser hangs the date on the reported clause,
    but it stands between a past verb and that clause's subject, so it dates the verb."""
    verb = _verb_above(token)
    if verb is None or verb.dep_ != "ccomp" or verb.head.tag_ != "VBD":
        return False
    subjects = [c.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and verb.head.i < token.i < min(subjects)


def _participle_set_off(token: Token) -> bool:
    """Is the participle above the token set off by a comma, a clause of its own?"""
    head = _first_verb_above(token)
    return head is not None and head.tag_ == "VBN" and head.i > 0 and \
        head.doc[head.i - 1].text == ","


def _gerund_after(token: Token) -> bool:
    """Is the token inside `after <gerund> ...`?"""
    head = token
    for _ in range(5):
        if head.head is head:
            return False
        prev, head = head, head.head
        if head.lower_ == "after" and prev.tag_ == "VBG":
            return True
        if head.pos_ in {"VERB", "AUX"} and head.tag_ != "VBG":
            return False
    return False


def _finite_tense(token: Token) -> str:
    """The tense of the finite verb above the token (see `clause_tense`)."""
    verb = _verb_above(token)
    infinitive = False
    for _ in range(4):
        if verb is None:
            break
        aux = {child.lower_ for child in verb.children if child.dep_ in {"aux", "auxpass"}}
        if "to" in aux and not infinitive:
            infinitive = True
        elif (infinitive and verb.lemma_ not in ACTUAL_TIME_VERBS and
              verb.lower_ not in ACTUAL_TIME_VERBS) or aux & FUTURE_AUX or (
                aux & MODAL_AUX and not aux & PERFECT_AUX and
                not any(c.dep_ == "neg" for c in verb.children)) or (
                verb.tag_ in {"VBZ", "VBP"} and not aux and (
                    verb.lower_ in SCHEDULED_VERBS or
                    any(c.dep_ == "mark" and c.lower_ in FUTURE_MARKS for c in verb.children))):
            return "future"
        elif verb.tag_ == "VBD" or aux & PAST_AUX or (verb.tag_ == "VBN" and aux & PERFECT_AUX):
            return "past"
        elif verb.tag_ in {"VBZ", "VBP", "MD"} or aux:
            return "present"
        parent = verb.head
        if parent is verb or verb.dep_ not in NON_FINITE_DEPS:
            break
        verb = _verb_above(parent)
    if infinitive:
        return "future"
    if verb is not None and verb.tag_ == "VBN":
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
        self.qualifiers = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.qualifiers.add("Q", [nlp.make_doc(p) for p in dates.word_list("qualifiers")])

    def _with_qualifier(self, span: Span, taken: list[Span]) -> Span:
        """`at least 24 hours`, `nearly seven years`: a duration keeps its modifier."""
        doc = span.doc
        value = self._value(span)
        if value is None or value.timex_type != "DURATION" or span[0].lower_ in DETERMINER_WORDS:
            return span  # "over the past two years": "over" is a preposition there
        best = phrase_start_before(
            self.qualifiers, span, 3,
            lambda t: not _verb_particle(t) and t.lower_ not in AMBIGUOUS_QUALIFIERS)
        if best == span.start or overlaps(doc[best:span.start], taken):
            return span
        return Span(doc, best, span.end, label=span.label)

    def __call__(self, doc: Doc) -> Doc:
        taken = list(doc.spans[extensions.ENTITIES]) if extensions.ENTITIES in doc.spans else []
        opaque = list(doc.spans[extensions.OPAQUE]) if extensions.OPAQUE in doc.spans else []
        candidates = [Span(doc, e.start, e.end, label="DATE") for e in doc.ents
                      if e.label_ in {"DATE", "TIME"}]
        candidates += [Span(doc, s, e - (m in self.trim_last), label="DATE")
                       for m, s, e in self.matcher(doc)]
        candidates += [Span(doc, t.i, t.i + 1, label="DATE") for t in doc
                       if t.shape_ == "dd" and _short_year_end(doc[t.i:t.i + 1]) is not None]
        found: list[Span] = []
        for cand in sorted(candidates, key=lambda s: (s.start - s.end, s.start)):
            for span in self._pieces(cand):
                if overlaps(span, taken) or any(
                        o.start <= span.start and span.end <= o.end for o in opaque):
                    continue
                if self._adjectival(span) or _bare_plural_unit(span) or _age(span):
                    continue
                found.append(span)
        kept = non_overlapping(self._with_qualifier(s, taken) for s in non_overlapping(found))
        for span in kept:
            span._.timex = self._normalise(span, kept)
        for left, right in itertools.pairwise(kept):
            if right._.timex is None and _bare_day(right) and right.start == left.end + 1 and \
                    doc[left.end].lower_ in CONNECTORS and _full_day(left._.timex):
                day = _full_day(left._.timex)  # "from September 13 to 21"
                right._.timex = dates.Timex("DATE", f"{day[:8]}{int(right.text):02d}")
        for span in kept:
            span._.timex = _day_of_time(span, kept) or _rate(span) or \
                _weekday_with_date(span, kept) or span._.timex
        kept = _join_day_parts(kept)
        for left, right in itertools.pairwise(kept):
            _order_range(left, right)
        doc.spans[extensions.DATES] = [s for s in kept if s._.timex is not None]
        return doc

    def _pieces(self, span: Span) -> list[Span]:
        """The candidate trimmed to its TIMEX3 extent; a range becomes its two ends."""
        qualified = any(s == span.start for _, s, _ in self.qualifiers(span))
        trimmed = strip_tokens(span, leading=POSSESSIVES if qualified else LEADING_WORDS,
                               trailing=TRAILING_WORDS)
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
                    (self._value(right) or _short_year_end(right) is not None or
                     _bare_day(right)):
                return [Span(span.doc, left.start, left.end, label="DATE"),
                        Span(span.doc, right.start, right.end, label="DATE")]
        split = self._duration_then_date(trimmed)
        if split:
            return split
        known = trimmed.text.lower() in REPORTED_PERIOD | PRIOR_PERIOD or \
            _short_year_end(trimmed) is not None
        if len(trimmed) == 1 and trimmed[0].shape_ == "dddd" and (
                _beside_digits(trimmed) or not 1800 <= int(trimmed[0].text) <= 2100):
            return []  # "0113 343 2000", "306-966-1851" are phone numbers; "1200" is no year
        if _ordinal_in_name(trimmed):
            return []  # "the 18th National Congress", "the 14th Five-Year Plan"
        return [trimmed] if whole is not None or known else []

    def _duration_then_date(self, span: Span) -> list[Span]:
        """`four months this spring`, `4 days two years ago`: a duration and then the date
        it sits in are two expressions the model joined."""
        doc = span.doc
        for cut in range(span.start + 2, span.end - 1):
            if doc[cut - 1].lower_ not in DURATION_UNITS:
                continue
            left, right = doc[span.start:cut], doc[cut:span.end]
            if right[0].lower_ in PREPOSITIONS or right[0].lower_ == "of":
                continue  # "the first six months of 2024" is one
            a, b = self._value(left), self._value(right)
            if a is not None and b is not None and a.timex_type == "DURATION" and \
                    b.timex_type == "DATE":
                return [Span(doc, left.start, left.end, label="DATE"),
                        Span(doc, right.start, right.end, label="DATE")]
        return []

    def _adjectival(self, span: Span) -> bool:
        """`daily work`, `annual report`, `winter appeal`: words describing a noun are no dates."""
        if len(span) != 1:
            return False
        tok = span[0]
        if tok.is_digit or tok.lower_ in MONTH_NAMES:
            return False  # "its 2024 budget", "the November tour" are dates
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
        if lower in GENERIC_TODAY_WORDS and tense == "present" and \
                (all(t.is_punct for t in span.doc[span.sent.start:span.start]) or
                 _habitual(span)) and span.root.dep_ != "poss" and \
                _governing_lemma(span) not in NEWS_VERBS:
            return dates.Timex("DATE", "PRESENT_REF")  # "Today we ship", "pipes ... today"
        lower = _without_modifier(lower)  # "the end of the quarter" is that quarter
        if lower in REPORTED_PERIOD:  # "the quarter" of an earnings release: the one reported
            reported = self._reported(span, all_dates, anchor, QUARTER_VALUE)
            if reported is not None:
                return reported
        if lower in FISCAL_YEAR_PHRASES:
            reported = self._reported(span, all_dates, anchor, ("FY",))
            if reported is not None:
                return dates.Timex("DATE", reported.value.split("-")[0])
        if lower in REPORTED_YEAR | PRIOR_YEAR and (tense == "past" or lower in PRIOR_YEAR):
            reported = self._reported(span, all_dates, anchor, QUARTER_VALUE)
            if reported is not None and anchor is not None and \
                    reported.value[:4].isdigit() and int(reported.value[:4]) < anchor.year:
                year = reported.value.split("-")[0]  # "ended the year" of a Q4 2024 release
                return dates.Timex("DATE", _shift_year(year, -1) if lower in PRIOR_YEAR else year)
        if lower in PRIOR_PERIOD:  # "For the first half ..., compared with the prior-year period"
            same = [o._.timex for o in all_dates if span.sent.start <= o.start < span.start
                    and o._.timex is not None and o._.timex.value[-3:-1] in {"-Q", "-H"}]
            reported = same[-1] if same else \
                self._reported(span, all_dates, anchor, QUARTER_VALUE)
            if reported is not None:
                return dates.Timex("DATE", _shift_year(reported.value, -1))
        same_day = next((p for p in SAME_DAY if lower == p or lower.endswith(" " + p)), None)
        if same_day is not None:  # "at 4.30pm the same day": the last day named before
            day = next((_full_day(o._.timex) for o in reversed(all_dates)
                        if o.start < span.start and _full_day(o._.timex)
                        and o._.timex.timex_type == "DATE"), None)
            clock = self._value(span.doc[span.start:span.end - len(same_day.split())]) \
                if lower != same_day else None
            if day is not None and clock is None:
                return dates.Timex("DATE", day)
            if day is not None and clock.timex_type == "TIME" and "T" in clock.value:
                return dates.Timex("TIME", day + clock.value[10:])
        if any(key in lower for key in RELATIVE_TO_SENTENCE):
            sent = span.sent
            window_start = sent.start
            if sent.start > 0:
                window_start = span.doc[sent.start - 1].sent.start  # and the sentence before
            window = [o for o in all_dates if window_start <= o.start < span.start]
            if "same " in lower:  # the period the sentence is about: its first one
                in_sent = [o for o in window if o.start >= sent.start]
                window = [*window[:len(window) - len(in_sent)], *reversed(in_sent)]
            for other in reversed(window):
                value = other._.timex if other._.timex is not None else \
                    self._value(other, anchor, clause_tense(other.root))
                if value is not None and value.value.startswith("FY") and \
                        any(key in lower for key in YEAR_BEFORE):
                    return dates.Timex("DATE", _shift_year(value.value.split("-")[0], -1))
                if value is None or value.timex_type != "DATE" or not value.value[:4].isdigit():
                    continue
                if "same " in lower:
                    if value.value[4:6] in {"-Q", "-H"} or len(value.value) == 7:
                        return dates.Timex("DATE", _shift_year(value.value, -1))
                    continue  # only a period of the year anchors "the same period"
                year = int(value.value[:4])
                base = anchor or dt.date(year, 12, 31)
                anchor = base.replace(year=year, day=min(base.day, 28))
                break
            else:
                if "same quarter" in lower or "same half" in lower:  # of the reported period
                    reported = self._reported(span, all_dates, anchor, QUARTER_VALUE)
                    if reported is not None and reported.value[4:6] in {"-Q", "-H"} and \
                            ("quarter" in lower) == (reported.value[4:6] == "-Q"):
                        return dates.Timex("DATE", _shift_year(reported.value, -1))
        short = _short_year_end(span)
        if short is not None:
            return dates.Timex("DATE", short)
        if span.start > 0 and span.doc[span.start - 1].lower_ in SPAN_PREPOSITIONS and \
                len(span) == 3 and span[0].lower_ == "the" and span[1].lower_ in {"next", "past"}:
            value = dates.normalise(f"one {span[2].lower_}", None)  # "over the next year"
            if value is not None and value.timex_type == "DURATION":
                return value
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
        """The first date of the article whose value has the shape: the period it reports.

        Earlier dates first; a headline's bare `Fourth Quarter` may name its fiscal
        year only later (`... Fourth Quarter Fiscal 2025`), so later dates next.
        """
        earlier = [o for o in all_dates if o.start < span.start]
        later = [o for o in all_dates if o.start > span.start and any(t.is_digit for t in o)]
        found: dates.Timex | None = None
        for other in [*earlier, *later]:
            if other.text.lower() in REPORTED_PERIOD | PRIOR_PERIOD:
                continue
            value = self._resolved(other, anchor, clause_tense(other.root))
            if value is not None and value.timex_type == "DATE" and any(
                    marker in value.value for marker in shape):
                if value.value.startswith("FY"):
                    return value  # a fiscal quarter beats a headline's bare "Fourth Quarter"
                found = found or value
        return found


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


def _age(span: Span) -> bool:
    """`aged 6 to 59 months`, `at 5 months of age`, `two years old`: ages are no dates."""
    doc = span.doc
    if span[-1].lower_ not in DURATION_UNITS:
        return False
    after = [t.lower_ for t in doc[span.end:span.end + 2]]
    before = [t.lower_ for t in doc[max(0, span.start - 3):span.start]]
    return after[:2] == ["of", "age"] or after[:1] == ["old"] or "aged" in before


def _bare_day(span: Span) -> bool:
    """`21` of `September 13 to 21`: a day of the month standing alone."""
    return len(span) == 1 and span[0].is_digit and len(span[0].text) <= 2 and \
        1 <= int(span[0].text) <= 31


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


MONTH_NAMES = words("month_names")
DETERMINER_WORDS = words("determiners")
DAY_NAMING_WORDS = words("weekdays") | frozenset(dates.word_list("day_words")) | {"tonight"}
AMBIGUOUS_QUALIFIERS = frozenset({"over"})  # "over five years" spreads, it does not exceed


def _verb_particle(token: Token) -> bool:
    """The `up` of `picked up to 0.6%` belongs to the verb, not to a qualifier."""
    return token.dep_ == "prt" or (token.i > 0 and token.lower_ == "up" and
                                   token.doc[token.i - 1].pos_ == "VERB")


def _ordinal_in_name(span: Span) -> bool:
    """`the 18th` before a capitalised name is part of the name, not a day of the month."""
    doc = span.doc
    if len(span) != 2 or span[0].lower_ != "the" or span[1].shape_ not in {"dxx", "ddxx"} or \
            span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return nxt.is_title and nxt.lower_ not in MONTH_NAMES


def _day_of_time(span: Span, all_dates: list[Span]) -> dates.Timex | None:
    """`on Saturday from 10 a.m. to 2 p.m.`: a clock time takes the day said beside it.

    The nearest day in the sentence (before it, else after it), else in the
    sentence before; without one the time stays on the document date.
    """
    timex = span._.timex
    if timex is None or timex.timex_type != "TIME" or "T" not in timex.value:
        return None
    if any(t.lower_ in DAY_NAMING_WORDS or t.lower_ in MONTH_NAMES for t in span):
        return None  # "9:00 a.m. CT today", "2:30 p.m. Tuesday" name their own day
    sent = span.sent
    if any(o._.timex is not None and o._.timex.value == "P1D" and
           sent.start <= o.start < sent.end for o in all_dates):
        return dates.Timex("TIME", "XXXX-XX-XX" + timex.value[10:])  # "7 p.m. to 8 a.m. daily"
    previous = span.doc[sent.start - 1].sent if sent.start > 0 else None

    def day_value(other: Span) -> str | None:
        value = other._.timex.value if other._.timex else ""
        day = value[:10]
        return day if len(day) == 10 and day[:4].isdigit() and day[4] == "-" and \
            day[7] == "-" else None

    same = [o for o in all_dates if o is not span and sent.start <= o.start < sent.end]
    same.sort(key=lambda o: (o.start > span.start, abs(o.start - span.start)))
    before = [o for o in all_dates if previous is not None and
              previous.start <= o.start < previous.end]
    for other in [*same, *reversed(before)]:
        day = day_value(other)
        if day is not None and not (other._.timex.timex_type == "TIME" and
                                    day == timex.value[:10]):
            return dates.Timex("TIME", day + timex.value[10:])
    return None


def _rate(span: Span) -> dates.Timex | None:
    """`$31.40 an hour`, `three shifts a day`: `a <unit>` after an amount is a rate, a SET."""
    tokens = [t.lower_ for t in span]
    if len(tokens) != 2 or tokens[0] not in {"a", "an"}:
        return None
    doc = span.doc
    window = doc[max(span.sent.start, span.start - 4):span.start]
    if not any(t.like_num or t.is_currency for t in window):
        return None
    value = dates.normalise(f"per {tokens[1]}", None)
    return value if value is not None and value.timex_type == "SET" else None


GENERIC_TODAY_WORDS = frozenset({"today"})
NEWS_VERBS = words("news_verbs")  # "Acme today announces": the day, not the present
SPAN_PREPOSITIONS = words("span_prepositions")


def _habitual(span: Span) -> bool:
    """`pipes that carry gas today`, `what a factory needs today`: a simple present of a
    verb other than `be` states what holds now, not what happens on the day; `is available
    today` and `today we are backing` are the day."""
    verb = _verb_above(span.root)
    return verb is not None and verb.tag_ in {"VBZ", "VBP"} and \
        verb.lower_ not in PRESENT_BE and \
        not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def _governing_lemma(span: Span) -> str:
    """The governing verb's base form; the pipeline runs no lemmatizer, so strip endings."""
    verb = _verb_above(span.root)
    if verb is None:
        return ""
    word = verb.lower_
    for ending in ("ing", "es", "ed", "s", "d"):
        if word.endswith(ending) and word.removesuffix(ending) in NEWS_VERBS:
            return word.removesuffix(ending)
    return word


def _without_modifier(lower: str) -> str:
    for prefix in ("the end of ", "the start of ", "the beginning of ", "the close of "):
        if lower.startswith(prefix):
            return lower.removeprefix(prefix)
    return lower


BARE_UNITS = words("bare_time_units")
UNIT_CONTEXT = words("time_context_words")


def _bare_plural_unit(span: Span) -> bool:
    """`library hours`, `the opening and closing days`: a unit naming no length of time.

    A bare plural unit is a vague duration only beside a word of time
    (`for years`, `hours after a crash`, `waited days`)."""
    if len(span) != 1 or span[0].lower_ not in BARE_UNITS:
        return False
    doc = span.doc
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    return prev not in UNIT_CONTEXT and nxt not in UNIT_CONTEXT


def _weekday_with_date(span: Span, all_dates: list[Span]) -> dates.Timex | None:
    """`on Saturday, 26 April`: a weekday takes the date written beside it when they agree."""
    timex = span._.timex
    if timex is None or timex.timex_type != "DATE" or len(span) != 1 or \
            span[0].lower_ not in WEEKDAY_NUMBERS:
        return None
    nxt = next((o for o in all_dates if span.end <= o.start <= span.end + 1), None)
    if nxt is None or nxt._.timex is None or len(nxt._.timex.value) != 10:
        return None
    try:
        day = dt.date.fromisoformat(nxt._.timex.value)
    except ValueError:
        return None
    if day.isoweekday() != WEEKDAY_NUMBERS[span[0].lower_]:
        return None
    return dates.Timex("DATE", nxt._.timex.value)


def _full_day(timex: dates.Timex | None) -> str | None:
    """The `YYYY-MM-DD` (or `XXXX-XX-XX`) day a value names, if it names one."""
    if timex is None or timex.timex_type not in {"DATE", "TIME"}:
        return None
    day = timex.value[:10]
    return day if len(day) == 10 and day[4] == "-" and day[7] == "-" else None


def _join_day_parts(spans: list[Span]) -> list[Span]:
    """One span for one moment (corpus/ANNOTATION.md): `noon Monday`, `6:30 p.m. next
    Tuesday`, `14 JAN 2025 5:30PM` and `Saturday, 12 April, 2.30pm` are one TIME;
    `Saturday, 23 August` is one DATE."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is None or prev.sent.start != span.sent.start:
            out.append(span)
            continue
        doc = span.doc
        gap = doc[prev.end:span.start]
        a, b = prev._.timex, span._.timex
        joined: dates.Timex | None = None
        if [t.text for t in gap] in ([], [","]) and a is not None and b is not None:
            times = [t for t in (a, b) if t.timex_type == "TIME" and "T" in t.value]
            days = [t for t in (a, b) if t.timex_type == "DATE" and _full_day(t)]
            if len(times) == 1 and len(days) == 1:
                joined = dates.Timex("TIME", _full_day(days[0]) + times[0].value[10:])
        if joined is None and [t.text for t in gap] in ([], [","]) and len(prev) == 1 and \
                prev[0].lower_ in WEEKDAY_NUMBERS and a is not None and b is not None and \
                b.timex_type == "DATE" and _full_day(b) == b.value and a.value == b.value:
            joined = b  # the weekday already took the date beside it (_weekday_with_date)
        if joined is None:
            out.append(span)
            continue
        merged = Span(doc, prev.start, span.end, label="DATE")
        merged._.timex = joined
        out[-1] = merged
    return out
