"""Table-driven tests for pipeline.numbers: values as corpus/ANNOTATION.md defines them."""

from __future__ import annotations

import pytest

from pipeline.numbers import (
    Money,
    Quantity,
    parse_count,
    parse_money,
    parse_number,
    parse_percent,
    qualifier_phrases,
)

EX, APPROX, LOWER, UPPER, RANGE = "exact", "approximate", "lower_bound", "upper_bound", "range"

NUMBERS: list[tuple[str, int | float]] = [
    ("12,000", 12000),
    ("12 000", 12000),
    ("12\u00a0000", 12000),
    ("1,200,000", 1200000),
    ("3.5", 3.5),
    ("1.2 million", 1200000),
    ("3.5bn", 3500000000),
    ("2 million", 2000000),
    ("12k", 12000),
    ("two", 2),
    ("twenty-one", 21),
    ("twenty one", 21),
    ("one hundred and five", 105),
    ("a dozen", 12),
    ("two dozen", 24),
    ("a hundred", 100),
    ("a thousand", 1000),
    ("a million", 1000000),
    ("dozens", 24),
    ("hundreds", 200),
    ("thousands", 2000),
    ("tens of thousands", 20000),
    ("hundreds of thousands", 200000),
    ("millions", 2000000),
    ("Twelve Thousand", 12000),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number_reads_numerals_words_and_vague_magnitudes(text: str, expected: float) -> None:
    value = parse_number(text)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    "text", ["", "   ", "hello", "million", "hundred", "dozen", "tens", "a", "one two", "1st"]
)
def test_parse_number_rejects_non_numerals(text: str) -> None:
    assert parse_number(text) is None


COUNTS: list[tuple[str, int | float, int | float | None, str]] = [
    # plain numerals and number words are exact
    ("5", 5, None, EX),
    ("0", 0, None, EX),
    ("12,000", 12000, None, EX),
    ("3,284", 3284, None, EX),
    ("12 000", 12000, None, EX),
    ("1,200,000", 1200000, None, EX),
    ("1.2 million", 1200000, None, EX),
    ("11.9 million", 11900000, None, EX),
    ("2 million", 2000000, None, EX),
    ("3.5bn", 3500000000, None, EX),
    ("1.5 billion", 1500000000, None, EX),
    ("2.5m", 2500000, None, EX),
    ("40k", 40000, None, EX),
    ("10 thousand", 10000, None, EX),
    ("two", 2, None, EX),
    ("Two", 2, None, EX),
    ("one", 1, None, EX),
    ("five", 5, None, EX),
    ("eleven", 11, None, EX),
    ("twenty-one", 21, None, EX),
    ("ninety-nine", 99, None, EX),
    ("one hundred and five", 105, None, EX),
    ("one hundred five", 105, None, EX),
    ("seven hundred and fifty", 750, None, EX),
    ("twelve hundred", 1200, None, EX),
    ("twelve thousand", 12000, None, EX),
    ("three hundred thousand", 300000, None, EX),
    ("two million", 2000000, None, EX),
    ("forty-two million", 42000000, None, EX),
    ("twenty-one thousand", 21000, None, EX),
    ("a dozen", 12, None, EX),
    ("two dozen", 24, None, EX),
    ("a hundred", 100, None, EX),
    ("a thousand", 1000, None, EX),
    ("a hundred thousand", 100000, None, EX),
    ("An estimated 300", 300, None, APPROX),
    # exact modifiers
    ("only 250", 250, None, EX),
    ("just 12", 12, None, EX),
    ("exactly 7", 7, None, EX),
    ("precisely 40", 40, None, EX),
    ("only two", 2, None, EX),
    # approximate modifiers
    ("nearly 12,000", 12000, None, APPROX),
    ("almost 500", 500, None, APPROX),
    ("about 30", 30, None, APPROX),
    ("around 1,000", 1000, None, APPROX),
    ("approximately 2,500", 2500, None, APPROX),
    ("roughly 60", 60, None, APPROX),
    ("some 40", 40, None, APPROX),
    ("close to 900", 900, None, APPROX),
    ("an estimated 11.9 million", 11900000, None, APPROX),
    ("estimated 50", 50, None, APPROX),
    ("Nearly 12,000", 12000, None, APPROX),
    ("about a dozen", 12, None, APPROX),
    ("around a hundred", 100, None, APPROX),
    ("nearly two million", 2000000, None, APPROX),
    ("only about 40", 40, None, APPROX),
    ("just about 300", 300, None, APPROX),
    # lower bounds
    ("more than 300", 300, None, LOWER),
    ("More than 300", 300, None, LOWER),
    ("over 1,000", 1000, None, LOWER),
    ("at least 5", 5, None, LOWER),
    ("upwards of 200", 200, None, LOWER),
    ("no fewer than 5", 5, None, LOWER),
    ("no less than 10", 10, None, LOWER),
    ("in excess of 400", 400, None, LOWER),
    ("well over 100", 100, None, LOWER),
    ("just over 300", 300, None, LOWER),
    ("above 20", 20, None, LOWER),
    ("more than two", 2, None, LOWER),
    ("more than a dozen", 12, None, LOWER),
    ("over 1.5 million", 1500000, None, LOWER),
    ("1,200+", 1200, None, LOWER),
    ("600-plus", 600, None, LOWER),
    ("2,000-plus", 2000, None, LOWER),
    ("50+", 50, None, LOWER),
    # vague magnitudes: the smallest number the words state, lower_bound
    ("dozens", 24, None, LOWER),
    ("Dozens", 24, None, LOWER),
    ("hundreds", 200, None, LOWER),
    ("thousands", 2000, None, LOWER),
    ("tens of thousands", 20000, None, LOWER),
    ("hundreds of thousands", 200000, None, LOWER),
    ("millions", 2000000, None, LOWER),
    ("tens of millions", 20000000, None, LOWER),
    ("scores", 40, None, LOWER),
    ("more than dozens", 24, None, LOWER),
    ("only dozens", 24, None, LOWER),
    # upper bounds
    ("less than 50", 50, None, UPPER),
    ("fewer than 20", 20, None, UPPER),
    ("under 100", 100, None, UPPER),
    ("at most 3", 3, None, UPPER),
    ("up to 300", 300, None, UPPER),
    ("Up to 300", 300, None, UPPER),
    ("no more than 10", 10, None, UPPER),
    ("below 40", 40, None, UPPER),
    ("just under 500", 500, None, UPPER),
    ("as many as 2,000", 2000, None, UPPER),
    ("up to a dozen", 12, None, UPPER),
    ("fewer than ten", 10, None, UPPER),
    # ranges
    ("between 200 and 300", 200, 300, RANGE),
    ("Between 200 and 300", 200, 300, RANGE),
    ("200-300", 200, 300, RANGE),
    ("200 - 300", 200, 300, RANGE),
    ("200–300", 200, 300, RANGE),
    ("200—300", 200, 300, RANGE),
    ("200 to 300", 200, 300, RANGE),
    ("1,000-2,000", 1000, 2000, RANGE),
    ("two or three", 2, 3, RANGE),
    ("two to three", 2, 3, RANGE),
    ("between two and three", 2, 3, RANGE),
    ("10-12 million", 10000000, 12000000, RANGE),
    ("1.5-2 million", 1500000, 2000000, RANGE),
    ("between 2 and 3 million", 2000000, 3000000, RANGE),
    ("between two and three million", 2000000, 3000000, RANGE),
    ("5 million to 6 million", 5000000, 6000000, RANGE),
    ("500 to 1,000", 500, 1000, RANGE),
    ("about 200-300", 200, 300, RANGE),
    ("dozens to hundreds", 24, 200, RANGE),
    ("20 to 30", 20, 30, RANGE),
]


