"""The `pressfacts_dateline` component: the dateline and byline at an article's head.

Wire and release datelines (`BEIJING, Jan. 5 (Xinhua) --`, `NEW YORK, March 3,
2024 /PRNewswire/ --`, `LONDON (Reuters) -`, `Nanchang, August 12 (Reporter
Li Yunhan)`) give the place, the date the article speaks from and the wire.
The document date comes from metadata first, then the command line, then
the dateline.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from pipeline import dates, extensions
from pipeline.lexicon import words

MONTHS = words("month_names")
DASHES = {"--", "—", "-", "–", "---"}
WIRES = frozenset(w.lower() for w in words("wire_services"))
BYLINE_WORDS = {"reporter", "reporters", "correspondent", "by", "writer"}


def _is_place_token(token: Token) -> bool:
    return (token.is_upper or token.is_title or token.text.endswith(".")) and \
        token.lower_ not in MONTHS and not token.like_num


@Language.factory("pressfacts_dateline", default_config={"max_tokens": 40})
def make_dateline(nlp: Language, name: str, max_tokens: int) -> DatelineFinder:
    """Factory: how far into the article a dateline may reach."""
    return DatelineFinder(nlp, name, max_tokens)


class DatelineFinder:
    """Set `doc._.dateline`, `doc._.byline` and, failing metadata, `doc._.document_date`."""

    def __init__(self, nlp: Language, name: str, max_tokens: int) -> None:
        self.name = name
        self.max_tokens = max_tokens
        self.date_matcher = Matcher(nlp.vocab)
        self.date_matcher.add("DATELINE_DATE", [[
            {"LOWER": {"IN": sorted(MONTHS)}},
            {"IS_DIGIT": True, "LENGTH": {"<=": 2}},
            {"ORTH": ",", "OP": "?"},
            {"SHAPE": "dddd", "OP": "?"},
        ], [  # "NAIROBI, 8 April 2025 –", "Geneva/Dhaka, 3 June 2025 –"
            {"IS_DIGIT": True, "LENGTH": {"<=": 2}},
            {"LOWER": {"IN": sorted(MONTHS)}},
            {"ORTH": ",", "OP": "?"},
            {"SHAPE": "dddd", "OP": "?"},
        ]], greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        for start, end in self._first_lines(doc):
            if self._parse(doc, start, end):
                break
        return doc

    def _parse(self, doc: Doc, start: int, end: int) -> bool:
        """Read a dateline on tokens [start, end); True if there was one."""
        i = start
        place_start = i
        while i < end and _is_place_token(doc[i]) and doc[i].text not in {"(", "/"}:
            i += 1
            while i < end and doc[i].lower_ in {",", "and", "&", "/"} and i + 1 < end and \
                    _is_place_token(doc[i + 1]):
                i += 1  # "SAN JOSE, Calif.," / "NAIROBI, Kenya," / "MUNICH and BOSTON" / "A/B"
        place = doc[place_start:i].text.rstrip(",").strip() or None
        while i < end and doc[i].text == ",":
            i += 1
        date_text = None
        matches = sorted((s, e) for _, s, e in self.date_matcher(doc[i:end].as_doc()))
        if matches and matches[0][0] == 0:
            s, e = matches[0]
            date_span = doc[i + s:i + e]
            if date_span[-1].text == ",":
                date_span = doc[date_span.start:date_span.end - 1]
            date_text = date_span.text
            i = date_span.end
        agency = None
        byline = None
        if i + 1 < end and doc[i].text in DASHES and doc[i + 1].text == "(":
            i += 1  # Business Wire: "BOSTON--(BUSINESS WIRE)--"
        if i < end and doc[i].text in {"(", "/"}:
            close = "(" if doc[i].text == "(" else "/"
            closer = ")" if close == "(" else "/"
            j = next((k for k in range(i + 1, end) if doc[k].text == closer), None)
            if j is not None:
                inner = doc[i + 1:j]
                if inner and inner[0].lower_ in BYLINE_WORDS:
                    byline = inner[1:].text or None
                else:
                    agency = inner.text
                i = j + 1
        # a dash that stands apart: "LONDON (Reuters) -", not "SOCIO-ECONOMIC"
        dashed = i < end and doc[i].text in DASHES and (i == 0 or bool(doc[i - 1].whitespace_))
        if dashed:
            i += 1
        known_wire = agency is not None and agency.lower() in WIRES
        capital_place = bool(place) and place.split(",")[0].isupper() and dashed
        if not ((place and (date_text or known_wire or byline)) or date_text or capital_place):
            return False
        if place and doc[place_start].lower_ in {"the", "a", "an"}:
            return False
        if not place and doc[i - 1].text not in DASHES:
            return False
        last = doc[i - 1]
        doc._.dateline = {"place": place, "date_text": date_text,
                          "start": doc[start].idx, "end": last.idx + len(last.text)}
        doc._.byline = byline
        if date_text is not None:
            self._date_from_dateline(doc, date_text)
        return True

    def _first_lines(self, doc: Doc, lines: int = 3) -> list[tuple[int, int]]:
        """Token ranges of the first lines (a headline may stand above the dateline)."""
        ranges = []
        start = 0
        while start < len(doc) and len(ranges) < lines:
            while start < len(doc) and (doc[start].is_space or doc[start].is_punct) and \
                    doc[start].text not in {"("}:
                start += 1
            end = start
            while end < len(doc) and end - start < self.max_tokens and \
                    "\n" not in doc[end].text:
                end += 1
            if end > start:
                ranges.append((start, end))
            while end < len(doc) and "\n" not in doc[end].text:
                end += 1
            start = end + 1
        return ranges

    def _date_from_dateline(self, doc: Doc, date_text: str) -> None:
        """Metadata and CLI dates win; a yearless dateline borrows a year only if months agree."""
        timex = dates.normalise(date_text, None)
        if timex is None or timex.timex_type != "DATE":
            return
        known: dt.date | None = doc._.document_date
        value = timex.value
        if value.startswith("XXXX") and known is not None:
            if value[5:7] == f"{known.month:02d}":
                value = f"{known.year}{value[4:]}"
            else:
                extensions.warn(doc, f"dateline date {date_text!r} disagrees with the document "
                                     f"date {known.isoformat()}")
        if known is not None:
            if not value.startswith("XXXX") and value != known.isoformat():
                extensions.warn(doc, f"dateline date {date_text!r} disagrees with the document "
                                     f"date {known.isoformat()}")
            return
        parsed = dates.parse_iso_date(value)
        if parsed is not None:
            doc._.document_date = parsed
            doc._.document_date_source = "dateline"
        else:
            extensions.warn(doc, f"dateline date {date_text!r} has no year: document date unknown")
