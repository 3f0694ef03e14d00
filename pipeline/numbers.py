"""Normalise COUNT, MONEY and PERCENT span texts to values (corpus/ANNOTATION.md).

Pure module: no spaCy.  The vocabularies (qualifier phrases, magnitudes, currencies) live in
``pipeline/patterns/*.jsonl`` so the spaCy components and this parser share one definition.

A span is lower-cased and cut into tokens (numerals, words, single symbols); the tokens are then
matched left to right against the tables: ``[qualifier...] number [connector number] [+]``.
Everything in the span must be consumed, otherwise the parse is ``None``: a value is only
reported when the whole span is understood.

Number words go through the maintained ``text2num`` library (Rust, ~1 us a call).  Measured gaps
(text2num 3.1.0) and how they are closed here:

* ``"a hundred"``, ``"a thousand"``, ``"a million"``: ValueError (the article is not a number
  word).  Read here as 1 x the magnitude from ``magnitudes.jsonl``.
* ``"dozen"``, ``"a dozen"``, ``"two dozen"``: ValueError.  ``dozen`` is a multiplier (12) in
  ``magnitudes.jsonl``.
* ``"hundreds"``, ``"thousands"``, ``"millions"``, ``"tens"``: text2num returns 100, 1000,
  1000000 and 10, but the guidelines give the vague magnitudes 200, 2000, 2000000 (and ``tens``
  alone is no number).  Vague phrases are matched in ``magnitudes.jsonl`` before text2num is
  asked, and plural words (ending in ``s``) are never passed to it.
* ``"dozens"``, ``"tens of thousands"``: ValueError; matched as vague magnitudes.
* Digits with scale words (``"1.2 million"``, ``"3.5bn"``, ``"12k"``): not text2num's job;
  numerals are read here and multiplied by the magnitude table (Decimal, so 1.2 x 10^6 is an
  exact integer).
* A bare scale word (``"million"``, ``"hundred"``) parses in text2num (1000000, 100); it is no
  numeral in a text, so it gives ``None`` here.
* Not handled by text2num nor here: fractions (``"half a million"``, ``"one and a half"``),
  ``"one point five"``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import NamedTuple, cast

from text_to_num import text2num

PATTERNS_DIR = Path(__file__).parent / "patterns"

# Closed-class grammar of a span, not vocabulary: these are punctuation signs and the handful of
# function words the span grammar itself is built from.
_ARTICLES = frozenset({"a", "an"})
_RANGE_SIGNS = frozenset({"-", "–", "—", "to", "or"})  # "and" only after "between"
_BETWEEN_AND = "and"
_PLUS_SIGN = "+"
_OF = "of"
_PERCENT_SIGNS: tuple[tuple[str, ...], ...] = (
    ("percentage", "points"),
    ("percentage", "point"),
    ("per", "cent"),
    ("percent",),
    ("pct",),
    ("pc",),
    ("%",),
)
_NEGATIVE_SIGNS = frozenset({"-", "−"})

# One token: a numeral with thousands separators (comma, space, thin/no-break space), a plain
# numeral with optional decimals, a (hyphenated) word, or any single other character.
_TOKEN_RE = re.compile(
    r"\d{1,3}(?:[,\u00a0\u2009\u202f ]\d{3})+(?:\.\d+)?(?!\d)"
    r"|\d+(?:\.\d+)?"
    r"|[^\W\d_]+(?:-[^\W\d_]+)*"
    r"|\S"
)
_SEPARATORS = str.maketrans("", "", ", \u00a0\u2009\u202f")

_EXACT = "exact"
_RANGE = "range"
_LOWER = "lower_bound"


@dataclass(frozen=True)
class Quantity:
    """A normalised COUNT or PERCENT value."""

    value: int | float
    value_max: int | float | None
    qualifier: str


@dataclass(frozen=True)
class Money:
    """A normalised MONEY value; ``currency`` is an ISO 4217 code or None when none is named."""

    amount: int | float
    amount_max: int | float | None
    currency: str | None
    qualifier: str


class _Num(NamedTuple):
    """A number read from tokens: its value, where reading stopped, and how it was built."""

    value: Decimal
    end: int
    vague: bool
    multiplier: Decimal  # product of the scale words applied (1 when none)


# A phrase index: first token -> [(phrase tokens, payload)], longest phrase first.
_Index = dict[str, list[tuple[tuple[str, ...], object]]]


@dataclass(frozen=True)
class _Tables:
    """The data files, tokenised once so matching is a dict lookup plus a tuple compare."""

    qualifier_map: dict[str, str]
    qualifiers: _Index
    multipliers: dict[str, Decimal]
    vague: _Index
    currencies: _Index


def _tokens(text: str) -> list[str]:
    """Lower-cased tokens; the same cut is used for the data-file phrases so both line up."""
    return _TOKEN_RE.findall(text.lower())


def _read_jsonl(name: str) -> list[dict[str, object]]:
    with open(PATTERNS_DIR / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _index(entries: list[tuple[str, object]]) -> _Index:
    """Group phrases by first token, longest first, so the first hit is the longest match."""
    index: _Index = {}
    for phrase, payload in entries:
        toks = tuple(_tokens(phrase))
        index.setdefault(toks[0], []).append((toks, payload))
    for candidates in index.values():
        candidates.sort(key=lambda item: -len(item[0]))
    return index


@cache
def _tables() -> _Tables:
    """Load and index the three data files once per process."""
    quals = _read_jsonl("count_qualifiers.jsonl")
    mags = _read_jsonl("magnitudes.jsonl")
    curs = _read_jsonl("currencies.jsonl")
    qualifier_map = {str(q["phrase"]).lower(): str(q["qualifier"]) for q in quals}
    return _Tables(
        qualifier_map=qualifier_map,
        qualifiers=_index(list(qualifier_map.items())),
        multipliers={
            str(m["phrase"]): Decimal(str(m["multiplier"])) for m in mags if "multiplier" in m
        },
        vague=_index(
            [(str(m["phrase"]), Decimal(str(m["value"]))) for m in mags if m.get("vague")]
        ),
        currencies=_index(
            [(str(c["phrase"]), (str(c["code"]), bool(c.get("weak")))) for c in curs]
        ),
    )


@cache
def currency_words() -> frozenset[str]:
    """Every currency phrase of `currencies.jsonl`, lowercase (`$`, `yuan`, `u.s. dollars`)."""
    return frozenset(str(c["phrase"]).lower() for c in _read_jsonl("currencies.jsonl"))


@cache
def currency_prefixes() -> frozenset[str]:
    """Currency words that may stand before an amount: symbols and codes (`KSh 35,000`).

    A word such as `won` is left out, since `won 46` is a verb.
    """
    return frozenset(w for w in currency_words() if not w.isalpha() or len(w) <= 3) - {"won"}


@cache
def magnitude_words() -> frozenset[str]:
    """The magnitude words that multiply a number (`million`, `lakh`), not the vague ones."""
    return frozenset(str(m["phrase"]) for m in _read_jsonl("magnitudes.jsonl")
                     if not m.get("vague"))


def qualifier_phrases() -> dict[str, str]:
    """The qualifier table (phrase -> qualifier); a copy, so callers cannot alter the cache."""
    return dict(_tables().qualifier_map)


def _match(index: _Index, toks: list[str], i: int) -> tuple[int, object] | None:
    """Longest phrase of ``index`` starting at ``toks[i]``: (end, payload)."""
    if i >= len(toks):
        return None
    for phrase, payload in index.get(toks[i], ()):
        end = i + len(phrase)
        if tuple(toks[i:end]) == phrase:
            return end, payload
    return None


def _to_number(value: Decimal) -> int | float:
    """Whole numbers as int (12000, not 12000.0), others as float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _apply_multipliers(toks: list[str], i: int, value: Decimal, mult: Decimal) -> _Num:
    """Multiply by any scale words that follow ("1.2 million", "two dozen", "12k")."""
    multipliers = _tables().multipliers
    while i < len(toks) and toks[i] in multipliers:
        factor = multipliers[toks[i]]
        value *= factor
        mult *= factor
        i += 1
    return _Num(value, i, False, mult)


