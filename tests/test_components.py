"""The pressfacts spaCy components on small, pointed sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extractor import Extractor


@pytest.fixture(scope="module")
def run(extractor: Extractor):
    def _run(text: str, date: str | None = "2024-03-04"):
        return extractor.extract(text, document_date=date)
    return _run


def texts(spans, label: str | None = None) -> list[str]:
    return [s.text for s in spans if label is None or s.label == label]


@pytest.mark.parametrize(("line", "place", "date"), [
    ("BEIJING, Jan. 5 (Xinhua) -- The ministry said so.", "BEIJING", "Jan. 5"),
    ("NEW YORK, March 3, 2024 /PRNewswire/ -- Acme Corp. today announced results.",
     "NEW YORK", "March 3, 2024"),
    ("SAN JOSE, Calif., Oct. 24, 2024 (BUSINESS WIRE) -- Calvera Inc. said.",
     "SAN JOSE, Calif.", "Oct. 24, 2024"),
    ("LONDON (Reuters) - Oil prices rose.", "LONDON", None),
])
def test_dateline_forms_are_parsed(run, line: str, place: str, date: str | None) -> None:
    record = run(line, None)
    assert record.dateline is not None
    assert (record.dateline.place, record.dateline.date_text) == (place, date)


def test_dateline_with_year_gives_the_document_date(run) -> None:
    record = run("NEW YORK, March 3, 2024 /PRNewswire/ -- Acme Corp. today announced.", None)
    assert record.document_date == dt.date(2024, 3, 3)
    assert record.document_date_source == "dateline"
    assert "PRNewswire" in texts(record.entities, "ORG")


def test_metadata_date_wins_over_dateline(run) -> None:
    record = run("BEIJING, Jan. 5 (Xinhua) -- Officials met.", "2024-01-05")
    assert record.document_date_source == "cli"


def test_org_loses_leading_the_and_possessive(run) -> None:
    record = run("He thanked the Provincial Party Committee’s Veteran Cadre Bureau.")
    assert texts(record.entities, "ORG") == ["Provincial Party Committee", "Veteran Cadre Bureau"]


def test_acronym_in_parentheses_is_its_own_org(run) -> None:
    record = run("The World Health Organization (WHO) warned on Monday.")
    assert texts(record.entities, "ORG") == ["World Health Organization", "WHO"]
    [org] = record.organisations
    assert org.acronym == "WHO" and org.canonical == "World Health Organization"


def test_quoted_campaign_is_opaque(run) -> None:
    record = run('Jiangxi launched the "Gathering of Talents in Jiangxi Wisdom" campaign.')
    assert texts(record.entities) == ["Jiangxi"]


def test_short_company_name_after_full_name_is_the_same_org(run) -> None:
    record = run("Calvera Semiconductor Corporation reported results. Calvera said demand grew.")
    assert texts(record.entities, "ORG") == ["Calvera Semiconductor Corporation", "Calvera"]
    assert len(record.organisations) == 1


@pytest.mark.parametrize(("text", "span", "value", "qualifier", "item"), [
    ("It has introduced nearly 12,000 high-level talents.", "nearly 12,000", 12000,
     "approximate", "high-level talents"),
    ("Dozens of volunteers came.", "Dozens", 24, "lower_bound", "volunteers"),
    ("The plant will hire between 200 and 300 workers.", "between 200 and 300", 200, "range",
     "workers"),
])
def test_count_value_qualifier_and_item(run, text, span, value, qualifier, item) -> None:
    [count] = run(text).counts
    assert (count.text, count.value, count.qualifier, count.item) == (span, value, qualifier, item)


@pytest.mark.parametrize("text", [
    "The centre opened in 2018.",
    "Revenue rose 12% to $3.2 million.",
    "She was aged 65 when she retired.",
    "Call 555-0199 for details.",
    "The 310,000-square-foot plant opened.",
    "It is one of the provinces that grew.",
])
def test_numbers_that_are_not_counts(run, text: str) -> None:
    assert run(text).counts == []


def test_year_range_gives_one_date_per_end(run) -> None:
    record = run("The programme ran from 2018 to 2021.")
    assert [(d.text, d.value) for d in record.dates] == [("2018", "2018"), ("2021", "2021")]


def test_relative_dates_resolve_against_the_document_date(run) -> None:
    record = run("Exports fell last year and will rise next month.", "2021-01-05")
    assert [(d.text, d.value) for d in record.dates] == [("last year", "2020"),
                                                         ("next month", "2021-02")]


def test_frequency_adjective_is_not_a_date(run) -> None:
    record = run("He is in charge of the daily work of the bureau.")
    assert record.dates == []


def test_money_and_percent_get_values(run) -> None:
    record = run("Sales rose over 99 percent to $3.2 million.")
    money = next(e for e in record.entities if e.label == "MONEY")
    percent = next(e for e in record.entities if e.label == "PERCENT")
    assert (money.value, money.unit) == (3200000, "USD")
    assert (percent.text, percent.value, percent.qualifier) == ("over 99 percent", 99,
                                                                "lower_bound")
