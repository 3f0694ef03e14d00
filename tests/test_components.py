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


@pytest.mark.parametrize(("text", "span", "value"), [
    # tense through non-finite verbs and infinitives; document date Monday 2024-03-04
    ("A deputy tried to stop the truck at 11:46 p.m. Saturday.", "11:46 p.m. Saturday",
     "2024-03-02T23:46"),
    ("The association has threatened to seek a referendum in November.", "November",
     "2024-11"),
    ("The report, due on April 30, will show prices.", "April 30", "2024-04-30"),
    ("The currency has lost 1.1% since Monday.", "Monday", "2024-03-04"),
])
def test_dates_resolve_by_the_tense_of_their_clause(run, text, span, value) -> None:
    found = {d.text: d.value for d in run(text).dates}
    assert found[span] == value


def test_clock_time_takes_the_day_said_beside_it(run) -> None:
    record = run("Halvorsen will hold a job fair on Saturday from 10 a.m. to 2 p.m.")
    found = {d.text: d.value for d in record.dates}
    assert found["Saturday"] == "2024-03-09"
    assert (found["10 a.m."], found["2 p.m."]) == ("2024-03-09T10:00", "2024-03-09T14:00")


def test_clock_time_of_a_daily_service_has_no_day(run) -> None:
    record = run("The shelter is open from 7 p.m. to 8 a.m. daily.")
    found = {d.text: d.value for d in record.dates}
    assert found["7 p.m."] == "XXXX-XX-XXT19:00" and found["daily"] == "P1D"


def test_rate_after_an_amount_is_a_set(run) -> None:
    record = run("The jobs pay an average wage of $31.40 an hour.")
    assert {d.text: (d.timex_type, d.value) for d in record.dates}["an hour"] == ("SET", "PT1H")


def test_modified_duration_keeps_its_modifier(run) -> None:
    record = run("In 212 cases, officers waited at least 24 hours.")
    assert [d.text for d in record.dates] == ["at least 24 hours"]


def test_ordinal_before_a_name_is_no_date(run) -> None:
    record = run("Since the 18th National Congress of the Party, Hefei has grown.")
    assert not [d for d in record.dates if d.text == "the 18th"]


def test_short_year_after_a_year_is_its_own_date(run) -> None:
    record = run("Councils receive funding for 2025-26.")
    assert [(d.text, d.value) for d in record.dates] == [("2025", "2025"), ("26", "2026")]


def test_day_first_dateline_gives_the_document_date(run) -> None:
    record = run("NAIROBI, 8 April 2025 – The Kenya Rugby Union named its squad.", None)
    assert record.document_date == dt.date(2025, 4, 8)


@pytest.mark.parametrize("text", [
    "A co-defendant, Jamal Pierce, 24, pleaded guilty.",
    "Nearly one in four young people is out of work.",
    "Of the 47 patients, 31 are children under 15.",
    "Use conference ID 4418803 to join the call.",
])
def test_ages_ratios_and_identifiers_are_not_counts(run, text: str) -> None:
    counts = [c.text for c in run(text).counts]
    assert not [c for c in counts if c in {"24", "one", "nearly one", "under 15", "4418803"}]


def test_from_to_gives_two_counts(run) -> None:
    record = run("She expanded the network from 38 to 61 facilities.")
    assert [(c.text, c.value) for c in record.counts] == [("38", 38), ("61", 61)]


def test_lakh_is_part_of_the_count(run) -> None:
    record = run("The institutes will train about 1.5 lakh young people.")
    assert [(c.text, c.value) for c in record.counts] == [("about 1.5 lakh", 150000)]


def test_weekday_takes_the_date_written_beside_it(run) -> None:
    record = run("The final will be played on Saturday, 26 April at Nyayo.", "2025-04-08")
    assert {d.text: d.value for d in record.dates}["Saturday"] == "2025-04-26"
