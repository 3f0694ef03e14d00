"""Normalise temporal expressions to TIMEX3 values, as corpus/ANNOTATION.md defines them.

The normaliser is pure: a span text and an anchor (the document date) in, a
``Timex`` out. It splits the text into lowercase word tokens and matches token
sequences against the word tables in ``patterns/date_words.json``, so adding a
word is a data change, and it is fast enough to run on every candidate span
(dateparser is about two orders of magnitude slower and has no notion of
durations, sets or TIMEX granularity; see ``pipeline/datebench.py``).
"""

from __future__ import annotations

import calendar
import datetime
import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from text_to_num import text2num

_WORDS_PATH = Path(__file__).parent / "patterns" / "date_words.json"
# A digit run with its inner separators and letter suffix ("2021-08-12", "8/12/2021",
# "9:30", "12,000", "12th", "1990s", "10am") or a word ("aug", "a.m").
_TOKEN_RE = re.compile(r"\d+(?:[.,/:-]\d+)*[a-z]*|[a-z]+(?:\.[a-z]+)*")
_MISS = object()
CONSECUTIVE = frozenset({"consecutive", "straight", "successive", "running"})

Toks = Sequence[str]


@dataclass(frozen=True)
class Timex:
    """A normalised temporal expression: TIMEX3 type and value."""

    timex_type: str  # "DATE" | "DURATION" | "SET" | "TIME"
    value: str


# --------------------------------------------------------------------------- tables


class _Phrases:
    """Token-sequence table with longest-match lookup, so "a couple of" beats "a"."""

    __slots__ = ("maxlen", "starts", "table")

    def __init__(self, entries: dict[str, Any] | Iterable[str]) -> None:
        items = entries.items() if isinstance(entries, dict) else ((e, True) for e in entries)
        self.table: dict[tuple[str, ...], Any] = {tuple(k.split()): v for k, v in items}
        self.maxlen = max((len(k) for k in self.table), default=0)
        self.starts = frozenset(k[0] for k in self.table)  # most lookups miss on the first word

    def match(self, toks: Toks, i: int) -> tuple[Any, int] | None:
        """Longest entry starting at toks[i]: (value, index after it)."""
        if i >= len(toks) or toks[i] not in self.starts:
            return None
        for n in range(min(self.maxlen, len(toks) - i), 0, -1):
            value = self.table.get(tuple(toks[i : i + n]), _MISS)
            if value is not _MISS:
                return value, i + n
        return None

    def full(self, toks: Toks) -> Any:
        """Value of the entry equal to the whole token list, else None."""
        return self.table.get(tuple(toks))


@dataclass(frozen=True)
class _Tables:
    """The word tables, parsed once into the shapes the matcher needs."""

    months: dict[str, int]
    weekdays: dict[str, int]
    ambiguous: frozenset[str]
    ordinal_suffixes: frozenset[str]
    ordinals: _Phrases
    number_words: frozenset[str]
    number_phrases: _Phrases
    vague_quantities: _Phrases
    units: dict[str, tuple[str, bool]]
    unit_info: dict[str, dict[str, Any]]
    fillers: frozenset[str]
    counted_fiscal_words: frozenset[str]
    qualifiers: _Phrases
    prepositions: _Phrases
    modifiers: _Phrases
    trailing_modifiers: frozenset[str]
    relative: _Phrases
    span_words: frozenset[str]
    ago: _Phrases
    same_words: frozenset[str]
    period_words: frozenset[str]
    day_words: _Phrases
    day_parts: dict[str, str]
    day_part_phrases: _Phrases
    seasons: dict[str, tuple[str, int]]
    quarter_words: frozenset[str]
    half_words: frozenset[str]
    fiscal_words: frozenset[str]
    calendar_words: frozenset[str]
    meridiem: _Phrases
    named_times: dict[str, tuple[int, int]]
    time_links: frozenset[str]
    timezones: _Phrases
    vague: _Phrases
    generic_today: _Phrases
    sets: _Phrases
    set_quantifiers: frozenset[str]
    set_other: frozenset[str]
    frequency_words: dict[str, int]
    frequency_times: frozenset[str]
    frequency_links: frozenset[str]
    time_hints: frozenset[str]
    finer_units: dict[str, tuple[str, int, bool]]
    holidays: _Phrases


@functools.cache
def _raw_words() -> dict[str, Any]:
    """patterns/date_words.json as loaded, read once."""
    return json.loads(_WORDS_PATH.read_text(encoding="utf-8"))