def _read_words(toks: list[str], i: int) -> _Num | None:
    """The longest run of number words from ``toks[i]`` that text2num accepts."""
    tables = _tables()
    if toks[i] in tables.multipliers or toks[i] == _BETWEEN_AND:
        return None  # a bare "million" / "hundred" is no numeral
    end = i
    while end < len(toks):
        tok = toks[end]
        if not tok.replace("-", "").isalpha() or tok in _RANGE_SIGNS or tok.endswith("s"):
            break  # plurals are vague magnitudes, text2num would misread them
        end += 1
    for stop in range(end, i, -1):
        if toks[stop - 1] == _BETWEEN_AND:
            continue
        try:
            value = text2num(" ".join(toks[i:stop]), "en")
        except ValueError:
            continue
        last = toks[stop - 1]
        mult = tables.multipliers.get(last, Decimal(1)) if stop - i > 1 else Decimal(1)
        return _apply_multipliers(toks, stop, Decimal(value), mult)
    return None


def _read_number(toks: list[str], i: int) -> _Num | None:
    """One number at ``toks[i]``: a vague magnitude, a numeral, "a dozen", or number words."""
    if i >= len(toks):
        return None
    tok = toks[i]
    tables = _tables()
    vague = _match(tables.vague, toks, i)
    if vague is not None:
        end, value = vague
        return _Num(cast(Decimal, value), end, True, Decimal(1))
    if tok[0].isdigit():
        return _apply_multipliers(toks, i + 1, Decimal(tok.translate(_SEPARATORS)), Decimal(1))
    if tok in _ARTICLES:
        if i + 1 < len(toks) and toks[i + 1] in tables.multipliers:
            return _apply_multipliers(toks, i + 1, Decimal(1), Decimal(1))
        return None
    return _read_words(toks, i)


