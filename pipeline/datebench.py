"""Speed and accuracy of pipeline.dates.normalise against dateparser on the same spans.

This backs the README's statement on dateparser: it parses calendar dates, but it
has no durations, sets, TIMEX granularity, fiscal periods or X placeholders, and it
is far slower, so the pipeline does not call it. Run on the test table:

    python -c "from pipeline.datebench import main; main()"
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from typing import Any

from pipeline.dates import normalise

Case = tuple[str, datetime.date | None, str, str]

_SEASON_MONTHS = {"SP": (3, 4, 5), "SU": (6, 7, 8), "FA": (9, 10, 11), "WI": (12, 1, 2)}


def _granular(value: str) -> Callable[[datetime.datetime], str] | None:
    """A formatter that writes a datetime at the granularity of a TIMEX value, if it has one.

    "2017-03" -> month, "2021-W31" -> ISO week, "2021-Q3" -> quarter; durations, sets,
    PAST_REF and X-forms have no datetime equivalent, so dateparser cannot match them.
    """
    if "X" in value or value.startswith(("P", "FY")) or value.endswith("_REF"):
        return None
    date, _, clock = value.partition("T")
    if clock:
        return lambda d: d.strftime("%Y-%m-%dT%H:%M")
    if date.isdigit():
        width = len(date)
        if width == 4:
            return lambda d: f"{d.year:04d}"
        if width == 3:
            return lambda d: str(d.year // 10)
        if width == 2:
            return lambda d: f"{d.year // 100:02d}"
        return None
    parts = date.split("-")
    if len(parts) == 3 and parts[1].startswith("W"):
        suffix = "-" + parts[2]
        return lambda d: "{}-W{:02d}{}".format(*d.isocalendar()[:2], suffix)
    if len(parts) == 3:
        return lambda d: d.strftime("%Y-%m-%d")
    if len(parts) != 2:
        return None
    tail = parts[1]
    if tail.isdigit():
        return lambda d: d.strftime("%Y-%m")
    if tail.startswith("W"):
        return lambda d: "{}-W{:02d}".format(*d.isocalendar()[:2])
    if tail.startswith("Q"):
        return lambda d: f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if tail.startswith("H"):
        return lambda d: f"{d.year}-H{1 if d.month <= 6 else 2}"
    if tail in _SEASON_MONTHS:
        return lambda d: f"{d.year}-{tail}" if d.month in _SEASON_MONTHS[tail] else ""
    return None


def _dateparser_value(parsed: datetime.datetime | None, expected: str) -> str | None:
    """dateparser's answer written like the expected value, None if it cannot be."""
    if parsed is None:
        return None
    fmt = _granular(expected)
    return None if fmt is None else fmt(parsed)


def compare_with_dateparser(cases: list[Case]) -> dict[str, Any]:
    """Time and score normalise and dateparser.parse over (text, anchor, type, value) cases.

    dateparser gets the anchor as RELATIVE_BASE, PREFER_DATES_FROM=past and
    languages=["en"] (our normaliser is English-only; without it dateparser also spends
    time detecting the language). Its datetime is compared at the expected value's
    granularity, so "March 2017" scores if dateparser says any day of March 2017.
    """
    import dateparser  # only the benchmark needs it

    n = len(cases)
    rounds = max(1, 20_000 // max(n, 1))
    start = time.perf_counter()
    for _ in range(rounds):
        ours = [normalise(text, anchor) for text, anchor, _, _ in cases]
    ours_seconds = (time.perf_counter() - start) / rounds
    ours_correct = sum(
        got is not None and got.timex_type == ttype and got.value == value
        for got, (_, _, ttype, value) in zip(ours, cases, strict=True)
    )

    dateparser.parse("August 12, 2021", languages=["en"])  # load its data before timing
    start = time.perf_counter()
    theirs = []
    for text, anchor, _, _ in cases:
        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
        if anchor is not None:
            settings["RELATIVE_BASE"] = datetime.datetime.combine(anchor, datetime.time())
        theirs.append(dateparser.parse(text, languages=["en"], settings=settings))
    theirs_seconds = time.perf_counter() - start
    theirs_correct = sum(
        _dateparser_value(got, value) == value
        for got, (_, _, _, value) in zip(theirs, cases, strict=True)
    )
    calendar = [_granular(value) is not None for _, _, _, value in cases]
    calendar_correct = sum(
        ok and _dateparser_value(got, value) == value
        for ok, got, (_, _, _, value) in zip(calendar, theirs, cases, strict=True)
    )

    return {
        "n": n,
        "n_calendar": sum(calendar),  # cases with a value a datetime can express
        "ours": {
            "spans_per_second": round(n / ours_seconds) if ours_seconds else None,
            "value_accuracy": round(ours_correct / n, 4) if n else None,
        },
        "dateparser": {
            "spans_per_second": round(n / theirs_seconds) if theirs_seconds else None,
            "value_accuracy": round(theirs_correct / n, 4) if n else None,
            "parsed": sum(got is not None for got in theirs),
            "value_accuracy_on_calendar": (
                round(calendar_correct / sum(calendar), 4) if any(calendar) else None
            ),
        },
    }


def main() -> None:
    """Run the comparison on the table of tests/test_dates_normalise.py and print it."""
    import importlib.util
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "tests" / "test_dates_normalise.py"
    spec = importlib.util.spec_from_file_location("test_dates_normalise", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases = [
        (text, anchor, ttype, value)
        for text, anchor, kw, ttype, value in module.ALL_CASES
        if not kw and value is not None  # the case format has no tense or day_first
    ]
    print(json.dumps(compare_with_dateparser(cases), indent=2))


if __name__ == "__main__":
    main()