@functools.cache
def _tables() -> _Tables:
    """The word tables built once from date_words.json; every later call is a lookup."""
    raw = _raw_words()
    return _Tables(
        months=raw["months"],
        weekdays=raw["weekdays"],
        ambiguous=frozenset(raw["ambiguous_words"]),
        ordinal_suffixes=frozenset(raw["ordinal_suffixes"]),
        ordinals=_Phrases(raw["ordinals"]),
        number_words=frozenset(raw["number_words"]),
        number_phrases=_Phrases(raw["number_phrases"]),
        vague_quantities=_Phrases(raw["vague_quantities"]),
        units={k: (v[0], v[1]) for k, v in raw["units"].items()},
        unit_info=raw["unit_info"],
        fillers=frozenset(raw["duration_fillers"]),
        counted_fiscal_words=frozenset(raw["counted_fiscal_words"]),
        qualifiers=_Phrases(raw["qualifiers"]),
        prepositions=_Phrases(raw["prepositions"]),
        modifiers=_Phrases(raw["date_modifiers"]),
        trailing_modifiers=frozenset(raw["trailing_modifiers"]),
        relative=_Phrases(raw["relative"]),
        span_words=frozenset(raw["span_words"]),
        ago=_Phrases(raw["ago_words"]),
        same_words=frozenset(raw["same_words"]),
        period_words=frozenset(raw["period_words"]),
        day_words=_Phrases(raw["day_words"]),
        day_parts=raw["day_parts"],
        day_part_phrases=_Phrases(raw["day_part_phrases"]),
        seasons={k: (v[0], v[1]) for k, v in raw["seasons"].items()},
        quarter_words=frozenset(raw["quarter_words"]),
        half_words=frozenset(raw["half_words"]),
        fiscal_words=frozenset(raw["fiscal_words"]),
        calendar_words=frozenset(raw["calendar_words"]),
        meridiem=_Phrases(raw["meridiem"]),
        named_times={k: (v[0], v[1]) for k, v in raw["named_times"].items()},
        time_links=frozenset(raw["time_links"]),
        timezones=_Phrases(raw["timezones"]),
        vague=_Phrases(raw["vague"]),
        generic_today=_Phrases(raw["generic_today"]),
        sets=_Phrases(raw["sets"]),
        set_quantifiers=frozenset(raw["set_quantifiers"]),
        set_other=frozenset(raw["set_other"]),
        frequency_words=raw["frequency_words"],
        frequency_times=frozenset(raw["frequency_times"]),
        frequency_links=frozenset(raw["frequency_links"]),
        finer_units={k: (v[0], v[1], v[2]) for k, v in raw["finer_units"].items()},
        holidays=_Phrases({" ".join(_tokenise(k)): v for k, v in raw["holidays"].items()}),
        # words that can only occur in a TIME: the clock and part-of-day words
        time_hints=frozenset(
            [k.split()[-1] for k in raw["meridiem"]]
            + list(raw["named_times"])
            + list(raw["day_parts"])
            + [k.split()[-1] for k in raw["day_part_phrases"]]
        ),
    )


@functools.lru_cache(maxsize=4096)
def _words_to_int(words: str) -> int | None:
    """text2num on a run of number words; cached because spans repeat."""
    try:
        return int(text2num(words, "en"))
    except ValueError:
        return None


# --------------------------------------------------------------------------- values


class _D(NamedTuple):
    """A calendar value before formatting; None/0 fields are unknown (X)."""

    kind: str  # year month day week wday quarter half season decade century ref
    y: int | None
    a: int = 0
    b: int = 0
    s: str = ""
    fiscal: bool = False


def _two(n: int) -> str:
    return f"{n:02d}" if n else "XX"


def _fmt(d: _D) -> str:
    """TIMEX3 value string of a calendar value, X for what the anchor left unknown."""
    if d.kind == "ref":
        return d.s
    if d.kind == "decade":
        return "XXX" if d.y is None else str(d.y)
    if d.kind == "century":
        return "XX" if d.y is None else f"{d.y:02d}"
    ys = ("FY" if d.fiscal else "") + ("XXXX" if d.y is None else f"{d.y:04d}")
    if d.kind == "year":
        return ys
    if d.kind == "month":
        return f"{ys}-{_two(d.a)}"
    if d.kind == "day":
        return f"{ys}-{_two(d.a)}-{_two(d.b)}"
    if d.kind == "week":
        return f"{ys}-W{_two(d.a)}" + (f"-{d.s}" if d.s else "")
    if d.kind == "wday":
        return f"{ys}-W{_two(d.a)}-{d.b}"
    if d.kind == "quarter":
        return f"{ys}-Q{d.a or 'X'}"
    if d.kind == "half":
        return f"{ys}-H{d.a or 'X'}"
    return f"{ys}-{d.s}"  # season


def _day(d: datetime.date) -> _D:
    return _D("day", d.year, d.month, d.day)


def _valid_day(y: int | None, m: int, d: int) -> bool:
    """Whether day d exists in month m (of a leap year when the year is unknown)."""
    if not 1 <= m <= 12 or d < 1:
        return False
    return d <= calendar.monthrange(2000 if y is None else y, m)[1]


class _Ctx(NamedTuple):
    """Per-call settings: the anchor and the clause tense decide relative values."""

    anchor: datetime.date | None
    tense: str | None
    day_first: bool
    fy_start: int
    text: str

    def year(self, fiscal: bool) -> int | None:
        """The anchor's (fiscal) year; fiscal years are named by the year they end in."""
        a = self.anchor
        if a is None:
            return None
        if fiscal and self.fy_start != 1 and a.month >= self.fy_start:
            return a.year + 1
        return a.year

    def quarter(self, fiscal: bool) -> tuple[int | None, int]:
        """The anchor's (fiscal) year and quarter number."""
        a = self.anchor
        if a is None:
            return None, 0
        if fiscal and self.fy_start != 1:
            return self.year(True), (a.month - self.fy_start) % 12 // 3 + 1
        return a.year, (a.month - 1) // 3 + 1