def _read_qualifiers(toks: list[str], i: int) -> tuple[str | None, int]:
    """Leading modifiers; the last informative one wins ("only about 40" is approximate)."""
    qualifier: str | None = None
    index = _tables().qualifiers
    while (hit := _match(index, toks, i)) is not None:
        i, found = hit
        if qualifier is None or found != _EXACT:
            qualifier = str(found)
    return qualifier, i


def _join_range(first: _Num, second: _Num) -> tuple[Decimal, Decimal] | None:
    """Both ends of a range; None when it does not ascend (scores such as "3-1" are no range)."""
    low = first.value
    if not first.vague and first.multiplier == 1 and second.multiplier != 1:
        scaled = low * second.multiplier
        if scaled < second.value:
            low = scaled
    if second.value <= low:
        return None
    return low, second.value


def _final_qualifier(qualifier: str | None, vague: bool, is_range: bool) -> str:
    if is_range:
        return _RANGE
    if vague and qualifier in (None, _EXACT):
        return _LOWER
    return qualifier or _EXACT


def parse_number(text: str) -> int | float | None:
    """A bare numeral ("12,000", "1.2 million", "twenty-one", "a dozen", "dozens"), else None."""
    toks = _tokens(text)
    if not toks:
        return None
    num = _read_number(toks, 0)
    if num is None or num.end != len(toks):
        return None
    return _to_number(num.value)


def parse_count(text: str) -> Quantity | None:
    """A whole COUNT span, qualifier words included ("nearly 12,000", "200-300", "1,200+")."""
    toks = _tokens(text)
    if not toks:
        return None
    qualifier, i = _read_qualifiers(toks, 0)
    between = qualifier == _RANGE
    first = _read_number(toks, i)
    if first is None:
        return None
    i = first.end
    value_max: Decimal | None = None
    low = first.value
    if toks[i:i + 2] in (["-", "plus"], ["–", "plus"]):  # "600-plus"
        qualifier = _LOWER
        i += 2
    elif i < len(toks) and (toks[i] in _RANGE_SIGNS or (between and toks[i] == _BETWEEN_AND)):
        second = _read_number(toks, i + 1)
        if second is None:
            return None
        bounds = _join_range(first, second)
        if bounds is None:
            return None
        low, value_max = bounds
        i = second.end
    elif between:
        return None
    if i < len(toks) and toks[i] == _PLUS_SIGN and value_max is None:
        qualifier = _LOWER
        i += 1
    if i != len(toks):
        return None
    return Quantity(
        value=_to_number(low),
        value_max=None if value_max is None else _to_number(value_max),
        qualifier=_final_qualifier(qualifier, first.vague, value_max is not None),
    )