@pytest.mark.parametrize(("text", "value", "value_max", "qualifier"), COUNTS)
def test_parse_count_gives_value_range_and_qualifier(
    text: str, value: float, value_max: float | None, qualifier: str
) -> None:
    assert parse_count(text) == Quantity(value, value_max, qualifier)


def test_count_table_has_at_least_100_cases() -> None:
    assert len(COUNTS) >= 100


@pytest.mark.parametrize(
    ("text", "expected_type"),
    [("12,000", int), ("1.2 million", int), ("3.5", float), ("11.9 million", int), ("2.5", float)],
)
def test_parse_count_returns_int_for_whole_numbers(text: str, expected_type: type) -> None:
    quantity = parse_count(text)
    assert quantity is not None
    assert type(quantity.value) is expected_type


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "several",
        "many",
        "a few",
        "a number of",
        "a large number of",
        "both",
        "single",
        "a",
        "an",
        "the",
        "million",
        "hundred",
        "tens",
        "more than",
        "between 200",
        "between 200 or",
        "200 and 300",
        "3-1",
        "7-2",
        "300-200",
        "5 kilometres",
        "12 people",
        "1st",
        "No. 1",
        "several hundred",
    ],
)
def test_parse_count_rejects_non_counts_and_leftover_words(text: str) -> None:
    assert parse_count(text) is None