def _shift(ctx: _Ctx, unit: str, k: int, fiscal: bool = False) -> _D | None:
    """The calendar unit k steps from the one holding the anchor ("last month": k=-1)."""
    a = ctx.anchor
    if unit == "year":
        y = ctx.year(fiscal)
        return _D("year", None if y is None else y + k, fiscal=fiscal)
    if unit in ("quarter", "half"):
        y, q = ctx.quarter(fiscal)
        if y is None:
            return _D(unit, None, fiscal=fiscal)
        per, cur = (4, q) if unit == "quarter" else (2, (q + 1) // 2)
        n = y * per + cur - 1 + k
        return _D(unit, n // per, n % per + 1, fiscal=fiscal)
    if a is None:
        unknown = {"week": "", "weekend": "WE", "fortnight": ""}
        if unit in unknown:
            return _D("week", None, s=unknown[unit])
        return _D(unit, None) if unit in ("month", "day", "decade", "century") else None
    if unit == "month":
        n = a.year * 12 + a.month - 1 + k
        return _D("month", n // 12, n % 12 + 1)
    if unit in ("week", "weekend", "fortnight"):
        weeks = k * (2 if unit == "fortnight" else 1)
        iy, iw, _ = (a + datetime.timedelta(weeks=weeks)).isocalendar()
        return _D("week", iy, iw, s="WE" if unit == "weekend" else "")
    if unit == "day":
        return _day(a + datetime.timedelta(days=k))
    if unit == "decade":
        return _D("decade", a.year // 10 + k)
    if unit == "century":
        return _D("century", a.year // 100 + k)
    return None


def _year_for(ctx: _Ctx, m: int, d: int = 0) -> int | None:
    """Year of a month (and day) given without one: by tense, else the nearest."""
    a = ctx.anchor
    if a is None:
        return None
    here, now = (m, d), (a.month, a.day if d else 0)
    if ctx.tense == "past":
        return a.year - 1 if here > now else a.year
    if ctx.tense == "future":
        return a.year + 1 if here < now else a.year
    diff = m - a.month
    return a.year - 1 if diff > 6 else a.year + 1 if diff < -6 else a.year


def _weekday(ctx: _Ctx, wd: int, rel: int | None) -> _D:
    """A weekday: last/next/this when said, else the nearest one by tense, same day included."""
    a = ctx.anchor
    if a is None:
        return _D("wday", None, 0, wd)
    cur = a.isoweekday()
    if rel == -1:
        delta = -((cur - wd) % 7 or 7)
    elif rel == 1:
        delta = (wd - cur) % 7 or 7
    elif rel == 0:
        delta = wd - cur
    elif ctx.tense == "past":
        delta = -((cur - wd) % 7)
    else:
        delta = (wd - cur) % 7
    return _day(a + datetime.timedelta(days=delta))


# --------------------------------------------------------------------------- tokens


def _tokenise(text: str) -> list[str]:
    """Lowercase word and digit-shape tokens; periods inside words go ("a.m." -> "am")."""
    found = _TOKEN_RE.findall(text.lower())
    return [t.replace(".", "") if t[0].isalpha() else t for t in found]


def _split_digits(tok: str) -> tuple[str, str]:
    """Digit part and letter suffix of a token: "12th" -> ("12", "th")."""
    i = len(tok)
    while i and tok[i - 1].isalpha():
        i -= 1
    return tok[:i], tok[i:]


def _int(tok: str) -> int | None:
    return int(tok) if tok.isdigit() else None


def _ordinal(toks: Toks, i: int) -> tuple[int, int] | None:
    """An ordinal at toks[i] ("3rd", "third", "twenty first"): (value, next index)."""
    t = _tables()
    tok = toks[i]
    if tok[0].isdigit():
        digits, suffix = _split_digits(tok)
        if digits.isdigit() and suffix in t.ordinal_suffixes:
            return int(digits), i + 1
        return None
    return t.ordinals.match(toks, i)


def _day_num(tok: str) -> int | None:
    """A day of the month as one token: "12", "12th", "first"."""
    t = _tables()
    if tok[0].isdigit():
        digits, suffix = _split_digits(tok)
        if digits.isdigit() and len(digits) <= 2 and (not suffix or suffix in t.ordinal_suffixes):
            n = int(digits)
            return n if 1 <= n <= 31 else None
        return None
    return t.ordinals.full((tok,))


def _visible(tok: str, ctx: _Ctx) -> bool:
    """Ambiguous words ("may", "march") count only when capitalised in the source."""
    if tok not in _tables().ambiguous:
        return True
    return tok.capitalize() in ctx.text or tok.upper() in ctx.text


def _month(tok: str, ctx: _Ctx) -> int | None:
    m = _tables().months.get(tok)
    return m if m and _visible(tok, ctx) else None


def _wday(tok: str, ctx: _Ctx) -> int | None:
    w = _tables().weekdays.get(tok)
    return w if w and _visible(tok, ctx) else None


def _number(toks: Toks, i: int) -> tuple[float | None, int] | None:
    """A count at toks[i]: digits, number words, "a dozen"; None value for "several"."""
    t = _tables()
    n = len(toks)
    tok = toks[i]
    if tok[0].isdigit():
        try:
            return float(tok.replace(",", "")), i + 1
        except ValueError:
            return None
    nxt = toks[i + 1] if i + 1 < n else ""
    if tok in ("a", "an") and nxt and (nxt in t.number_words or nxt[0].isdigit()):
        return _number(toks, i + 1)  # "a five-day event"
    if tok in t.number_words:
        j = i
        while j < n and toks[j] in t.number_words:
            j += 1
        value = _words_to_int(" ".join(toks[i:j]))
        return None if value is None else (float(value), j)
    phrase = t.number_phrases.match(toks, i)
    vague = t.vague_quantities.match(toks, i)
    if vague and (not phrase or vague[1] >= phrase[1]):
        return None, vague[1]
    if phrase:
        return float(phrase[0]), phrase[1]
    return None


def _strip_leading(toks: list[str], table: _Phrases) -> list[str]:
    """Drop every leading phrase of the table ("in", "over the" ...)."""
    while toks:
        hit = table.match(toks, 0)
        if not hit or hit[1] == len(toks):
            return toks
        toks = toks[hit[1] :]
    return toks


def _num_str(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"


# --------------------------------------------------------------------------- durations


def _unit(toks: Toks, i: int) -> tuple[str, bool] | None:
    return _tables().units.get(toks[i]) if i < len(toks) else None


def _duration_value(unit: str, count: float | None) -> str:
    """P4Y, P3M (a quarter), PT24H; PXY for an uncounted number of units."""
    tables = _tables()
    info = tables.unit_info[unit]
    time_unit: bool = info["time"]
    if count is None:
        return f"P{'T' if time_unit else ''}X{info['vague']}"
    count, letter = count * info["scale"], info["letter"]
    finer = tables.finer_units.get(letter) if count != int(count) else None
    if finer and count * finer[1] == int(count * finer[1]):  # half a year -> P6M
        count, letter, time_unit = count * finer[1], finer[0], finer[2]
    return f"P{'T' if time_unit else ''}{_num_str(count)}{letter}"


def _nth_consecutive(toks: list[str]) -> str | None:
    """"for the fifth consecutive year": it has lasted five years, P5Y."""
    t = _tables()
    i = 1 if toks and toks[0] == "the" else 0
    if i >= len(toks) or (hit := _ordinal(toks, i)) is None:
        return None
    count, i = hit
    if i + 2 != len(toks) or toks[i] not in CONSECUTIVE or (unit := _unit(toks, i + 1)) is None \
            or unit[1]:
        return None
    return _duration_value(unit[0], count) if t.unit_info.get(unit[0]) else None


def _duration(toks: list[str], ctx: _Ctx) -> str | None:
    """Durations: "four consecutive years", "the past decade", "recent years", "24 hours"."""
    t = _tables()
    toks = _strip_leading(toks, t.qualifiers)
    nth = _nth_consecutive(toks)
    if nth is not None:
        return nth
    n = len(toks)
    i = 0
    had_the = toks[0] == "the"
    i += had_the
    span = toks[i] if i < n and toks[i] in t.span_words else None
    i += span is not None
    counted, count = False, None
    if i < n:
        hit = _number(toks, i)
        if hit:
            counted, (count, i) = True, hit
    while i < n and (toks[i] in t.fillers or (span is not None and counted and
                                              toks[i] in t.counted_fiscal_words)):
        i += 1
    unit = _unit(toks, i)
    if unit is None or unit[0] == "weekend":
        return None
    name, plural = unit
    i += 1
    while i < n and toks[i] in t.fillers:
        i += 1
    # only "the first nine months of 2024", "the same two months of 2023" go on
    part_of = span in {"first", "last", "same"}
    if i < n and not (part_of and toks[i] == "of" and _date(toks[i + 1 :], ctx)):
        return None
    if span in {"first", "same"} and not counted:
        return None
    if counted:
        return _duration_value(name, count)
    if plural:
        return _duration_value(name, None)
    if span == "past" or (had_the and span == "last") or (span and name in ("decade", "century")):
        return _duration_value(name, 1)
    return None


# --------------------------------------------------------------------------- sets


def _set(toks: list[str], ctx: _Ctx) -> str | None:
    """Recurring sets: "every four years", "annually", "twice a year", "every Monday"."""
    t = _tables()
    value = t.sets.full(toks)
    if value:
        return value
    n = len(toks)
    if n == 1 and toks[0].endswith("s") and len(toks[0]) > 6 and toks[0][:-1] in t.weekdays:
        return f"XXXX-WXX-{t.weekdays[toks[0][:-1]]}"  # "open on Sundays"
    if toks[0] in t.set_quantifiers and n >= 2:
        i, count = 1, 1.0
        if toks[1] in t.set_other:
            i, count = 2, 2.0
        elif (hit := _number(toks, 1)) and hit[0] is not None:
            count, i = hit
        if i == n - 1:
            last = toks[i]
            unit = t.units.get(last)
            if unit and unit[0] != "weekend":
                return _duration_value(unit[0], count)
            if (wd := _wday(last, ctx)) and count == 1:
                return f"XXXX-WXX-{wd}"
            if (m := _month(last, ctx)) and count == 1:
                return f"XXXX-{m:02d}"
            if last in t.seasons and count == 1:
                return f"XXXX-{t.seasons[last][0]}"
            if last == "weekend" and count == 1:
                return "XXXX-WXX-WE"
        return None
    # "twice a year", "three times a month": the period is the set's value
    if toks[0] in t.frequency_words:
        i = 1
    elif (hit := _number(toks, 0)) and hit[1] < n and toks[hit[1]] in t.frequency_times:
        i = hit[1] + 1
    else:
        return None
    if i == n - 2 and toks[i] in t.frequency_links and (unit := t.units.get(toks[i + 1])):
        return _duration_value(unit[0], 1)
    return None


# --------------------------------------------------------------------------- dates


def _prepare(toks: list[str]) -> tuple[list[str], bool, bool]:
    """Strip fiscal/calendar words, determiners and modifiers; they do not change the value.

    Returns the core tokens, whether the expression is fiscal, and whether anything
    was stripped (a bare "year" is a date only as "the year", "fiscal year", "year-end").
    """
    t = _tables()
    fiscal = loose = False
    out: list[str] = []
    n = len(toks)
    i = 0
    while i < n:
        tok = toks[i]
        if tok in t.fiscal_words:
            fiscal = loose = True
            nxt = toks[i + 1] if i + 1 < n else ""
            if tok == "fy" and len(nxt) == 2 and nxt.isdigit():  # FY25
                out.append("20" + nxt)
                i += 2
                continue
        elif tok in t.calendar_words:
            loose = True
        elif tok == "year" and (
            (i + 1 < n and len(toks[i + 1]) == 4 and toks[i + 1].isdigit())
            or (out and len(out[-1]) == 4 and out[-1].isdigit())
        ):
            loose = True  # "fiscal year 2025", "the 2024 fiscal year"
        else:
            out.append(tok)
        i += 1
    while out:
        if out[0] == "the":
            out, loose = out[1:], True
            continue
        hit = t.modifiers.match(out, 0)
        if hit and hit[1] < len(out):
            out, loose = out[hit[1] :], True
            continue
        break
    if len(out) > 1 and out[-1] in t.trailing_modifiers:  # "year-end"
        out, loose = out[:-1], True
    return out, fiscal, loose


def _date(toks: Toks, ctx: _Ctx) -> _D | None:
    """A calendar value for the whole token list, or None."""
    if not toks:
        return None
    k = _tables().day_words.full(toks)  # before _prepare: "the day before yesterday"
    if k is not None:
        return _shift(ctx, "day", k)
    core, fiscal, loose = _prepare(list(toks))
    if not core:
        return None
    return _with_fiscal(_date_core(core, ctx, fiscal, loose), fiscal)


def _with_fiscal(d: _D | None, fiscal: bool) -> _D | None:
    """Mark a year, quarter or half as fiscal when the text said so ("fiscal 2025")."""
    if d is not None and fiscal and not d.fiscal and d.kind in ("year", "quarter", "half"):
        return d._replace(fiscal=True)
    return d


def _year_part(toks: Toks, ctx: _Ctx, fiscal: bool) -> _D | None:
    """The year phrase after a month, quarter or season: "2024", "of last year", "a year ago"."""
    i = 0
    while i < len(toks) and toks[i] in ("of", "in"):
        i += 1
    if i == len(toks):
        return None
    core, fiscal2, _ = _prepare(list(toks[i:]))
    if not core:
        return None
    d = _with_fiscal(_date_core(core, ctx, fiscal or fiscal2, True), fiscal or fiscal2)
    return d if d is not None and d.kind == "year" else None


def _shaped(tok: str, ctx: _Ctx) -> _D | None:
    """One digit-shaped token: 2021, 2021-08-12, 2021-08, 8/12/2021, 12.08.2021, 1990s, 12th."""
    digits, suffix = _split_digits(tok)
    if digits.isdigit():
        if not suffix and len(digits) == 4 and 1000 <= int(digits) <= 2999:
            return _D("year", int(digits))
        if suffix == "s" and digits.endswith("0") and len(digits) in (2, 4):
            if len(digits) == 4:
                return _D("decade", int(digits) // 10)
            a = ctx.anchor
            cent = 20 if a is not None and 2000 + int(digits) <= a.year else 19
            return _D("decade", cent * 10 + int(digits) // 10)
        day = _day_num(tok) if suffix else None
        if day is not None:  # "the 12th": that day of the anchor's month
            a = ctx.anchor
            if a is None:
                return _D("day", None, 0, day)
            return _D("day", a.year, a.month, day) if _valid_day(a.year, a.month, day) else None
        return None
    if suffix:
        return None
    for sep in "-/.":
        if sep in digits:
            parts = digits.split(sep)
            break
    else:
        return None
    if not all(p.isdigit() for p in parts):
        return None
    nums = [int(p) for p in parts]
    y: int | None
    if len(parts[0]) == 4:  # 2021-08-12, 2021/08/12, 2021-08
        if len(nums) == 2 and sep == "-":
            return _D("month", nums[0], nums[1]) if 1 <= nums[1] <= 12 else None
        if len(nums) != 3:
            return None
        y, m, d = nums
    elif len(nums) == 3 and sep != "-" and len(parts[2]) in (2, 4):
        y = nums[2] + (2000 if len(parts[2]) == 2 else 0)
        day_first = ctx.day_first or sep == "."
        d, m = (nums[0], nums[1]) if day_first else (nums[1], nums[0])
    elif len(nums) == 2 and sep == "/":
        d, m = (nums[0], nums[1]) if ctx.day_first else (nums[1], nums[0])
        if not _valid_day(None, m, d):
            return None
        y = _year_for(ctx, m, d)
    else:
        return None
    return _D("day", y, m, d) if _valid_day(y, m, d) else None


def _month_date(toks: Toks, ctx: _Ctx, fiscal: bool) -> _D | None:
    """August, August 12, August 12 2021, 12 August 2021, the 12th of August, March 2017."""
    n = len(toks)
    m = _month(toks[0], ctx)
    if m:
        if n == 1:
            return _D("month", _year_for(ctx, m), m)
        day = _day_num(toks[1])
        if day is not None and (n == 2 or toks[2] not in ("quarter", "half")):
            rest = toks[2:]
        else:
            day, rest = None, toks[1:]
    else:
        day = _day_num(toks[0])
        if day is None or n < 2:
            return None
        j = 2 if toks[1] == "of" and n > 2 else 1
        m = _month(toks[j], ctx)
        if not m:
            return None
        rest = toks[j + 1 :]
    if rest:
        yd = _year_part(rest, ctx, False)
        if yd is None:
            return None
        y = yd.y
    else:
        y = _year_for(ctx, m, day or 0) if day else _year_for(ctx, m)
    if day is None:
        return _D("month", y, m)
    return _D("day", y, m, day) if _valid_day(y, m, day) else None


def _part_of_year(toks: Toks, ctx: _Ctx, fiscal: bool) -> _D | None:
    """Quarters and halves: Q3 2024, the third quarter (of fiscal 2025), H1, the first half."""
    t = _tables()
    n = len(toks)
    tok = toks[0]
    kind, num, j = "", 0, 0
    if tok in t.quarter_words | t.half_words and n > 1 and toks[1].isdigit():
        kind, num, j = ("quarter" if tok in t.quarter_words else "half"), int(toks[1]), 2
    elif tok[0].isdigit():
        digits, suffix = _split_digits(tok)
        if digits.isdigit() and suffix in t.quarter_words | t.half_words:  # 3Q, 1H
            kind, num, j = ("quarter" if suffix in t.quarter_words else "half"), int(digits), 1
    if not kind:
        hit = _ordinal(toks, 0)
        if hit is None or hit[1] >= n or toks[hit[1]] not in ("quarter", "half"):
            return None
        kind, num, j = toks[hit[1]], hit[0], hit[1] + 1
    if not 1 <= num <= (4 if kind == "quarter" else 2):
        return None
    if j < n:
        yd = _year_part(toks[j:], ctx, fiscal)
        if yd is None:
            return None
        y, fiscal = yd.y, yd.fiscal
    else:
        y = ctx.year(fiscal) if kind == "half" or fiscal else ctx.quarter(False)[0]
    return _D(kind, y, num, fiscal=fiscal)


def _season(toks: Toks, ctx: _Ctx, rel: int | None) -> _D | None:
    """Seasons: summer 2021, this summer, last winter (the most recent one that has ended)."""
    t = _tables()
    code, start = t.seasons[toks[0]]
    a = ctx.anchor
    if len(toks) > 1:
        yd = _year_part(toks[1:], ctx, False)
        return None if yd is None else _D("season", yd.y, s=code)
    if a is None:
        return _D("season", None, s=code)
    ended = a.month >= start + 3
    started = a.month >= start
    if rel == -1 or (rel is None and ctx.tense == "past"):
        y = a.year if (ended if rel == -1 else started) else a.year - 1
    elif rel == 1 or (rel is None and ctx.tense == "future"):
        y = a.year if (not started if rel == 1 else not ended) else a.year + 1
    else:
        y = a.year
    return _D("season", y, s=code)


def _same_period(toks: Toks, ctx: _Ctx) -> _D | None:
    """"the same period last year": the anchor's period in the referred-to year."""
    t = _tables()
    if len(toks) < 3 or toks[0] not in t.same_words:
        return None
    gran = toks[1]
    unit = t.units.get(gran)
    if gran not in t.period_words and (unit is None or unit[1]):
        return None
    yd = _year_part(toks[2:], ctx, False)
    if yd is None:
        return None
    y, a = yd.y, ctx.anchor
    name = "year" if unit is None else unit[0]
    if name == "year":
        return yd
    if name == "quarter":
        return _D("quarter", y, ctx.quarter(False)[1])
    if name == "month":
        return _D("month", y, a.month if a else 0)
    if name == "week":
        return _D("week", y, a.isocalendar()[1] if a else 0)
    if name == "day":
        return _D("day", y, a.month if a else 0, a.day if a else 0)
    return None


def _ago(toks: Toks, ctx: _Ctx) -> _D | None:
    """"two years ago", "a year earlier", "three months later", "the year before"."""
    t = _tables()
    n = len(toks)
    hit = _number(toks, 0)
    if hit is None:
        count: float | None = 1.0
        i = 0
    else:
        count, i = hit
    unit = _unit(toks, i)
    if unit is None:
        return None
    sign = t.ago.match(toks, i + 1)
    if sign is None or sign[1] != n:
        return None
    if count is None:
        return _D("ref", None, s="PAST_REF" if sign[0] < 0 else "FUTURE_REF")
    if count != int(count):
        return None
    if unit[0] in ("decade", "century"):  # "a decade ago" names a year (guidelines)
        scale = 10 if unit[0] == "decade" else 100
        return _shift(ctx, "year", int(count) * scale * sign[0])
    return _shift(ctx, unit[0], int(count) * sign[0])


def _nth_weekday(y: int, m: int, wd: int, nth: int) -> int:
    """Day of the month of the nth ISO weekday (nth = -1: the last one)."""
    if nth > 0:
        first = datetime.date(y, m, 1).isoweekday()
        return 1 + (wd - first) % 7 + 7 * (nth - 1)
    last = datetime.date(y + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1)
    return last.day - (last.isoweekday() - wd) % 7


def _holiday(toks: Toks, ctx: _Ctx) -> _D | None:
    """"Thanksgiving", "New Year's Day": the nearest one by tense, like a bare month and day."""
    rule = _tables().holidays.full(toks)
    if rule is None:
        return None
    m = rule[0]
    y = _year_for(ctx, m, rule[1] if len(rule) == 2 else 7 * abs(rule[2]))
    if y is None:
        return _D("day", None, m, rule[1]) if len(rule) == 2 else _D("month", None, m)
    day = rule[1] if len(rule) == 2 else _nth_weekday(y, m, rule[1], rule[2])
    return _D("day", y, m, day)


def _date_core(toks: list[str], ctx: _Ctx, fiscal: bool, loose: bool) -> _D | None:
    """Match the stripped tokens against each date form; the first full match wins."""
    t = _tables()
    n = len(toks)
    tok = toks[0]
    k = t.day_words.full(toks)
    if k is not None:
        return _shift(ctx, "day", k)
    holiday = _holiday(toks, ctx)
    if holiday is not None:
        return holiday
    if n == 1 and tok[0].isdigit():
        return _shaped(tok, ctx)
    wd = _wday(tok, ctx)
    if wd:
        if n == 1:
            return _weekday(ctx, wd, None)
        rest = _date_core(toks[1:], ctx, fiscal, False)  # "Monday, March 4, 2024"
        return rest if rest is not None and rest.kind == "day" else None
    if _month(tok, ctx) or _day_num(tok) is not None:
        d = _month_date(toks, ctx, fiscal)
        if d is not None:
            return d
    d = _part_of_year(toks, ctx, fiscal)
    if d is not None:
        return d
    if tok in t.seasons:
        return _season(toks, ctx, None)
    hit = _ordinal(toks, 0)
    if hit and hit[1] == n - 1 and t.units.get(toks[-1]) == ("century", False):
        return _D("century", hit[0] - 1)  # the 21st century -> 20
    rel = t.relative.match(toks, 0)
    if rel and rel[1] < n:
        k, i = rel
        word = toks[i]
        if i == n - 1:
            if (wd := _wday(word, ctx)) is not None:
                return _weekday(ctx, wd, k)
            if (m := _month(word, ctx)) is not None:
                return _rel_month(ctx, m, k)
            if word in t.seasons:
                return _season(toks[i:], ctx, k)
            unit = t.units.get(word)
            if unit and not unit[1]:
                return _shift(ctx, unit[0], k, fiscal)
            if word == "half":
                return _shift(ctx, "half", k, fiscal)
    unit = t.units.get(tok)
    if unit and not unit[1]:
        if n == 1:
            return _shift(ctx, unit[0], 0, fiscal) if loose else None
        return _ago(toks, ctx)
    return _same_period(toks, ctx) or _ago(toks, ctx)


def _rel_month(ctx: _Ctx, m: int, k: int) -> _D:
    """"last March", "this March", "next March" relative to the anchor month."""
    a = ctx.anchor
    if a is None:
        return _D("month", None, m)
    if k < 0:
        return _D("month", a.year - 1 if m >= a.month else a.year, m)
    if k > 0:
        return _D("month", a.year + 1 if m <= a.month else a.year, m)
    return _D("month", a.year, m)


# --------------------------------------------------------------------------- times


def _clock(toks: list[str], i: int) -> tuple[int, int, int] | None:
    """A clock time at toks[i]: (hour, minute, index after it), "10 a.m.", "9:30", "noon"."""
    t = _tables()
    tok = toks[i]
    if tok in t.named_times:
        h, m = t.named_times[tok]
        return h, m, i + 1
    if not tok[0].isdigit():
        return None
    digits, suffix = _split_digits(tok)
    j = i + 1
    if suffix:
        mer = t.meridiem.full((suffix,))
        if mer is None:
            return None
    else:
        hit = t.meridiem.match(toks, j)
        mer = hit[0] if hit else None
        j = hit[1] if hit else j
    parts = digits.replace(".", ":").split(":")
    if len(parts) > 2 or not all(p.isdigit() for p in parts):
        return None
    h = int(parts[0])
    m = int(parts[1]) if len(parts) == 2 else 0
    if len(parts) == 2 and len(parts[1]) != 2:
        return None
    if mer is None:
        if len(parts) == 1 or h > 23 or "." in digits:  # "1.5" is no time
            return None
    elif not 1 <= h <= 12:
        return None
    else:
        h = h % 12 + mer
    return (h, m, j) if m < 60 else None


def _time(toks: list[str], ctx: _Ctx) -> str | None:
    """TIME: a clock time or part of day with its day: "9:30 a.m. Monday", "last night"."""
    t = _tables()
    if not any(
        tok in t.time_hints or ":" in tok or (tok[0].isdigit() and tok[-1] == "m") for tok in toks
    ):
        return None
    hit = t.day_part_phrases.full(toks)
    if hit:
        day = _shift(ctx, "day", hit[0])
        return None if day is None else f"{_fmt(day)}T{hit[1]}"
    n = len(toks)
    for i in range(n):
        clock = _clock(toks, i)
        if clock:
            h, m, j = clock
            rest = toks[:i] + toks[j:]
            suffix = f"{h:02d}:{m:02d}"
            break
    else:
        if n < 2 or toks[-1] not in t.day_parts:
            return None
        rest, suffix = toks[:-1], t.day_parts[toks[-1]]
    core: list[str] = []
    i = 0
    while i < len(rest):
        tz = t.timezones.match(rest, i)
        if tz:
            i = tz[1]
            continue
        if rest[i] not in t.time_links:
            core.append(rest[i])
        i += 1
    if core:
        day = _date(core, ctx)
        if day is None or day.kind not in ("day", "wday"):
            return None
    else:
        if suffix in t.day_parts.values():
            return None
        day = _day(ctx.anchor) if ctx.anchor else _D("day", None)
    return f"{_fmt(day)}T{suffix}"


# --------------------------------------------------------------------------- API


def normalise(
    text: str,
    anchor: datetime.date | None = None,
    *,
    tense: str | None = None,
    day_first: bool = False,
    fiscal_year_start: int = 1,
) -> Timex | None:
    """Normalise one temporal expression (a TIMEX3 extent) against the anchor date.

    tense ("past" | "present" | "future" | None) is the tense of the clause; it picks
    the previous or coming weekday, month or season. Returns None for text that is not a
    temporal expression the guidelines annotate ("year-on-year", "45-year-old").
    """
    timex = _normalise(text, anchor, tense, day_first, fiscal_year_start)
    if timex is None:
        fillers = set(word_list("retry_fillers"))
        kept = [w for w in text.split() if w.lower() not in fillers]
        if len(kept) < len(text.split()):
            timex = _normalise(" ".join(kept), anchor, tense, day_first, fiscal_year_start)
    return timex


def holiday_names() -> tuple[str, ...]:
    """The holidays the normaliser knows (`thanksgiving`, `new year's day`), lowercased."""
    return tuple(_raw_words()["holidays"])


@functools.cache
def word_list(key: str) -> tuple[str, ...]:
    """One list from date_words.json, as loaded."""
    return tuple(_raw_words()[key])


QUARTER_NAMES = ("first", "second", "third", "fourth")


def _month_span_as_quarter(toks: list[str], t: _Tables) -> list[str]:
    """`the July-September quarter`, `the October-December period`: the quarter those three
    months make, read as `the third quarter` (corpus/ANNOTATION.md, batch 11)."""
    body = toks[1:] if toks[:1] == ["the"] else toks
    if len(body) not in (3, 4) or body[2] not in ("quarter", "period"):
        return toks
    first, last = t.months.get(body[0]), t.months.get(body[1])
    if first is None or last is None or (first - 1) % 3 or last != first + 2:
        return toks
    return ["the", QUARTER_NAMES[(first - 1) // 3], "quarter", *body[3:]]


def _normalise(text: str, anchor: datetime.date | None, tense: str | None, day_first: bool,
               fiscal_year_start: int) -> Timex | None:
    t = _tables()
    toks = _tokenise(text)
    if not toks:
        return None
    if len(toks) == 2 and toks[1] == "long" and toks[0] in {"hour", "day", "week", "month",
                                                            "year"}:
        toks = ["one", toks[0]]  # "a week-long session": P1W, like "two-hour briefing"
    toks = _month_span_as_quarter(toks, t)
    if t.qualifiers.match(toks, 0) is None:  # "at least 24 hours" keeps its "at"
        toks = _strip_leading(toks, t.prepositions)
    if len(toks) > 1 and toks[-1] == "s" and toks[-2][0].isalpha():  # "last year's"
        toks = toks[:-1]
    vague = t.vague.full(toks)
    if vague:
        return Timex("DATE", vague)
    if anchor is None and t.generic_today.full(toks):
        return Timex("DATE", "PRESENT_REF")
    if isinstance(anchor, datetime.datetime):
        anchor = anchor.date()
    ctx = _Ctx(anchor, tense, day_first, fiscal_year_start, text)
    value = _time(toks, ctx)
    if value:
        return Timex("TIME", value)
    value = _set(toks, ctx)
    if value:
        return Timex("SET", value)
    value = _duration(toks, ctx)
    if value:
        return Timex("DURATION", value)
    d = _date(toks, ctx)
    return Timex("DATE", _fmt(d)) if d is not None else None


def parse_iso_date(text: str) -> datetime.date | None:
    """A date from an ISO string ("2021-08-12", "2021-08-12T09:00:00Z"); None otherwise."""
    text = text.strip()
    if len(text) < 10 or (len(text) > 10 and text[10] not in "T "):
        return None
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return None
