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
    ("The current approval expires on Jan. 15.", "Jan. 15", "2025-01-15"),
    ("The new wing should be finished by February.", "February", "2025-02"),
    ("The plant should have opened in February.", "February", "2024-02"),
    ("Three professors were named to chairs, effective July 1.", "July 1", "2024-07-01"),
    ("\"Every citizen can vote on August 13,\" she said.", "August 13", "2024-08-13"),
    ("It will meet leaders monthly until nominations open in February.", "February",
     "2025-02"),
    ("The final decision, published Friday, allows the company to spend more.", "Friday",
     "2024-03-01"),
    ("The vote, scheduled for Friday, will decide the budget.", "Friday", "2024-03-08"),
    ("Donations made before Friday will be matched.", "Friday", "2024-03-08"),
    ("Chepkoech leads the squad after winning the national trials on Saturday.",
     "Saturday", "2024-03-02"),
    ("The proposals, approved by the Cabinet on Friday, will go before the Council.",
     "Friday", "2024-03-01"),
    ("The mayor said on Friday she would resign.", "Friday", "2024-03-01"),
])
def test_dates_resolve_by_the_tense_of_their_clause(run, text, span, value) -> None:
    found = {d.text: d.value for d in run(text).dates}
    assert found[span] == value


def test_two_digit_year_after_a_year_and_slash_or_hyphen_is_the_next_year(run) -> None:
    record = run("The council set its 2026/27 budget, up on the 2023-24 school year.")
    assert [(d.text, d.value) for d in record.dates] == [
        ("2026", "2026"), ("27", "2027"), ("2023", "2023"), ("24", "2024")]


def test_the_year_of_a_results_release_is_the_year_it_reports(run) -> None:
    record = run("Acme Corp. today reported results for the fourth quarter of 2024. Net margin "
                 "was 3.5% for the year, compared with 3.6% for the prior year.", "2025-01-28")
    found = {d.text: d.value for d in record.dates}
    assert (found["the year"], found["the prior year"]) == ("2024", "2023")


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("Register by noon Monday to speak.", "2024-05-23",
     [("noon Monday", "TIME", "2024-05-27T12:00")]),
    ("The meeting is at 6:30 p.m. next Tuesday.", "2024-09-20",
     [("6:30 p.m. next Tuesday", "TIME", "2024-09-24T18:30")]),
    ("Posted On: 14 JAN 2025 5:30PM by PIB Delhi", "2025-01-14",
     [("14 JAN 2025 5:30PM", "TIME", "2025-01-14T17:30")]),
    ("Final: Saturday, 26 April, 3pm, Nyayo National Stadium", "2025-04-08",
     [("Saturday, 26 April, 3pm", "TIME", "2025-04-26T15:00")]),
    ("The open day will be held on Saturday, 23 August.", "2025-08-01",
     [("Saturday, 23 August", "DATE", "2025-08-23")]),
])
def test_a_day_and_its_clock_time_are_one_span(run, text, date, expected) -> None:
    assert [(d.text, d.timex_type, d.value) for d in run(text, date).dates] == expected


def test_the_same_day_is_the_last_day_named(run) -> None:
    record = run("The semi-final is on Saturday, 12 April. Kick-off is at 2.30pm. The other "
                 "tie starts at 4.30pm the same day.", "2025-04-08")
    assert record.dates[-1].value == "2025-04-12T16:30"


def test_holiday_the_model_calls_an_event_is_a_date(run) -> None:
    record = run("It plans to give away 3,500 turkeys before Thanksgiving.", "2024-11-20")
    assert [(d.text, d.value) for d in record.dates] == [("Thanksgiving", "2024-11-28")]


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
    assert {d.text: d.value for d in record.dates}["Saturday, 26 April"] == "2025-04-26"


@pytest.mark.parametrize(("text", "counts"), [
    ("Crews will renovate the remaining 600-plus old communities.", [("600-plus", 600)]),
    ("She dialled 999 and started chest compressions.", []),
    ("Response times for 911 calls rose 11%.", []),
    ("World 1,500m champion Faith Chepkoech leads 24 athletes.", [("24", 24)]),
    ("Inia Naivalu, who at 20 is the youngest, joins 14 forwards.", [("14", 14)]),
])
def test_what_counts_and_what_does_not(run, text, counts) -> None:
    assert [(c.text, c.value) for c in run(text).counts] == counts


def test_day_after_a_date_and_to_is_a_day_of_that_month(run) -> None:
    record = run("The championships run in Tokyo from September 13 to 21.", "2025-08-12")
    assert [(d.text, d.value) for d in record.dates] == [("September 13", "2025-09-13"),
                                                         ("21", "2025-09-21")]


@pytest.mark.parametrize(("text", "date", "span", "value"), [
    ("Foreign guests made up 44.1 percent of stays in the quarter, up from the same quarter "
     "last year. Spending rose in the third quarter of 2025.", "2025-10-15",
     "the same quarter last year", "2024-Q3"),
    ("The economy grew 5.0% in the second quarter, compared with 4.9% in the first quarter "
     "and 4.6% in the same quarter last year.", "2025-09-02",
     "the same quarter last year", "2024-Q2"),
])
def test_the_same_quarter_last_year_is_the_reported_quarter_a_year_back(
        run, text: str, date: str, span: str, value: str) -> None:
    assert {d.text: d.value for d in run(text, date).dates}[span] == value


@pytest.mark.parametrize(("text", "span", "value"), [
    ("Exports were the highest for the first six months of the year.",
     "the first six months of the year", "P6M"),
    ("Cases were twice as many as in the same two months of 2023.",
     "the same two months of 2023", "P2M"),
    ("The firm recruited 146 engineers in the first half of this year.",
     "the first half of this year", "2025-H1"),
])
def test_part_of_a_year_is_one_span(run, text: str, span: str, value: str) -> None:
    found = {d.text: d.value for d in run(text, "2025-07-10").dates}
    assert found == {span: value}


def test_years_joined_by_an_en_dash_are_two_dates(run) -> None:
    record = run("The decision covers 2026–2031 and bills rise in the 2026–27 financial year.",
                 "2025-04-30")
    assert [(d.text, d.value) for d in record.dates] == [
        ("2026", "2026"), ("2031", "2031"), ("2026", "2026"), ("27", "2027")]


def test_dollar_prefixes_are_split_off_the_amount(run) -> None:
    record = run("The venture will add about S$85 million, and NZ$4 billion more.", "2025-09-16")
    money = [(e.text, e.value, e.unit) for e in record.entities if e.label == "MONEY"]
    assert money == [("about S$85 million", 85_000_000, "SGD"),
                     ("NZ$4 billion", 4_000_000_000, "NZD")]


@pytest.mark.parametrize(("text", "value"), [
    ('"Steel pipes that carry natural gas today were never designed for it," he said.',
     "PRESENT_REF"),
    ("An ITI must teach the skills that a factory in Paradip needs today.", "PRESENT_REF"),
    ("LumaGrid Horizon is available today to utilities in Canada.", "2024-03-04"),
    ("The Department for Education today confirmed that 300 schools will share the money.",
     "2024-03-04"),
])
def test_today_is_the_present_when_it_says_what_holds_now(run, text: str, value: str) -> None:
    assert {d.text: d.value for d in run(text).dates}["today"] == value