MONEY: list[tuple[str, Money]] = [
    ("$3.2 million", Money(3200000, None, "USD", EX)),
    ("RMB 500 million", Money(500000000, None, "CNY", EX)),
    ("500 million yuan", Money(500000000, None, "CNY", EX)),
    ("up to $100 million", Money(100000000, None, "USD", UPPER)),
    ("€20 billion", Money(20000000000, None, "EUR", EX)),
    ("US$1.5 billion", Money(1500000000, None, "USD", EX)),
    ("US $1.5 billion", Money(1500000000, None, "USD", EX)),
    ("$10-12 million", Money(10000000, 12000000, "USD", RANGE)),
    ("$10 million to $12 million", Money(10000000, 12000000, "USD", RANGE)),
    ("between $5 and $7 billion", Money(5000000000, 7000000000, "USD", RANGE)),
    ("£1.2m", Money(1200000, None, "GBP", EX)),
    ("C$40 million", Money(40000000, None, "CAD", EX)),
    ("HK$2.3 billion", Money(2300000000, None, "HKD", EX)),
    ("¥500 million", Money(500000000, None, "JPY", EX)),
    ("¥500 million yuan", Money(500000000, None, "CNY", EX)),
    ("300 million yen", Money(300000000, None, "JPY", EX)),
    ("20 billion euros", Money(20000000000, None, "EUR", EX)),
    ("5,000 rupees", Money(5000, None, "INR", EX)),
    ("Rs. 500 crore", Money(5000000000, None, "INR", EX)),
    ("more than $1,000", Money(1000, None, "USD", LOWER)),
    ("nearly 3 billion yuan", Money(3000000000, None, "CNY", APPROX)),
    ("USD 25.5 million", Money(25500000, None, "USD", EX)),
    ("two million dollars", Money(2000000, None, "USD", EX)),
    ("millions of dollars", Money(2000000, None, "USD", LOWER)),
    ("$1.5bn-$2bn", Money(1500000000, 2000000000, "USD", RANGE)),
    ("$99.99", Money(99.99, None, "USD", EX)),
    ("5 million", Money(5000000, None, None, EX)),
]


@pytest.mark.parametrize(("text", "expected"), MONEY)
def test_parse_money_gives_amount_currency_and_qualifier(text: str, expected: Money) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", ["", "hello", "$", "dollars", "$ to $", "$5 kilometres", "$3-1"])
def test_parse_money_rejects_spans_without_an_amount(text: str) -> None:
    assert parse_money(text) is None


PERCENTS: list[tuple[str, Quantity]] = [
    ("45%", Quantity(45, None, EX)),
    ("45 %", Quantity(45, None, EX)),
    ("45 percent", Quantity(45, None, EX)),
    ("45 per cent", Quantity(45, None, EX)),
    ("45 Per Cent", Quantity(45, None, EX)),
    ("3.5%", Quantity(3.5, None, EX)),
    ("over 99 percent", Quantity(99, None, LOWER)),
    ("nearly 60%", Quantity(60, None, APPROX)),
    ("up to 30%", Quantity(30, None, UPPER)),
    ("20% to 60%", Quantity(20, 60, RANGE)),
    ("20-60%", Quantity(20, 60, RANGE)),
    ("between 20 and 30 per cent", Quantity(20, 30, RANGE)),
    ("2 percentage points", Quantity(2, None, EX)),
    ("0.5 percentage point", Quantity(0.5, None, EX)),
    ("ten percent", Quantity(10, None, EX)),
    ("-2.5%", Quantity(-2.5, None, EX)),
    ("12 pct", Quantity(12, None, EX)),
]


@pytest.mark.parametrize(("text", "expected"), PERCENTS)
def test_parse_percent_keeps_percent_units_and_qualifier(text: str, expected: Quantity) -> None:
    assert parse_percent(text) == expected


@pytest.mark.parametrize("text", ["", "hello", "45", "percent", "dozens percent", "60% to 20%"])
def test_parse_percent_rejects_spans_without_a_percentage(text: str) -> None:
    assert parse_percent(text) is None


def test_qualifier_phrases_cover_every_guideline_modifier() -> None:
    table = qualifier_phrases()
    expected = {
        "nearly": APPROX, "almost": APPROX, "about": APPROX, "around": APPROX,
        "approximately": APPROX, "roughly": APPROX, "some": APPROX, "close to": APPROX,
        "an estimated": APPROX, "more than": LOWER, "over": LOWER, "at least": LOWER,
        "upwards of": LOWER, "no fewer than": LOWER, "less than": UPPER, "fewer than": UPPER,
        "under": UPPER, "at most": UPPER, "up to": UPPER, "no more than": UPPER,
        "only": EX, "just": EX, "exactly": EX,
    }  # fmt: skip
    for phrase, qualifier in expected.items():
        assert table[phrase] == qualifier, phrase


def test_qualifier_phrases_are_plain_lowercase_words() -> None:
    for phrase in qualifier_phrases():
        assert phrase == phrase.lower()
        assert all(word.isalpha() for word in phrase.split()), phrase


def test_qualifier_phrases_returns_a_copy_not_the_cache() -> None:
    qualifier_phrases()["nearly"] = "exact"
    assert qualifier_phrases()["nearly"] == APPROX
