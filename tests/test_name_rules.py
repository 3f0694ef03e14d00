"""Document-level name repairs (`pipeline/name_rules.py`) and the gazetteers behind them."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from pipeline.extractor import Extractor
from pipeline.given_names import is_given_name
from pipeline.name_rules import repeated_org_names, unsupported_people


@pytest.fixture(scope="module")
def run(extractor: Extractor):
    def _run(text: str, date: str | None = "2024-03-04"):
        return extractor.extract(text, document_date=date)
    return _run


def labelled(record, label: str) -> list[str]:
    return [e.text for e in record.entities if e.label == label]


def test_given_names_come_from_the_dictionary_accents_folded() -> None:
    assert is_given_name("Marcus") and is_given_name("Siobhán")
    assert not is_given_name("Kakuma") and not is_given_name("marcus")


def test_model_org_with_a_first_name_is_a_person(run) -> None:
    record = run("Investor Contact: Marcus Hale, Calvera Semiconductor, said the figures held.")
    assert "Marcus Hale" in labelled(record, "PERSON")
    assert "Marcus Hale" not in labelled(record, "ORG")


def test_city_the_model_calls_an_organisation_is_a_place(run) -> None:
    record = run("The company has offices in Toronto, Montréal and Halifax.")
    assert "Halifax" in labelled(record, "GPE")


def test_county_names_are_not_people(run) -> None:
    record = run("Wages are 35% above the Grant County average.")
    assert "Grant County" not in labelled(record, "PERSON")


def test_names_listed_before_counties_are_each_a_place(run) -> None:
    record = run("Residents of Breathitt, Floyd, Harlan and Pike counties can apply.")
    assert {"Breathitt", "Floyd", "Harlan", "Pike"} <= set(labelled(record, "GPE"))


def test_official_name_goes_on_through_of_phrases(run) -> None:
    record = run("A survey by the China Council for the Promotion of International Trade "
                 "found that firms were cautious.")
    assert "China Council for the Promotion of International Trade" in labelled(record, "ORG")


def test_name_is_extended_until_its_initials_spell_its_acronym(run) -> None:
    record = run("The deal needs review by the Committee on Foreign Investment in the "
                 "United States (CFIUS), the companies said.")
    assert "Committee on Foreign Investment in the United States" in labelled(record, "ORG")


def test_acronym_used_once_as_an_org_is_an_org_everywhere(run) -> None:
    record = run("The International Labour Organization (ILO) said on Monday that the ILO "
                 "would publish new figures. The ILO has 187 member states.")
    assert labelled(record, "ORG").count("ILO") == 3


def test_mixed_case_acronym_in_parentheses(run) -> None:
    record = run("The Department for Education (DfE) today confirmed the plan.")
    assert "DfE" in labelled(record, "ORG")


def test_programme_with_its_own_acronym_is_an_agency(run) -> None:
    record = run("The World Food Programme (WFP) said it had begun distributing biscuits.")
    assert {"World Food Programme", "WFP"} <= set(labelled(record, "ORG"))


def test_acronym_of_a_law_is_opaque(run) -> None:
    record = run("It met the action date under the Prescription Drug User Fee Act (PDUFA).")
    assert not [o for o in labelled(record, "ORG") if "PDUFA" in o or "Act" in o]


def test_portfolio_after_a_ministers_title_is_no_organisation(run) -> None:
    record = run("Minister for Enterprise, Tourism and Employment Declan Moran welcomed it.")
    assert not [o for o in labelled(record, "ORG") if "Enterprise" in o]


def test_title_words_are_trimmed_from_an_organisation(run) -> None:
    record = run("FEMA Administrator Rosalind Tate said the aid would flow.")
    assert "FEMA" in labelled(record, "ORG")
    assert "FEMA Administrator" not in labelled(record, "ORG")


def test_based_place_is_a_gpe_and_the_company_starts_after_it(run) -> None:
    record = run("Partners include Port Kembla-based Kembla Alloy Works Pty Ltd, it said.")
    assert "Port Kembla" in labelled(record, "GPE")
    assert "Kembla Alloy Works Pty Ltd" in labelled(record, "ORG")


def test_hyphenated_surname_stays_whole(run) -> None:
    record = run('"Customers signed more contracts," said Dana Ruiz-Whitaker, the chief executive.')
    assert "Dana Ruiz-Whitaker" in labelled(record, "PERSON")


def test_headline_only_capitalised_phrase_is_dropped(run) -> None:
    record = run("Ardent Payments to Create 350 Jobs at New European Headquarters in Dublin\n\n"
                 "DUBLIN, March 21, 2022 /PRNewswire/ -- Ardent Payments said it will hire "
                 "350 people in Dublin.", None)
    assert "Create 350 Jobs" not in labelled(record, "ORG")
    assert "New European Headquarters" not in labelled(record, "ORG")


def test_acronym_and_place_make_one_organisation(run) -> None:
    record = run("The project is supported by IDA Ireland, the State agency.")
    assert "IDA Ireland" in labelled(record, "ORG")


def test_body_named_before_a_title_is_an_org(run) -> None:
    record = run("Board Chair Thomas Whitcombe III said the fund would grow.")
    assert "Board" in labelled(record, "ORG")
    assert "Thomas Whitcombe III" in labelled(record, "PERSON")


def test_ampersand_joins_one_name(run) -> None:
    record = run("Ropes & Gray LLP is serving as legal counsel to Ridgewell Bank & Trust.")
    assert {"Ropes & Gray LLP", "Ridgewell Bank & Trust"} <= set(labelled(record, "ORG"))


def test_amount_beside_a_currency_word_is_money(run) -> None:
    record = run("The IFRC released CHF 750,000 and will give grants of 12,000 taka each.")
    assert {"CHF 750,000", "12,000 taka"} <= set(labelled(record, "MONEY"))
    assert not [c for c in record.counts if c.text in {"750,000", "12,000"}]


def test_brands_and_products_are_opaque(run) -> None:
    record = run("Kestrel Ridge Brands, Inc. sells the Northfork and Alpenglow brands. The FDA "
                 "approved ORAVEXA (zelatinib) on Friday, and ORAVEXA will launch soon.")
    orgs = labelled(record, "ORG")
    assert "Northfork" not in orgs and "Alpenglow" not in orgs and "ORAVEXA" not in orgs
    assert "Kestrel Ridge Brands, Inc." in orgs


@pytest.mark.parametrize(("text", "name"), [
    ("SCHA coordinator Ousmane Diallo said several members had left.", "Ousmane Diallo"),
    ("Minister of State for Care Rachel Hollis said waits would fall.", "Rachel Hollis"),
    ('"It works," said Kim Ji-ho, Chief Executive Officer of Ardent.', "Kim Ji-ho"),
    ("VNAT Director Tran Thi Lan said the authority will hold a roadshow.", "Tran Thi Lan"),
])
def test_person_named_where_the_sentence_says_person(run, text: str, name: str) -> None:
    assert name in labelled(run(text), "PERSON")


def test_saints_and_named_districts_are_not_people(run) -> None:
    record = run("Beds closed on St Brigid's ward, while Tindale Shire and County Kerry "
                 "reported delays, Dr Anne Walsh said.")
    assert "St Brigid" not in labelled(record, "PERSON")
    people = labelled(record, "PERSON")
    assert "Tindale Shire" not in people and "County Kerry" not in people


def test_misread_place_is_a_person_when_the_article_quotes_her(run) -> None:
    record = run("Its Board of Directors has appointed Adaeze Okafor, currently President and "
                 "Chief Operating Officer, as CEO. \"We are ready,\" Okafor said.")
    assert "Adaeze Okafor" in labelled(record, "PERSON")
    assert "Adaeze Okafor" not in labelled(record, "GPE")


def test_name_before_a_player_position_and_his_name_is_his_club(run) -> None:
    record = run("The Southern League has suspended Ashford Borough defender Callum Reeve for "
                 "six matches.")
    assert "Ashford Borough" in labelled(record, "ORG")
    assert "Callum Reeve" in labelled(record, "PERSON")


def test_name_in_parentheses_after_a_person_is_the_party(run) -> None:
    record = run("Cllr Martin Doyle (Fine Gael) said the council had waited long enough.")
    assert "Fine Gael" in labelled(record, "ORG")
    assert "Fine Gael" not in labelled(record, "PERSON")


def test_short_form_of_an_organisation_named_in_full_is_no_person(run) -> None:
    record = run("Willamette Bridges Youth Services will run the shelter. The board chose "
                 "Willamette Bridges from 64 applicants.")
    assert "Willamette Bridges" in labelled(record, "ORG")
    assert "Willamette Bridges" not in labelled(record, "PERSON")


def test_one_word_org_listed_among_towns_is_a_town(run) -> None:
    record = run("Families in Keizer, Woodburn, Turner and Salem will benefit. The worst damage "
                 "is in Khulna and Barisal divisions.")
    assert {"Turner", "Barisal"} <= set(labelled(record, "GPE"))
    assert not {"Turner", "Barisal"} & set(labelled(record, "ORG"))


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def spans_at(doc, *items):
    return [Span(doc, start, end, label=label) for start, end, label in items]


def test_name_repeated_three_times_never_shortened_is_an_org(blank) -> None:
    doc = blank("Kisumu Tuskers won . Kisumu Tuskers lead . Fans love Kisumu Tuskers .")
    spans = spans_at(doc, (0, 2, "PERSON"), (4, 6, "PERSON"), (10, 12, "PERSON"))
    assert [s.label_ for s in unsupported_people(doc, spans, frozenset())] == ["ORG"] * 3


def test_name_a_sentence_speaks_of_as_a_person_stays_a_person(blank) -> None:
    doc = blank("Kisumu Tuskers won . Kisumu Tuskers lead . Fans love Kisumu Tuskers , "
                "said Tuskers .")
    spans = spans_at(doc, (0, 2, "PERSON"), (4, 6, "PERSON"), (10, 12, "PERSON"))
    assert [s.label_ for s in unsupported_people(doc, spans, frozenset())] == ["PERSON"] * 3


def test_repeated_org_name_is_found_where_the_model_missed_it(blank) -> None:
    doc = blank("Harvest Table opened in 1983 . Volunteers at Harvest Table packed boxes .")
    found = repeated_org_names(doc, spans_at(doc, (0, 2, "ORG")), [])
    assert [(s.text, s.label_) for s in found] == [("Harvest Table", "ORG")] * 2


def test_words_listed_before_an_organisation_begin_its_name(run) -> None:
    record = run("Some 52 million people could face acute hunger between June and August, up "
                 "from 27 million last year, the Food and Agriculture Organization of the United "
                 "Nations and the World Food Programme said.")
    assert "Food and Agriculture Organization of the United Nations" in labelled(record, "ORG")


def test_official_name_goes_on_over_and_one_more_word(run) -> None:
    record = run("The General Statistics Office under the Ministry of Planning and Investment "
                 "today held a press conference.")
    assert "Ministry of Planning and Investment" in labelled(record, "ORG")


def test_bare_surname_that_speaks_is_the_person_even_when_a_town(run) -> None:
    record = run("Club secretary Gary Pendleton said the ban was harsh. \"He is no thug,\" "
                 "Pendleton said.")
    assert labelled(record, "PERSON").count("Pendleton") == 1
    assert "Pendleton" not in labelled(record, "GPE")


def test_hyphenated_surname_alone_is_the_person(run) -> None:
    record = run("\"Nobody is left behind,\" said Aminata Diallo-Kessler, who heads the unit. "
                 "Diallo-Kessler said the agency would act.")
    assert "Diallo-Kessler" in labelled(record, "PERSON")


def test_town_and_plural_nickname_is_a_club_and_the_nickname_too(run) -> None:
    record = run("Adeyemi scored 27 as the Sheffield Vipers beat the Glasgow Thistles 84-79. "
                 "Thistles captain Ewan McAllister led the hosts, and the Vipers return on "
                 "Friday.")
    orgs = labelled(record, "ORG")
    assert {"Sheffield Vipers", "Glasgow Thistles", "Vipers", "Thistles"} <= set(orgs)
    assert not {"Sheffield Vipers", "Vipers"} & set(labelled(record, "PERSON"))


def test_person_whose_first_name_is_a_town_is_no_club(run) -> None:
    record = run("Media contact: Lorena Quiñones, Office of University Communications.")
    assert "Lorena Quiñones" not in labelled(record, "ORG")


def test_national_red_cross_society_is_one_organisation(run) -> None:
    record = run("The European Union and the Spanish Red Cross have pledged support, and the "
                 "Kenya Red Cross said 40 people died.")
    orgs = labelled(record, "ORG")
    assert {"Spanish Red Cross", "Kenya Red Cross"} <= set(orgs)
    assert "Kenya Red Cross" not in labelled(record, "PERSON")


def test_towns_no_gazetteer_lists_are_found_by_their_context(run) -> None:
    record = run("Officers are not answering calls in Corby or Wellingborough. Later, North "
                 "Huron Reeve Hazel Dunbar said the township agreed.")
    assert {"Wellingborough", "North Huron"} <= set(labelled(record, "GPE"))


def test_given_name_supplement_covers_names_the_dictionary_lacks() -> None:
    assert is_given_name("Lerato") and is_given_name("Ibrahima") and is_given_name("Sione")
    assert not is_given_name("Soweto")


@pytest.mark.parametrize("text, town", [
    ("A 34-year-old Wrexford man was ordered held without bond.", "Wrexford"),
    ("Wrexford councillors backed the plan on Tuesday.", "Wrexford"),
    ("Kayla Dunn, 27, of Wrexford, was taken to a hospital.", "Wrexford"),
])
def test_short_name_whose_residents_are_named_is_a_place(run, text: str, town: str) -> None:
    record = run(text)
    assert town not in labelled(record, "ORG")


def test_two_organisations_run_together_over_and_are_split(run) -> None:
    record = run("The race was run with the support of Sport Wales and Newport City Council. "
                 "The House and Senate are expected to take up the bill.")
    orgs = labelled(record, "ORG")
    assert "Newport City Council" in orgs and "Sport Wales and Newport City Council" not in orgs
    assert {"House", "Senate"} <= set(orgs)


def test_one_name_with_and_in_it_stays_whole(run) -> None:
    record = run("The Department of Health and Social Care (DHSC) said the Department of "
                 "Health and Social Care would fund 6 areas.")
    assert labelled(record, "ORG").count("Department of Health and Social Care") == 2


def test_clubs_named_with_a_club_prefix_or_suffix(run) -> None:
    record = run("Diallo joins from Belgian side KV Oostmeer, and Kessler was sold to German "
                 "club FC Elbstadt. They open against CF Ribeira Alta on 19 July.")
    assert {"KV Oostmeer", "FC Elbstadt", "CF Ribeira Alta"} <= set(labelled(record, "ORG"))


def test_surname_that_is_also_a_town_is_the_person_when_never_a_place(run) -> None:
    record = run("Tomás Herrera scored 22 points for the Vipers. Herrera, a 31-year-old "
                 "Argentine forward, signed in January.")
    assert labelled(record, "PERSON").count("Herrera") == 1


def test_first_of_two_spanish_surnames_is_the_person(run) -> None:
    record = run("The club appointed Javier Ruiz Olmedo in January. Ruiz said the squad was "
                 "ready.")
    assert "Ruiz" in labelled(record, "PERSON")


@pytest.mark.parametrize("text, name", [
    ("Media contact: Lerato Dlamini, Shamba Grid, press@shambagrid.com", "Lerato Dlamini"),
    ('"There is not enough," Ibrahima Toure, UNHCR\'s representative in Chad, told '
     "reporters.", "Ibrahima Toure"),
    ("It was established in 1962 by industrialist Harlan Whitcombe and his wife.",
     "Harlan Whitcombe"),
])
def test_people_found_by_contact_lines_roles_and_appositions(run, text: str, name: str) -> None:
    assert name in labelled(run(text), "PERSON")


def test_name_that_only_modifies_a_programme_is_the_programme(run) -> None:
    record = run("The agency accepts applications for its Public Works program on a rolling "
                 "basis, and a $4.2 million Small Business Innovation Research grant helped.")
    orgs = labelled(record, "ORG")
    assert "Public Works" not in orgs and "Small Business Innovation Research" not in orgs


def test_body_named_before_a_verb_like_show_is_kept(run) -> None:
    record = run("Figures from NHS England show that, nationally, people in mental health "
                 "crisis waited an average of 11 hours in A&E in January.")
    assert "NHS England" in labelled(record, "ORG")


def test_town_before_its_state_is_a_place(run) -> None:
    record = run("Openings include Florence, Kentucky, in May and Fishers, Indiana, in June.")
    assert "Fishers" in labelled(record, "GPE")


@pytest.mark.parametrize("text", [
    '"On behalf of the entire Board, I want to thank Rich," she said.',
    '"Safety has been at the heart of this Company for 62 years," he said.',
])
def test_modified_short_form_is_the_organisation(run, text: str) -> None:
    assert labelled(run(text), "ORG") in (["Board"], ["Company"])


@pytest.mark.parametrize("text, person", [
    ("Director of Services for Housing Declan Mulcahy told the meeting 140 homes were ready.",
     "Declan Mulcahy"),
    ("Deputy County Counsel Aisha Bello had argued in August that the records were private.",
     "Aisha Bello"),
])
def test_title_run_into_a_name_leaves_the_person(run, text: str, person: str) -> None:
    record = run(text)
    assert person in labelled(record, "PERSON")
    assert not [e for e in record.entities if person in e.text and e.text != person]


def test_regnal_number_is_part_of_the_name(run) -> None:
    record = run("The new line-up was approved by King Mohammed VI at a ceremony in Rabat.")
    assert "Mohammed VI" in labelled(record, "PERSON")


def test_official_name_listed_with_commas_begins_at_its_first_word(run) -> None:
    record = run("Donors include the United Kingdom's Foreign, Commonwealth and Development "
                 "Office (FCDO), which gave £6.5 million.")
    assert "Foreign, Commonwealth and Development Office" in labelled(record, "ORG")


def test_names_listed_after_regions_of_are_places(run) -> None:
    record = run("About 410,000 children in the regions of Androy, Anosy and Atsimo-Andrefana "
                 "are at risk.")
    assert {"Androy", "Anosy", "Atsimo-Andrefana"} <= set(labelled(record, "GPE"))


def test_organisations_run_together_over_a_comma_are_split(run) -> None:
    record = run("Partners are Catholic Relief Services (CRS), Save the Children, World Vision, "
                 "and CARE International.")
    orgs = labelled(record, "ORG")
    assert "Save the Children" in orgs and "Save the Children, World Vision" not in orgs


def test_nickname_in_men_names_a_club_and_cp_is_a_wire(run) -> None:
    record = run("KELOWNA, B.C., Feb. 16 (CP) — The Lakers beat the Saskatoon Northmen 5-4. "
                 "Northmen coach Yusuf Demir said his team stopped skating.", None)
    orgs = labelled(record, "ORG")
    assert {"CP", "Saskatoon Northmen", "Northmen"} <= set(orgs)


def test_acronym_before_a_title_and_name_is_the_organisation(run) -> None:
    record = run("The AER Chair Helen Tsang said the decision stands. EPSRC Executive Chair "
                 "Dame Helen Marsh said the centre would open in 2026.")
    orgs = labelled(record, "ORG")
    assert "AER" in orgs and "EPSRC" in orgs and "EPSRC Executive" not in orgs


def test_name_particles_are_part_of_the_name(run) -> None:
    record = run("Dutch liberal Marieke van den Berg of the Renew Europe group voted for it.")
    assert "Marieke van den Berg" in labelled(record, "PERSON")


def test_name_after_a_role_and_a_comma_is_the_person(run) -> None:
    record = run('"They have been told to wait," said their attorney, Miriam Haddad of the '
                 "Portland firm Haddad & Lowry LLP.")
    assert "Miriam Haddad" in labelled(record, "PERSON")


def test_english_metropolitan_counties_and_shires_are_places(run) -> None:
    record = run("Students come from South Yorkshire and Tyne and Wear, and the Shire of Yarra "
                 "Ranges will get a new depot.")
    assert {"South Yorkshire", "Tyne and Wear", "Shire of Yarra Ranges"} <= set(
        labelled(record, "GPE"))


def test_and_before_generic_head_words_stays_one_name(run) -> None:
    record = run("The emergency department at Nicola Valley Hospital and Health Centre closed. "
                 "Kessler will file a proxy statement with the U.S. Securities and Exchange "
                 "Commission. The bill cleared the Senate Appropriations and Revenue Committee.")
    orgs = labelled(record, "ORG")
    assert {"Nicola Valley Hospital and Health Centre",
            "U.S. Securities and Exchange Commission",
            "Senate Appropriations and Revenue Committee"} <= set(orgs)
    assert "Health Centre" not in orgs


def test_two_bodies_joined_by_and_stay_two_names(run) -> None:
    record = run("Researchers from the Faculty of Engineering and St. Columba Hospital will "
                 "lead the study.")
    orgs = labelled(record, "ORG")
    assert "Faculty of Engineering" in orgs and "St. Columba Hospital" in orgs


def test_portfolio_and_title_prefixes_before_a_title_are_no_organisations(run) -> None:
    record = run('Local Government Minister Tom Ashworth said councils would be paid. "We are '
                 'ready," said Tan Wei Ming, Group Chief Executive Officer of Meridian Pacific '
                 "Bank. A Court Commissioner set bail at $25,000.")
    orgs = labelled(record, "ORG")
    assert "Local Government" not in orgs and "Group" not in orgs and "Court" not in orgs
    assert "Meridian Pacific Bank" in orgs


def test_the_group_before_a_title_is_still_the_company(run) -> None:
    record = run("Halden Group reported record sales. The Group chairman, Olav Berg, said the "
                 "year had been strong.")
    assert "Group" in labelled(record, "ORG")


def test_common_noun_opening_a_sentence_is_no_organisation(run) -> None:
    record = run("Kyoto had a record year for hotels. Hotel occupancy averaged 84 percent. "
                 "House prices rose because few houses were built.")
    orgs = labelled(record, "ORG")
    assert "Hotel" not in orgs and "House" not in orgs


def test_acronym_defined_after_an_organisation_is_one_everywhere(run) -> None:
    record = run("TOKYO (Reuters) - Japan's Nuclear Regulation Authority (NRA) on Wednesday "
                 "approved the upgrades. The NRA's decision follows a long review.", None)
    assert labelled(record, "ORG").count("NRA") == 2
    assert "NRA" not in labelled(record, "GPE")


def test_possessive_brand_names_keep_their_s_and_list_partners(run) -> None:
    record = run("Moody's and Fitch both raised the country's credit rating last year.")
    orgs = labelled(record, "ORG")
    assert "Moody's" in orgs and "Fitch" in orgs and "Fitch" not in labelled(record, "PERSON")


def test_pattern_stops_before_a_title_and_the_person(run) -> None:
    record = run("Faculty of Health Sciences Dean Rajesh Iyer said the award was the largest.")
    assert "Faculty of Health Sciences" in labelled(record, "ORG")
    assert "Rajesh Iyer" in labelled(record, "PERSON")


def test_organ_of_a_named_body_is_split_from_it(run) -> None:
    record = run("Veltrix AG agreed to merge with Ashgrove. The Audit Committee of the Board "
                 "of Directors appointed Grant Hollis LLP. The merger was approved by the "
                 "Management Board of Veltrix.")
    orgs = labelled(record, "ORG")
    assert {"Audit Committee", "Board of Directors", "Management Board"} <= set(orgs)
    assert "Management Board of Veltrix" not in orgs


def test_business_and_school_heads_make_names(run) -> None:
    record = run("Amara Nwosu of Brightline Bakery said she would hire. More than 1,150 "
                 "students walk to Lincoln Elementary, and the U.S. Army Corps of Engineers "
                 "approved the permits.")
    orgs = labelled(record, "ORG")
    assert {"Brightline Bakery", "Lincoln Elementary", "U.S. Army Corps of Engineers"} <= set(orgs)


def test_parties_by_name_are_organisations(run) -> None:
    record = run("Social Democrats councillor Aoife Kerins and Labour's Tom Brennan voted "
                 "against it; the Conservatives abstained. The Labour Day parade went ahead.")
    orgs = labelled(record, "ORG")
    assert {"Social Democrats", "Labour", "Conservatives"} <= set(orgs)
    assert orgs.count("Labour") == 1


def test_offices_named_for_a_title_holder_keep_the_possessive(run) -> None:
    record = run("The Ombudsman's Office said it had received 2,147 complaints, and the "
                 "University's Strategic Planning Unit released the census figures.")
    orgs = labelled(record, "ORG")
    assert "Ombudsman's Office" in orgs and "Strategic Planning Unit" in orgs


def test_acronym_after_a_possessive_name_is_the_body(run) -> None:
    record = run("Kenya is on the Athletics Integrity Unit’s (AIU) highest-risk list, and the "
                 "federation wrote to the AIU on Monday.")
    assert labelled(record, "ORG").count("AIU") == 2


def test_general_opening_a_body_is_no_title(run) -> None:
    record = run("Hanoi, July 6, 2024 – The General Statistics Office (GSO) held a press "
                 "conference. Funds were allocated by the General Assembly.", None)
    orgs = labelled(record, "ORG")
    assert "General Statistics Office" in orgs and "General Assembly" in orgs


def test_company_based_in_a_place_is_no_person(run) -> None:
    record = run("The ranking, published on Wednesday by London-based Quacquarelli Symonds, "
                 "placed the university 46th.")
    assert "Quacquarelli Symonds" in labelled(record, "ORG")
    assert "Quacquarelli Symonds" not in labelled(record, "PERSON")


def test_chambers_abroad_and_latin_american_suffixes_are_whole_names(run) -> None:
    record = run("The American Chamber of Commerce in China (AmCham China) published its "
                 "survey, said an economist at Lima-based brokerage Andino Capital SAB.")
    orgs = labelled(record, "ORG")
    assert {"American Chamber of Commerce in China", "AmCham China",
            "Andino Capital SAB"} <= set(orgs)


def test_nationalities_are_not_annotated(run) -> None:
    record = run("Tries came from South African wing Ruan Botha, and Tongan-born No. 8 Sione "
                 "Fifita scored twice. The chain has stores in two Canadian provinces.")
    names = labelled(record, "ORG") + labelled(record, "GPE") + labelled(record, "PERSON")
    assert not {"South African", "Tongan", "Canadian"} & set(names)


def test_body_the_model_calls_a_work_of_art_is_an_organisation(run) -> None:
    record = run("The university, founded in 1967, has about 41,000 students, and its Faculty "
                 "of Science and Engineering already hosts 260 students from China.")
    assert "Faculty of Science and Engineering" in labelled(record, "ORG")


def test_continents_and_world_regions_are_not_annotated(run) -> None:
    record = run("Debt is one of the highest levels in Asia, and EMEA revenue grew 19% while "
                 "drought spread across the Sahel.")
    names = labelled(record, "ORG") + labelled(record, "GPE")
    assert not {"Asia", "EMEA", "Sahel"} & set(names)


def test_town_and_state_the_model_joins_are_two_places(run) -> None:
    record = run("Founded in 1952 in Racine, Wisconsin, the company has paid a dividend every "
                 "year. St. Cloud Mayor Wen-Li Chang welcomed the plan, and the most recent "
                 "conviction was in Fond du Lac County.")
    places = labelled(record, "GPE")
    assert {"Racine", "Wisconsin", "St. Cloud", "Fond du Lac County"} <= set(places)
    assert "Racine, Wisconsin" not in places


def test_place_after_a_company_suffix_and_of_is_a_place(run) -> None:
    record = run("The contract went to Granite Prairie Constructors Inc. of Elk River, which "
                 "submitted the lowest of six bids.")
    assert "Elk River" in labelled(record, "GPE")
    assert "Elk River" not in labelled(record, "ORG")


def test_body_before_officer_is_kept_and_a_state_of_is_a_place(run) -> None:
    record = run("A Beaver Dam Police Department officer tried to stop the truck. The State of "
                 "New Mexico will match the grant, and the Yakima School District will close "
                 "a school.")
    orgs = labelled(record, "ORG")
    assert "Beaver Dam Police Department" in orgs and "Yakima School District" in orgs
    assert "State of New Mexico" in labelled(record, "GPE")


def test_foundation_of_a_town_names_the_town_apart(run) -> None:
    record = run("The centre is funded by a $25 million gift from the Whitcomb-Lyle Foundation "
                 "of Huntsville, and she was picked for the Great Britain Cycling Team.")
    orgs = labelled(record, "ORG")
    assert "Whitcomb-Lyle Foundation" in orgs and "Great Britain Cycling Team" in orgs
    assert "Huntsville" in labelled(record, "GPE")


def test_well_known_organisations_come_from_the_gazetteer(run) -> None:
    record = run("The vaccine is funded by Gavi, the Vaccine Alliance, the Global Fund to Fight "
                 "AIDS, Tuberculosis and Malaria and Unitaid. Moody's and Fitch Ratings agreed.")
    orgs = labelled(record, "ORG")
    assert {"Gavi, the Vaccine Alliance", "Global Fund to Fight AIDS, Tuberculosis and Malaria",
            "Unitaid", "Fitch Ratings"} <= set(orgs)
    assert "Malaria" not in orgs and "Vaccine Alliance" not in orgs


def test_branches_are_bodies_and_cabinet_opens_a_title(run) -> None:
    record = run("The Shenzhen Branch of the People's Bank of China will set up a fund. "
                 "Treasury Cabinet Secretary Daniel Otieno said the rate would fall.")
    orgs = labelled(record, "ORG")
    assert "Shenzhen Branch of the People's Bank of China" in orgs
    assert "Treasury" in orgs and "Treasury Cabinet" not in orgs


def test_health_bodies_named_for_two_places_keep_both(run) -> None:
    record = run("The Norfolk and Norwich University Hospitals NHS Foundation Trust will lend "
                 "two paramedics, and Cardiff and Vale University Health Board gets £11.2 million.")
    orgs = labelled(record, "ORG")
    assert {"Norfolk and Norwich University Hospitals NHS Foundation Trust",
            "Cardiff and Vale University Health Board"} <= set(orgs)


def test_city_hall_and_words_inside_titles_are_no_people(run) -> None:
    record = run("Chief Legal Officer Kwabena Asare said the meeting is at 6:30 p.m. at City "
                 "Hall. Vice-President Research Marc Thibodeau agreed.")
    people = labelled(record, "PERSON")
    assert "Hall" not in people and "Legal" not in people and "Research" not in people
    assert "Kwabena Asare" in people


def test_company_named_for_a_town_is_the_company_when_never_used_as_a_place(run) -> None:
    record = run("Halvard agreed to acquire Thornbury Diagnostics N.V., valuing Thornbury at "
                 "$2.8 billion. Thornbury employs some 3,400 people, and Thornbury shareholders "
                 "must approve the deal.")
    orgs = labelled(record, "ORG")
    assert orgs.count("Thornbury") == 3 and "Thornbury" not in labelled(record, "GPE")


def test_natural_features_and_hyphenated_modifiers_stay_out_of_names(run) -> None:
    record = run("The new Mississippi River crossing opens in May. Maria Echeverria, candidate "
                 "of the right-wing Republican Party, spoke in the Islamabad Capital Territory.")
    assert "Mississippi" not in labelled(record, "GPE")
    assert "Republican Party" in labelled(record, "ORG")
    assert "Islamabad Capital Territory" in labelled(record, "GPE")


def test_city_that_names_a_company_stays_a_place_where_used_as_one(run) -> None:
    record = run("Changzhou Xingyu Automotive Co., Ltd. opened a plant. Changzhou, a "
                 "manufacturing hub in Jiangsu Province, has introduced 1,137 innovators.")
    assert "Changzhou" in labelled(record, "GPE")


def test_business_functions_after_a_title_and_the_council_house_are_no_bodies(run) -> None:
    record = run("The council's Director of Finance, Oluwaseyi Adeyemi, warned of a gap. She "
                 "joined as Senior Vice President of Operations. The meeting starts at 2pm at "
                 "the Council House.")
    orgs = labelled(record, "ORG")
    assert "Finance" not in orgs and "Operations" not in orgs and "Council" not in orgs


def test_legal_suffixes_of_asian_companies_and_partners_before_to_stay_in_names(run) -> None:
    record = run("Ardent Straits Capital Pte. Ltd. said it agreed. It signed with Tata "
                 "Electronics Pvt. Ltd. on Monday. Brisket said it had raised $35 million from "
                 "Harlow Street Capital Partners to fund the expansion.")
    orgs = labelled(record, "ORG")
    assert {"Ardent Straits Capital Pte. Ltd.", "Tata Electronics Pvt. Ltd.",
            "Harlow Street Capital Partners"} <= set(orgs)


def test_gazetteer_organisations_win_over_other_readings(run) -> None:
    record = run('"We want more nations on the blocks," said World Aquatics executive director '
                 "Marta Kovač. Before joining, she began her career at Accenture in Chicago.")
    orgs = labelled(record, "ORG")
    assert "World Aquatics" in orgs and "Accenture" in orgs
    assert "World Aquatics" not in labelled(record, "PERSON")


def test_programmes_with_acronyms_are_opaque_but_agencies_named_programme_are_not(run) -> None:
    record = run("Volunteers of the Cyclone Preparedness Programme (CPP) evacuated families, "
                 "and the World Food Programme (WFP) delivered rice.")
    orgs = labelled(record, "ORG")
    assert "World Food Programme" in orgs and "WFP" in orgs
    assert "Cyclone Preparedness Programme" not in orgs and "CPP" not in orgs


def test_generic_words_modifying_a_noun_name_no_body(run) -> None:
    record = run("State-owned mines kept shipping, and yields on 91-day Treasury bills fell. "
                 "Treasury data show debt at 67% of GDP.")
    orgs = labelled(record, "ORG")
    assert orgs.count("Treasury") == 1 and "State" not in orgs


def test_company_alias_after_a_preposition_inside_its_own_name_is_no_place_use(run) -> None:
    record = run("TOKYO, Feb 18 (Reuters) - The regulator approved upgrades at Setouchi Electric "
                 "Power Co.'s reactor. Setouchi's shares rose 6.2%, and Setouchi plans to load "
                 "fuel in April.", None)
    assert labelled(record, "ORG").count("Setouchi") == 2