def _read_currency(toks: list[str], i: int, found: list[tuple[str, bool]]) -> int:
    """Consume a currency phrase at ``toks[i]`` if there is one, recording (code, weak)."""
    hit = _match(_tables().currencies, toks, i)
    if hit is None:
        return i
    end, payload = hit
    found.append(cast(tuple[str, bool], payload))
    return end


def _read_amount(toks: list[str], i: int, found: list[tuple[str, bool]]) -> _Num | None:
    """[currency] number [of] [currency]: "$3.2 million", "500 million yuan", "millions of euro"."""
    i = _read_currency(toks, i, found)
    num = _read_number(toks, i)
    if num is None:
        return None
    end = num.end
    if num.vague and end < len(toks) and toks[end] == _OF:
        after = _read_currency(toks, end + 1, found)
        if after == end + 1:
            return None
        return num._replace(end=after)
    return num._replace(end=_read_currency(toks, end, found))


def _pick_currency(found: list[tuple[str, bool]]) -> str | None:
    """A specific currency beats an ambiguous sign: "¥500 million yuan" is CNY, not JPY."""
    for code, weak in found:
        if not weak:
            return code
    return found[0][0] if found else None


def parse_money(text: str) -> Money | None:
    """A MONEY span ("$3.2 million", "RMB 500 million", "up to $100 million", "$10-12 million")."""
    toks = _tokens(text)
    if not toks:
        return None
    qualifier, i = _read_qualifiers(toks, 0)
    between = qualifier == _RANGE
    found: list[tuple[str, bool]] = []
    first = _read_amount(toks, i, found)
    if first is None:
        return None
    i = first.end
    low, high = first.value, None
    if i < len(toks) and (toks[i] in _RANGE_SIGNS or (between and toks[i] == _BETWEEN_AND)):
        second = _read_amount(toks, i + 1, found)
        if second is None:
            return None
        bounds = _join_range(first, second)
        if bounds is None:
            return None
        low, high = bounds
        i = second.end
    elif between:
        return None
    if i < len(toks) and toks[i] == _PLUS_SIGN and high is None:
        qualifier = _LOWER
        i += 1
    if i != len(toks):
        return None
    return Money(
        amount=_to_number(low),
        amount_max=None if high is None else _to_number(high),
        currency=_pick_currency(found),
        qualifier=_final_qualifier(qualifier, first.vague, high is not None),
    )


def _read_percent_sign(toks: list[str], i: int) -> int:
    """Consume "%", "percent", "per cent", "percentage points"... at ``toks[i]`` if present."""
    for sign in _PERCENT_SIGNS:
        end = i + len(sign)
        if tuple(toks[i:end]) == sign:
            return end
    return i


def parse_percent(text: str) -> Quantity | None:
    """A PERCENT span ("45%", "over 99 percent", "20% to 60%", "2 percentage points").

    The value stays in percent units (45, not 0.45); a leading minus sign makes it negative.
    A span without any percent sign or word is no percentage (None).
    """
    toks = _tokens(text)
    if not toks:
        return None
    i = 0
    sign = 1
    if toks[0] in _NEGATIVE_SIGNS:
        sign, i = -1, 1
    qualifier, i = _read_qualifiers(toks, i)
    between = qualifier == _RANGE
    first = _read_number(toks, i)
    if first is None or first.vague:
        return None
    i = _read_percent_sign(toks, first.end)
    marked = i != first.end
    low, high = sign * first.value, None
    if i < len(toks) and (toks[i] in _RANGE_SIGNS or (between and toks[i] == _BETWEEN_AND)):
        second = _read_number(toks, i + 1)
        if second is None or second.vague:
            return None
        bounds = _join_range(first._replace(value=low), second)
        if bounds is None:
            return None
        low, high = bounds
        i = _read_percent_sign(toks, second.end)
        marked = i != second.end
    elif between:
        return None
    if not marked or i != len(toks):
        return None
    return Quantity(
        value=_to_number(low),
        value_max=None if high is None else _to_number(high),
        qualifier=_final_qualifier(qualifier, False, high is not None),
    )
