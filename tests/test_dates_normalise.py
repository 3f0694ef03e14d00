"""Table-driven tests for pipeline.dates: TIMEX3 values as corpus/ANNOTATION.md defines them.

Anchor A is the reference article's document date, Thursday 2021-08-12.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from pipeline.dates import Timex, normalise, parse_iso_date

A = datetime.date(2021, 8, 12)  # Thursday, ISO week 32, Q3
JAN = datetime.date(2022, 1, 10)  # Monday
NOV = datetime.date(2024, 11, 5)  # Tuesday, Q4
D, DUR, SET, TIME = "DATE", "DURATION", "SET", "TIME"

# (text, anchor, keyword arguments, expected timex_type, expected value)
Case = tuple[str, datetime.date | None, dict[str, Any], str, str]

GOLD_SEED: list[Case] = [  # every DATE of the reference article's gold
    ("August 12", A, {}, D, "2021-08-12"),
    ("2018", A, {}, D, "2018"),
    ("four consecutive years", A, {}, DUR, "P4Y"),
    ("the 12th", A, {}, D, "2021-08-12"),
    ("the past few years", A, {}, DUR, "PXY"),
    ("Every year", A, {}, SET, "P1Y"),
    ("last year", A, {}, D, "2020"),
    ("March 2017", A, {}, D, "2017-03"),
    ("recent years", A, {}, DUR, "PXY"),
]

ABSOLUTE: list[Case] = [
    ("Aug. 12, 2021", A, {}, D, "2021-08-12"),
    ("August 12, 2021", A, {}, D, "2021-08-12"),
    ("August 12th, 2021", A, {}, D, "2021-08-12"),
    ("12 August 2021", A, {}, D, "2021-08-12"),
    ("the 12th of August 2021", A, {}, D, "2021-08-12"),
    ("2021-08-12", A, {}, D, "2021-08-12"),
    ("2021/08/12", A, {}, D, "2021-08-12"),
    ("8/12/2021", A, {}, D, "2021-08-12"),
    ("12/8/2021", A, {"day_first": True}, D, "2021-08-12"),
    ("12.08.2021", A, {}, D, "2021-08-12"),
    ("March 3, 2024", A, {}, D, "2024-03-03"),
    ("Thursday, August 12, 2021", A, {}, D, "2021-08-12"),
    ("August 2021", A, {}, D, "2021-08"),
    ("Aug. 2021", A, {}, D, "2021-08"),
    ("August of 2021", A, {}, D, "2021-08"),
    ("2021-08", A, {}, D, "2021-08"),
    ("2021", A, {}, D, "2021"),
    ("since 2017", A, {}, D, "2017"),
    ("by 2025", A, {}, D, "2025"),
    ("in March 2017", A, {}, D, "2017-03"),
    ("the year 2020", A, {}, D, "2020"),
    ("the 1990s", A, {}, D, "199"),
    ("the early 2000s", A, {}, D, "200"),
    ("the '90s", A, {}, D, "199"),
    ("the 21st century", A, {}, D, "20"),
    ("the twenty-first century", A, {}, D, "20"),
    ("early 2020", A, {}, D, "2020"),
    ("mid-2023", A, {}, D, "2023"),
    ("late 2019", A, {}, D, "2019"),
    ("the end of 2026", A, {}, D, "2026"),
    ("the beginning of 2022", A, {}, D, "2022"),
    ("mid-August", A, {}, D, "2021-08"),
    ("summer 2021", A, {}, D, "2021-SU"),
    ("the summer of 2019", A, {}, D, "2019-SU"),
    ("Feb. 30, 2021", A, {}, D, None),
]

WITHOUT_YEAR: list[Case] = [
    ("August 12", A, {"tense": "past"}, D, "2021-08-12"),
    ("Jan. 5", A, {"tense": "past"}, D, "2021-01-05"),
    ("Jan. 5", A, {}, D, "2022-01-05"),  # no tense: the nearest Jan. 5
    ("Jan. 5", datetime.date(2024, 1, 10), {}, D, "2024-01-05"),
    ("the 12th", A, {"tense": "past"}, D, "2021-08-12"),
    ("the 3rd", A, {}, D, "2021-08-03"),
    ("the 12th of August", A, {}, D, "2021-08-12"),
    ("12 August", A, {}, D, "2021-08-12"),
    ("December", JAN, {"tense": "past"}, D, "2021-12"),
    ("December", JAN, {}, D, "2021-12"),
    ("December", JAN, {"tense": "future"}, D, "2022-12"),
    ("Dec. 28", JAN, {"tense": "past"}, D, "2021-12-28"),
    ("March", A, {"tense": "past"}, D, "2021-03"),
    ("March", A, {"tense": "future"}, D, "2022-03"),
    ("in May", A, {"tense": "past"}, D, "2021-05"),
    ("September", A, {"tense": "past"}, D, "2020-09"),
    ("8/12", A, {}, D, "2021-08-12"),
]

RELATIVE: list[Case] = [
    ("Thanksgiving", NOV, {"tense": "future"}, D, "2024-11-28"),
    ("Thanksgiving", NOV, {"tense": "past"}, D, "2023-11-23"),
    ("New Year's Day", NOV, {"tense": "future"}, D, "2025-01-01"),
    ("Memorial Day", NOV, {"tense": "past"}, D, "2024-05-27"),
    ("Labor Day", A, {"tense": "future"}, D, "2021-09-06"),
    ("today", A, {}, D, "2021-08-12"),
    ("yesterday", A, {}, D, "2021-08-11"),
    ("tomorrow", A, {}, D, "2021-08-13"),
    ("the day before yesterday", A, {}, D, "2021-08-10"),
    ("Monday", A, {"tense": "past"}, D, "2021-08-09"),
    ("on Monday", A, {"tense": "past"}, D, "2021-08-09"),
    ("on Monday", A, {"tense": "future"}, D, "2021-08-16"),
    ("Monday", A, {}, D, "2021-08-16"),
    ("Thursday", A, {"tense": "past"}, D, "2021-08-12"),
    ("Thursday", A, {"tense": "future"}, D, "2021-08-12"),
    ("Friday", A, {"tense": "past"}, D, "2021-08-06"),
    ("last Monday", A, {}, D, "2021-08-09"),
    ("last Thursday", A, {}, D, "2021-08-05"),
    ("next Thursday", A, {}, D, "2021-08-19"),
    ("this Monday", A, {}, D, "2021-08-09"),
    ("last week", A, {}, D, "2021-W31"),
    ("this week", A, {}, D, "2021-W32"),
    ("next week", A, {}, D, "2021-W33"),
    ("earlier this week", A, {}, D, "2021-W32"),
    ("last weekend", A, {}, D, "2021-W31-WE"),
    ("this weekend", A, {}, D, "2021-W32-WE"),
    ("this month", A, {}, D, "2021-08"),
    ("last month", A, {}, D, "2021-07"),
    ("next month", A, {}, D, "2021-09"),
    ("last month", JAN, {}, D, "2021-12"),
    ("the end of the month", A, {}, D, "2021-08"),
    ("early next month", A, {}, D, "2021-09"),
    ("this year", A, {}, D, "2021"),
    ("last year", A, {}, D, "2020"),
    ("next year", A, {}, D, "2022"),
    ("the year", A, {}, D, "2021"),
    ("the previous year", A, {}, D, "2020"),
    ("the following year", A, {}, D, "2022"),
    ("the coming year", A, {}, D, "2022"),
    ("later this year", A, {}, D, "2021"),
    ("late last year", A, {}, D, "2020"),
    ("the end of last year", A, {}, D, "2020"),
    ("the beginning of the year", A, {}, D, "2021"),
    ("year-end", A, {}, D, "2021"),
    ("two years ago", A, {}, D, "2019"),
    ("a year earlier", A, {}, D, "2020"),
    ("a year ago", A, {}, D, "2020"),
    ("three years later", A, {}, D, "2024"),
    ("the year before", A, {}, D, "2020"),
    ("three months ago", A, {}, D, "2021-05"),
    ("two weeks ago", A, {}, D, "2021-W30"),
    ("three days ago", A, {}, D, "2021-08-09"),
    ("a decade ago", A, {}, D, "2011"),  # a year, per corpus/ANNOTATION.md
    ("a few years ago", A, {}, D, "PAST_REF"),
    ("the same period last year", A, {}, D, "2020"),
    ("the same period a year earlier", A, {}, D, "2020"),
    ("the same period last year", datetime.date(2019, 6, 30), {}, D, "2018"),
    ("the same quarter last year", A, {}, D, "2020-Q3"),
    ("the same month last year", A, {}, D, "2020-08"),
    ("this time last year", A, {}, D, "2020"),
    ("this past weekend", A, {}, D, "2021-W31-WE"),
    ("this decade", A, {}, D, "202"),
    ("this century", A, {}, D, "20"),
    ("last summer", A, {}, D, "2020-SU"),
    ("this summer", A, {}, D, "2021-SU"),
    ("last winter", datetime.date(2022, 3, 1), {}, D, "2021-WI"),
    ("last March", A, {}, D, "2021-03"),
    ("next March", A, {}, D, "2022-03"),
]

PARTS_OF_YEAR: list[Case] = [
    ("Q3 2024", A, {}, D, "2024-Q3"),
    ("Q3", A, {}, D, "2021-Q3"),
    ("3Q 2024", A, {}, D, "2024-Q3"),
    ("the third quarter", A, {}, D, "2021-Q3"),
    ("the July-September quarter", A, {}, D, "2021-Q3"),
    ("the October-December period", A, {}, D, "2021-Q4"),
    ("the third quarter", NOV, {"fiscal_year_start": 10}, D, "2024-Q3"),
    ("the fourth quarter of 2024", A, {}, D, "2024-Q4"),
    ("the fourth-quarter", A, {}, D, "2021-Q4"),
    ("the fourth quarter of last year", A, {}, D, "2020-Q4"),
    ("the second quarter of this year", A, {}, D, "2021-Q2"),
    ("the first quarter", NOV, {}, D, "2024-Q1"),
    ("last quarter", A, {}, D, "2021-Q2"),
    ("last quarter", datetime.date(2024, 2, 1), {}, D, "2023-Q4"),
    ("this quarter", A, {}, D, "2021-Q3"),
    ("next quarter", NOV, {}, D, "2025-Q1"),
    ("the quarter", A, {}, D, "2021-Q3"),
    ("the quarter", datetime.date(2024, 9, 30), {}, D, "2024-Q3"),
    ("the first half of the year", A, {}, D, "2021-H1"),
    ("the second half of 2023", A, {}, D, "2023-H2"),
    ("the first half of last year", A, {}, D, "2020-H1"),
    ("the second half", A, {}, D, "2021-H2"),
    ("H1 2024", A, {}, D, "2024-H1"),
    ("1H 2024", A, {}, D, "2024-H1"),
    ("fiscal 2025", A, {}, D, "FY2025"),
    ("fiscal year 2025", A, {}, D, "FY2025"),
    ("FY2025", A, {}, D, "FY2025"),
    ("FY 2025", A, {}, D, "FY2025"),
    ("FY25", A, {}, D, "FY2025"),
    ("the 2024 fiscal year", A, {}, D, "FY2024"),
    ("the third quarter of fiscal 2025", A, {}, D, "FY2025-Q3"),
    ("fiscal Q3 2025", A, {}, D, "FY2025-Q3"),
    ("Q4 FY2024", A, {}, D, "FY2024-Q4"),
    ("the second half of fiscal 2025", A, {}, D, "FY2025-H2"),
    ("this fiscal year", NOV, {"fiscal_year_start": 10}, D, "FY2025"),
    ("last fiscal year", NOV, {"fiscal_year_start": 10}, D, "FY2024"),
    ("the fiscal third quarter", NOV, {"fiscal_year_start": 10}, D, "FY2025-Q3"),
    ("the fiscal year", A, {}, D, "FY2021"),
]

DURATIONS: list[Case] = [
    ("the fifth consecutive year", A, {}, DUR, "P5Y"),
    ("the third straight year", A, {}, DUR, "P3Y"),
    ("at least 24 hours", A, {}, DUR, "PT24H"),
    ("up to 72 hours", A, {}, DUR, "PT72H"),
    ("four consecutive years", A, {}, DUR, "P4Y"),
    ("18 months", A, {}, DUR, "P18M"),
    ("week-long", A, {}, DUR, "P1W"),
    ("a decade", A, {}, DUR, "P10Y"),
    ("two decades", A, {}, DUR, "P20Y"),
    ("more than two decades", A, {}, DUR, "P20Y"),
    ("the past decade", A, {}, DUR, "P10Y"),
    ("over the past decade", A, {}, DUR, "P10Y"),
    ("the last decade", A, {}, DUR, "P10Y"),
    ("the past five years", A, {}, DUR, "P5Y"),
    ("the last two years", A, {}, DUR, "P2Y"),
    ("the past year", A, {}, DUR, "P1Y"),
    ("the last year", A, {}, DUR, "P1Y"),
    ("past year", A, {}, DUR, "P1Y"),
    ("the past few years", None, {}, DUR, "PXY"),
    ("recent years", None, {}, DUR, "PXY"),
    ("in recent years", A, {}, DUR, "PXY"),
    ("years", A, {}, DUR, "PXY"),
    ("for years", A, {}, DUR, "PXY"),
    ("several years", A, {}, DUR, "PXY"),
    ("months", A, {}, DUR, "PXM"),
    ("a few months", A, {}, DUR, "PXM"),
    ("weeks", A, {}, DUR, "PXW"),
    ("days", A, {}, DUR, "PXD"),
    ("decades", A, {}, DUR, "PXDE"),
    ("hours", A, {}, DUR, "PTXH"),
    ("two weeks", A, {}, DUR, "P2W"),
    ("a fortnight", A, {}, DUR, "P2W"),
    ("24 hours", A, {}, DUR, "PT24H"),
    ("the past 24 hours", A, {}, DUR, "PT24H"),
    ("30 minutes", A, {}, DUR, "PT30M"),
    ("three days", A, {}, DUR, "P3D"),
    ("a five-day", A, {}, DUR, "P5D"),
    ("a year", A, {}, DUR, "P1Y"),
    ("one year", A, {}, DUR, "P1Y"),
    ("1.5 years", A, {}, DUR, "P18M"),
    ("half a year", A, {}, DUR, "P6M"),
    ("1.5 days", A, {}, DUR, "PT36H"),
    ("twenty-one days", A, {}, DUR, "P21D"),
    ("a dozen years", A, {}, DUR, "P12Y"),
    ("nearly four years", A, {}, DUR, "P4Y"),
    ("two quarters", A, {}, DUR, "P6M"),
    ("the first three quarters", A, {}, DUR, "P9M"),
    ("the first nine months of 2024", A, {}, DUR, "P9M"),
    ("the first six months of the year", A, {}, DUR, "P6M"),
    ("the same two months of 2023", A, {}, DUR, "P2M"),
    ("the past 12 months", A, {}, DUR, "P12M"),
    ("the next five years", A, {}, DUR, "P5Y"),
    ("the next two financial years", A, {}, DUR, "P2Y"),
    ("the coming months", A, {}, DUR, "PXM"),
    ("the coming years", A, {}, DUR, "PXY"),
    ("the next few years", A, {}, DUR, "PXY"),
    ("a century", A, {}, DUR, "P100Y"),
]

SETS: list[Case] = [
    ("Sundays", NOV, {}, SET, "XXXX-WXX-7"),
    ("Mondays", None, {}, SET, "XXXX-WXX-1"),
    ("every year", A, {}, SET, "P1Y"),
    ("each year", A, {}, SET, "P1Y"),
    ("annually", A, {}, SET, "P1Y"),
    ("year by year", A, {}, SET, "P1Y"),
    ("year after year", A, {}, SET, "P1Y"),
    ("every month", A, {}, SET, "P1M"),
    ("each month", A, {}, SET, "P1M"),
    ("monthly", A, {}, SET, "P1M"),
    ("every week", A, {}, SET, "P1W"),
    ("weekly", A, {}, SET, "P1W"),
    ("bi-weekly", A, {}, SET, "P2W"),
    ("daily", A, {}, SET, "P1D"),
    ("every day", A, {}, SET, "P1D"),
    ("every four years", None, {}, SET, "P4Y"),
    ("every two weeks", A, {}, SET, "P2W"),
    ("every other year", A, {}, SET, "P2Y"),
    ("each quarter", A, {}, SET, "P3M"),
    ("quarterly", A, {}, SET, "P3M"),
    ("twice a year", A, {}, SET, "P1Y"),
    ("three times a week", A, {}, SET, "P1W"),
    ("every Monday", A, {}, SET, "XXXX-WXX-1"),
    ("every summer", A, {}, SET, "XXXX-SU"),
]

VAGUE: list[Case] = [
    ("recently", A, {}, D, "PAST_REF"),
    ("in the past", A, {}, D, "PAST_REF"),
    ("now", A, {}, D, "PRESENT_REF"),
    ("currently", A, {}, D, "PRESENT_REF"),
    ("at present", A, {}, D, "PRESENT_REF"),
    ("the present", A, {}, D, "PRESENT_REF"),
    ("nowadays", A, {}, D, "PRESENT_REF"),
    ("today", None, {}, D, "PRESENT_REF"),
    ("the future", A, {}, D, "FUTURE_REF"),
    ("in the future", A, {}, D, "FUTURE_REF"),
]

TIMES: list[Case] = [
    ("10 a.m.", A, {}, TIME, "2021-08-12T10:00"),
    ("10 a.m.", None, {}, TIME, "XXXX-XX-XXT10:00"),
    ("10am", A, {}, TIME, "2021-08-12T10:00"),
    ("3 p.m. ET", A, {}, TIME, "2021-08-12T15:00"),
    ("9:30 a.m. Monday", A, {"tense": "past"}, TIME, "2021-08-09T09:30"),
    ("10 a.m. Monday", datetime.date(2024, 3, 1), {"tense": "future"}, TIME, "2024-03-04T10:00"),
    ("10 a.m. on March 4, 2024", A, {}, TIME, "2024-03-04T10:00"),
    ("Monday at 2:15 p.m.", A, {"tense": "past"}, TIME, "2021-08-09T14:15"),
    ("15:30", A, {}, TIME, "2021-08-12T15:30"),
    ("noon", A, {}, TIME, "2021-08-12T12:00"),
    ("tonight", A, {}, TIME, "2021-08-12TNI"),
    ("last night", A, {}, TIME, "2021-08-11TNI"),
    ("Monday morning", A, {"tense": "past"}, TIME, "2021-08-09TMO"),
]

NO_ANCHOR: list[Case] = [
    ("August 12", None, {}, D, "XXXX-08-12"),
    ("the 12th", None, {}, D, "XXXX-XX-12"),
    ("March", None, {}, D, "XXXX-03"),
    ("Monday", None, {}, D, "XXXX-WXX-1"),
    ("last year", None, {}, D, "XXXX"),
    ("last month", None, {}, D, "XXXX-XX"),
    ("last week", None, {}, D, "XXXX-WXX"),
    ("yesterday", None, {}, D, "XXXX-XX-XX"),
    ("the third quarter", None, {}, D, "XXXX-Q3"),
    ("the first half of the year", None, {}, D, "XXXX-H1"),
    ("two years ago", None, {}, D, "XXXX"),
    ("the same period last year", None, {}, D, "XXXX"),
    ("the third quarter of fiscal 2025", None, {}, D, "FY2025-Q3"),
    ("March 2017", None, {}, D, "2017-03"),
    ("four consecutive years", None, {}, DUR, "P4Y"),
    ("every year", None, {}, SET, "P1Y"),
]

NOT_DATES: list[str] = [
    "",
    "hello",
    "year-on-year",
    "year-over-year",
    "45-year-old",
    "aged 60",
    "the centenary",
    "the centenary of the party's founding",
    "the 14th Five-Year Plan",
    "the 2022 Winter Olympics",
    "Vision 2030",
    "daily work",
    "annual report",
    "may",
    "12",
    "year",
    "the end",
]


FIELDS = ("text", "anchor", "kw", "ttype", "value")


def _ids(cases: list[Case]) -> list[str]:
    return [f"{text or '<empty>'}|{anchor}|{kw}" for text, anchor, kw, _, _ in cases]


def _check(
    text: str, anchor: datetime.date | None, kw: dict[str, Any], ttype: str, value: str | None
) -> None:
    expected = None if value is None else Timex(ttype, value)
    assert normalise(text, anchor, **kw) == expected


@pytest.mark.parametrize(FIELDS, GOLD_SEED, ids=_ids(GOLD_SEED))
def test_reference_article_gold_dates_are_reproduced(text, anchor, kw, ttype, value) -> None:
    _check(text, anchor, kw, ttype, value)


@pytest.mark.parametrize(FIELDS, ABSOLUTE, ids=_ids(ABSOLUTE))
def test_absolute_dates_keep_their_stated_granularity(text, anchor, kw, ttype, value) -> None:
    _check(text, anchor, kw, ttype, value)


@pytest.mark.parametrize(FIELDS, WITHOUT_YEAR, ids=_ids(WITHOUT_YEAR))
def test_dates_without_year_take_it_from_anchor_and_tense(text, anchor, kw, ttype, value) -> None:
    _check(text, anchor, kw, ttype, value)


@pytest.mark.parametrize(FIELDS, RELATIVE, ids=_ids(RELATIVE))
def test_relative_dates_resolve_against_anchor(text, anchor, kw, ttype, value) -> None:
    _check(text, anchor, kw, ttype, value)


@pytest.mark.parametrize(FIELDS, PARTS_OF_YEAR, ids=_ids(PARTS_OF_YEAR))
def test_quarters_halves_and_fiscal_years(text, anchor, kw, ttype, value) -> None:
    _check(text, anchor, kw, ttype, value)


@pytest.mark.parametrize(FIELDS, DURATIONS, ids=_ids(DURATIONS))
def test_durations_count_units_or_use_x_when_vague(text, anchor, kw, ttype, value) -> None:
    _check(text, anchor, kw, ttype, value)


@pytest.mark.parametrize(FIELDS, SETS, ids=_ids(SETS))
def test_recurring_sets_give_their_period(text, anchor, kw, ttype, value) -> None:
    _check(text, anchor, kw, ttype, value)


@pytest.mark.parametrize(FIELDS, VAGUE, ids=_ids(VAGUE))
def test_vague_references_are_past_present_future_ref(text, anchor, kw, ttype, value) -> None:
    _check(text, anchor, kw, ttype, value)


@pytest.mark.parametrize(FIELDS, TIMES, ids=_ids(TIMES))
def test_times_of_day_carry_their_day(text, anchor, kw, ttype, value) -> None:
    _check(text, anchor, kw, ttype, value)


@pytest.mark.parametrize(FIELDS, NO_ANCHOR, ids=_ids(NO_ANCHOR))
def test_without_anchor_unknown_digits_are_x(text, anchor, kw, ttype, value) -> None:
    _check(text, anchor, kw, ttype, value)


@pytest.mark.parametrize("text", NOT_DATES)
def test_non_temporal_text_returns_none(text: str) -> None:
    assert normalise(text, A) is None


def test_capitalised_may_is_a_month_but_modal_may_is_not() -> None:
    assert normalise("May", A, tense="past") == Timex(D, "2021-05")
    assert normalise("may", A, tense="past") is None


def test_datetime_anchor_is_accepted_as_its_date() -> None:
    assert normalise("yesterday", datetime.datetime(2021, 8, 12, 23, 59)) == Timex(D, "2021-08-11")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-08-12", datetime.date(2021, 8, 12)),
        (" 2021-08-12 ", datetime.date(2021, 8, 12)),
        ("2021-08-12T09:30:00Z", datetime.date(2021, 8, 12)),
        ("2021-02-30", None),
        ("12 August 2021", None),
        ("", None),
    ],
)
def test_parse_iso_date_accepts_only_iso_dates(text: str, expected: datetime.date | None) -> None:
    assert parse_iso_date(text) == expected


ALL_CASES: list[Case] = (
    GOLD_SEED + ABSOLUTE + WITHOUT_YEAR + RELATIVE + PARTS_OF_YEAR + DURATIONS + SETS + VAGUE
    + TIMES + NO_ANCHOR
)


def test_table_is_large_enough() -> None:
    assert len(ALL_CASES) + len(NOT_DATES) >= 150
