"""Document-level repairs of name spans, run by the `pressfacts_entities` component.

The model labels one mention at a time. Many of its errors are visible only
from the rest of the article or from the words around a name: an acronym
defined once and used bare later, an official name that goes on after the
model stopped (`UN Office for the Coordination` + `of Humanitarian Affairs`),
a list of towns before `counties`, a portfolio after `Minister for`. Each rule
here is one such observation; each takes and returns plain span lists.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from pipeline.given_names import is_given_name
from pipeline.lexicon import words
from pipeline.spans import non_overlapping

ORG_HEADS = words("org_heads")
# titles trimmed off the end of an ORG; words that also make names ("Trade", "City") stay
ORG_TRAILING_TITLES = words("person_titles") - words("title_words_in_names")
PORTFOLIO_TITLES = words("portfolio_titles")
ADMIN_PLURALS = words("admin_descriptors_plural")
ADMIN_DESCRIPTORS = words("admin_descriptors")
NOT_NAMES = words("not_names")
PERSON_ROLES = words("person_roles")
PERSON_TITLES = words("person_titles")
TITLE_OPENERS = words("title_openers")  # "EPSRC Executive" + "Chair"
GENERIC_NAME_WORDS = words("generic_name_words")
CORPORATE_WORDS = words("corporate_words")
DETERMINERS = words("determiners")
ORGANS = words("company_organs")  # "Board of Directors", which other organs answer to
PLACE_WORDS = words("place_words")  # generic words that also make place names: "Colac Bay"
NO_OF_PLACE_HEADS = words("no_of_place_heads")  # "Samsung Electronics Co., Ltd. of South Korea"
NAME_LINKS = {"of", "for", "on"}
LIST_LINKS = {",", "and", "&"}
DATE_WORDS = words("weekdays") | words("month_names")
NAME_PARTICLES = words("name_particles")  # "Marieke van den Berg"
ROMAN_SUFFIXES = {"II", "III", "IV", "V", "VI", "VII", "VIII", "Jr.", "Sr.", "Jr", "Sr"}


def _capitalised(token: Token) -> bool:
    return token._.pf_cap and token.text not in {"-", "&"}


def _cap_run(doc: Doc, i: int) -> int:
    """End of the run of capitalised name words starting at i (i when there is none)."""
    j = i
    while j < len(doc) and _capitalised(doc[j]) and doc[j].lower_ not in DATE_WORDS and \
            "\n" not in doc[j].text_with_ws[:-1]:
        j += 1
    return j


def is_acronym(token: Token) -> bool:
    """`WHO`, `IFRC`, and mixed-case forms such as `DfE`, `USask`, `AmCham`."""
    text = token.text
    if not token.is_alpha or not 2 <= len(text) <= 8 or not text[0].isupper():
        return False
    return sum(c.isupper() for c in text) >= 2


def _initials(tokens: list[Token]) -> str:
    return "".join(t.text[0] for t in tokens if t.text[:1].isupper())


def _comma_list_end(doc: Doc, i: int) -> int | None:
    """`, Animals, Food and Feed` from i (a comma): the end of a list of name words, or None."""
    j = i
    while j < len(doc) and doc[j].text == ",":
        run = _cap_run(doc, j + 1)
        if run == j + 1:
            return None
        j = run
        if j < len(doc) and doc[j].lower_ == "and":
            last = _cap_run(doc, j + 1)
            return last if last > j + 1 else None
        if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ == "and":
            last = _cap_run(doc, j + 2)
            return last if last > j + 2 else None
    return None


def extend_official_names(doc: Doc, spans: list[Span],
                          places: frozenset[str] = frozenset()) -> list[Span]:
    """Carry an ORG name on through `of` phrases and comma lists of its own words.

    `China Council for the Promotion` + `of International Trade`; `Ministry of
    Land` + `, Infrastructure, Transport and Tourism`. A name followed by an
    acronym in parentheses is extended until its initials spell the acronym
    (`Committee on Foreign Investment in the United States (CFIUS)`).
    """
    out = []
    taken = {i for s in spans for i in range(s.start, s.end)}
    for span in spans:
        named = any(t.lower_ in ORG_HEADS for t in span) or \
            any(t.lower_ in NAME_LINKS for t in span[1:])
        if span.label_ != "ORG" or span[-1].lower_ in CORPORATE_WORDS or not named:
            out.append(span)
            continue
        end = span.end
        while end < len(doc):
            tok = doc[end]
            linked = any(t.lower_ in NAME_LINKS for t in doc[span.start:end])
            if tok.lower_ == "of" or (tok.lower_ in NAME_LINKS and linked):
                nxt = end + 1
                if nxt < len(doc) and doc[nxt].lower_ == "the":
                    nxt += 1
                run = _cap_run(doc, nxt)
                if tok.lower_ == "of" and doc[end - 1].lower_ in NO_OF_PLACE_HEADS and \
                        doc[nxt:run].text in places:
                    break  # "Whitcomb-Lyle Foundation of Huntsville": the town is apart
            elif tok.text == "," and linked:
                nxt = end + 1
                run = _comma_list_end(doc, end) or nxt
            elif tok.lower_ == "and" and linked and doc[end - 1].is_title:
                nxt = end + 1  # "Ministry of Planning" + "and Investment"
                run = _cap_run(doc, nxt)
                if run - nxt != 1 or taken.intersection(range(nxt, run)) or \
                        doc[nxt].ent_type_ == "NORP" or (run < len(doc) and (
                            doc[run].text[:1].isupper() or (doc[run].pos_ == "NOUN" and
                                                            not doc[run].ent_type_))):
                    break  # not "Department of Education and Australian officials"
            else:
                break
            if run == nxt:
                break
            end = run
        out.append(Span(doc, span.start, end, label="ORG") if end > span.end else span)
    out = [_extend_to_acronym(doc, s) for s in out]
    return non_overlapping(sorted(out, key=lambda s: s.start - s.end))


def _extend_to_acronym(doc: Doc, span: Span) -> Span:
    """`Committee on Foreign Investment` `in the United States` `(CFIUS)`."""
    if span.label_ != "ORG":
        return span
    for end in range(span.end + 1, min(len(doc), span.end + 8)):
        if doc[end].text == "(" and end + 2 < len(doc) and doc[end + 2].text == ")" and \
                is_acronym(doc[end + 1]):
            acronym = doc[end + 1].text.upper()
            if _initials(list(span)).upper() == acronym:
                return span
            if _initials(list(doc[span.start:end])).upper() == acronym and \
                    all(t.is_alpha or t.text == "," for t in doc[span.end:end]):
                return Span(doc, span.start, end, label="ORG")
            return span
        if "\n" in doc[end].text:
            return span
    return span


def acronyms_of_bodies(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Nuclear Regulation Authority (NRA)`: an acronym defined after an organisation is
    that organisation wherever it stands, whatever label the model gave it."""
    org_ends = {s.end for s in spans if s.label_ == "ORG"}
    defined = {s.text for s in spans if len(s) == 1 and is_acronym(s[0]) and
               s.start - 1 in org_ends and doc[s.start - 1].text == "(" and
               s.end < len(doc) and doc[s.end].text == ")"}
    return [Span(doc, s.start, s.end, label="ORG")
            if s.text in defined and s.label_ in {"GPE", "PERSON"} else s for s in spans]


def propagate_acronyms(doc: Doc, spans: list[Span], opaque: list[Span]) -> list[Span]:
    """An acronym the article uses as an organisation is one wherever it stands."""
    acronyms = {s.text for s in spans if s.label_ == "ORG" and len(s) == 1 and is_acronym(s[0])}
    acronyms -= NOT_NAMES
    if not acronyms:
        return spans
    covered = {i for s in spans for i in range(s.start, s.end)}
    inside = {i for o in opaque for i in range(o.start, o.end)}
    found = [Span(doc, t.i, t.i + 1, label="ORG") for t in doc
             if t.text in acronyms and t.i not in covered and t.i not in inside]
    return non_overlapping([*spans, *found])


def opaque_acronyms(doc: Doc, opaque: list[Span]) -> list[Span]:
    """`Cyclone Preparedness Programme (CPP)`: the acronym of an opaque name is opaque."""
    found = []
    for span in opaque:
        end = span.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and \
                is_acronym(doc[end + 1]):
            found.append(Span(doc, end + 1, end + 2, label="ORG"))
    names = {s.text for s in found}
    found += [Span(doc, t.i, t.i + 1, label="ORG") for t in doc if t.text in names]
    return found


PORTFOLIO_HOLDERS = words("portfolio_holders")
BUSINESS_FUNCTIONS = words("business_functions")  # "Director of Finance": no body
PORTFOLIO_HEADS = words("portfolio_heads")  # "Local Government" Minister, "Union" Minister
TITLE_PREFIXES = words("title_prefixes")  # "Group Chief Executive Officer"
MODIFIED_NOUNS = words("modified_nouns")  # "Treasury bills": the word names no body here


def drop_portfolios(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Minister for Enterprise, Tourism and Employment`: the portfolio is no organisation."""
    out = []
    for span in spans:
        if span.label_ == "ORG" and span.start >= 2 and \
                doc[span.start - 1].lower_ in {"for", "of"} and \
                doc[span.start - 2].lower_ in PORTFOLIO_TITLES and \
                not any(t.lower_ in ORG_HEADS for t in span):
            continue
        if span.label_ == "ORG" and span.text.lower() in BUSINESS_FUNCTIONS and \
                span.start >= 2 and doc[span.start - 1].lower_ in {"of", "for", ","} and \
                _role_word(doc[span.start - 2]):
            continue  # "Director of Finance", "Senior Vice President of Operations"
        nxt = doc[span.end] if span.end < len(doc) else None
        if span.label_ == "ORG" and nxt is not None and nxt.is_title and \
                nxt.lower_ in PORTFOLIO_HOLDERS and span[0].is_title and \
                not any(t.lower_ in ORG_HEADS - PORTFOLIO_HEADS for t in span):
            continue  # "Local Government Minister", "Union Minister of State"
        out.append(span)
    return out


def cut_before_person(span: Span) -> Span:
    """`Faculty of Health Sciences Dean Rajesh Iyer`: a pattern that ran on over a title
    into the model's person stops before the title."""
    doc = span.doc
    for ent in doc.ents:
        if ent.label_ == "PERSON" and span.start + 2 <= ent.start < span.end and \
                ent.end >= span.end and _role_word(doc[ent.start - 1]):
            start = ent.start - 1
            while start > span.start + 1 and doc[start - 1].lower_ in TITLE_OPENERS:
                start -= 1  # "Executive Director"
            return Span(doc, span.start, start, label=span.label_)
    return span


def trim_org_titles(doc: Doc, spans: list[Span]) -> list[Span]:
    """`FEMA Administrator`, `Lumenvale's Co-Founder`: title words are no part of a name."""
    out = []
    for span in spans:
        if span.label_ == "ORG":
            end = span.end
            while end > span.start + 1 and doc[end - 1].lower_ in ORG_TRAILING_TITLES and \
                    doc[end - 1].lower_ not in ORG_HEADS and doc[end - 2].text[:1].isupper():
                end -= 1  # not "Office of the Governor"
            while end > span.start + 1 and doc[end - 1].lower_ in TITLE_OPENERS and \
                    end < len(doc) and doc[end].lower_ in PERSON_ROLES:
                end -= 1  # "EPSRC Executive" + "Chair"
            if span.text.lower() in ORG_TRAILING_TITLES:
                continue  # "Co-Founder", "Administrator"
            span = Span(doc, span.start, end, label="ORG")
        if span.text in NOT_NAMES and span.label_ in {"ORG", "PERSON", "GPE"}:
            continue
        out.append(span)
    return out


def _names_listed_before(doc: Doc, end: int, is_name: Callable[[Token], bool],
                         many: bool = True) -> list[tuple[int, int]]:
    """(start, end) of each name of `A, B and C` ending at `end`, walking back.

    With `many` false only the last name is taken.
    """
    found: list[tuple[int, int]] = []
    while end > 0:
        start = end
        while start > 0 and is_name(doc[start - 1]):
            start -= 1
        if start == end:
            break
        found.append((start, end))
        if not many or start < 2 or doc[start - 1].text not in LIST_LINKS:
            break
        end = start - 1
        if doc[end].text == "and" and doc[end - 1].text == ",":
            end -= 1  # the Oxford comma
    return found


def _place_word(token: Token) -> bool:
    return _capitalised(token) and token.text[:1].isupper() and not token.is_upper


def _places_replace_names(spans: list[Span], found: list[Span]) -> list[Span]:
    """Found places win over the names they overlap, except a name with a head noun
    (`Breathitt County Council` stays)."""
    taken = {i for f in found for i in range(f.start, f.end)}
    keep = [s for s in spans if not (s.label_ in {"ORG", "PERSON", "GPE"} and
                                     taken.intersection(range(s.start, s.end)) and
                                     not any(t.lower_ in ORG_HEADS for t in s))]
    return non_overlapping([*keep, *found])


def places_before_admin_words(doc: Doc, spans: list[Span], opaque: list[Span]) -> list[Span]:
    """`Breathitt, Floyd, Harlan and Pike counties`, `Wainbody ward`: each name is a place."""
    inside = {i for o in opaque for i in range(o.start, o.end)}
    found: list[Span] = []
    for tok in doc:
        if not tok.is_lower or tok.i == 0:
            continue
        plural = tok.lower_ in ADMIN_PLURALS
        if not plural and tok.lower_ not in ADMIN_DESCRIPTORS:
            continue
        for start, end in _names_listed_before(doc, tok.i, _place_word, plural):
            sentence_initial_word = start == doc[start].sent.start and end - start == 1 and \
                doc[start].is_stop
            if sentence_initial_word or inside.intersection(range(start, end)):
                break
            found.append(Span(doc, start, end, label="GPE"))
    if not found:
        return spans
    return _places_replace_names(spans, found)


ADMIN_PLURALS_BEFORE_OF = words("admin_plurals_before_of")
PLACE_NAME_LINKS = words("place_name_links")  # "San Juan de Lurigancho"


def places_listed_after_admin_words(doc: Doc, spans: list[Span]) -> list[Span]:
    """`the regions of Androy, Anosy and Atsimo-Andrefana`, `the departments of Escuintla,
    Retalhuleu and Suchitepéquez`: each listed name is a place."""
    found: list[Span] = []
    for tok in doc[:-2]:
        if not (tok.is_lower and tok.lower_ in ADMIN_PLURALS_BEFORE_OF and
                doc[tok.i + 1].lower_ == "of"):
            continue
        i = tok.i + 2
        while i < len(doc):
            end = i
            while end < len(doc) and (_place_word(doc[end]) or (
                    doc[end].text == "-" and not doc[end].whitespace_ and end > i) or (
                    doc[end].lower_ in PLACE_NAME_LINKS and end > i and end + 1 < len(doc)
                    and _place_word(doc[end + 1]))):  # "San Juan de Lurigancho"
                end += 1
            if end == i or doc[end - 1].text == "-":
                break
            found.append(Span(doc, i, end, label="GPE"))
            if end < len(doc) and doc[end].text == "," and end + 1 < len(doc) and \
                    doc[end + 1].lower_ == "and":
                i = end + 2
            elif end < len(doc) and doc[end].lower_ in {",", "and"}:
                i = end + 1
            else:
                break
    if len(found) < 2:
        return spans  # one name after "the states of" may be a longer name
    return _places_replace_names(spans, found)


def based_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Port Kembla-based Kembla Alloy Works`: the place is a GPE, the company starts after."""
    out: list[Span] = []
    found: list[Span] = []
    for tok in doc[1:-1]:
        if tok.text == "-" and doc[tok.i + 1].lower_ == "based" and not tok.whitespace_ and \
                _capitalised(doc[tok.i - 1]):
            start = tok.i - 1
            while start > 0 and _capitalised(doc[start - 1]) and doc[start - 1].is_title and \
                    start - 1 != doc[start - 1].sent.start:
                start -= 1
            found.append(Span(doc, start, tok.i, label="GPE"))
    if not found:
        return spans
    for span in spans:
        for place in found:
            if span.start <= place.start < span.end and span.label_ != "GPE":
                after = place.end + 2
                span = Span(doc, after, span.end, label=span.label_) if after < span.end \
                    else None
                break
        if span is not None and len(span) and span.label_ == "PERSON" and any(
                span.start == place.end + 2 for place in found):
            span = Span(doc, span.start, span.end, label="ORG")  # "London-based Quacquarelli
            # Symonds": a person is from a place, not based there
        if span is not None and len(span):
            out.append(span)
    return non_overlapping([*found, *out])


def _name_part(token: Token) -> bool:
    return token.is_title and token.is_alpha and token.lower_ not in PERSON_ROLES and \
        token.lower_ not in ORG_HEADS and token.i != token.sent.start


def _role_word(token: Token) -> bool:
    return token.lower_ in PERSON_ROLES or token.lower_.rstrip(".") in PERSON_ROLES


def repair_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """Whole personal names: hyphenated parts, `III`, and halves the model split in two."""
    out: list[Span] = []
    for span in spans:
        if span.label_ == "PERSON":
            start = span.start
            while start > 1 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
                    and not doc[start - 2].whitespace_ and doc[start - 2].is_title:
                start -= 2  # "Ruiz-" + "Whitaker"
            if start < span.start:
                span = Span(doc, start, span.end, label="PERSON")
            end = span.end
            while end + 1 < len(doc) and doc[end].text == "-" and not doc[end].whitespace_ and \
                    not doc[end - 1].whitespace_ and doc[end + 1].is_alpha and \
                    (doc[end + 1].is_title or len(doc[end + 1]) <= 4):
                end += 2  # "Ruiz-Whitaker", "Wen-Li Zhao", "Kim Ji-ho"
            if end > span.end and end < len(doc) and doc[end].is_title and doc[end].is_alpha \
                    and doc[end - 1].whitespace_ and span.end - span.start == 1:
                end += 1
            if end < len(doc) and doc[end].text in ROMAN_SUFFIXES:
                end += 1
            particles = end
            while particles < len(doc) and doc[particles].text in NAME_PARTICLES:
                particles += 1
            if particles > end and particles < len(doc) and doc[particles].is_title and \
                    doc[particles].is_alpha:
                end = particles + 1  # "Marieke" + "van den Berg"
            span = Span(doc, span.start, end, label="PERSON")
            if len(span) == 2 and span.start > 1 and _name_part(doc[span.start - 1]) and \
                    doc[span.start - 1].lower_ not in PERSON_TITLES and (
                        _role_word(doc[span.start - 2]) or (
                            doc[span.start - 2].lower_ in PERSON_TITLES and
                            not is_given_name(span[0].text))):
                span = Span(doc, span.start - 1, span.end, label="PERSON")  # "Tran" + "Thi Lan"
            prev = out[-1] if out else None
            if prev is not None and prev.label_ == "PERSON" and prev.end == span.start and \
                    len(prev) == 1 and prev[0].is_title and is_given_name(prev[0].text):
                out[-1] = Span(doc, prev.start, span.end, label="PERSON")  # "Anil" + "Kumar ..."
                continue
        out.append(span)
    return non_overlapping(out)


def _headline_end(doc: Doc) -> int:
    """Token index where a title-case headline ends (0 when the text opens without one)."""
    for tok in doc:
        if "\n" in tok.text:
            line = [t for t in doc[:tok.i] if t.is_alpha]
            content = [t for t in line if not t.is_stop]
            if len(content) >= 3 and sum(t.text[:1].isupper() for t in content) / len(content) \
                    >= 0.75:
                return tok.i
            return 0
    return 0


def drop_headline_only_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Ardent Payments to Create 350 Jobs`: in a title-case headline every word is
    capitalised, so a name found there counts only if the article names it again."""
    end = _headline_end(doc)
    if not end:
        return spans
    body = doc[end:].text
    return [s for s in spans if s.start >= end or s.label_ not in {"ORG", "PERSON", "GPE"}
            or s.text in body]


def drop_generic_before_titles(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Education Secretary`, `Public Defender`: a generic word before a title is no body."""
    out = []
    for span in spans:
        nxt = doc[span.end] if span.end < len(doc) else None
        if span.label_ == "ORG" and len(span) == 1 and nxt is not None and \
                nxt.lower_ in ORG_TRAILING_TITLES | {"defender", "judge", "court"} and \
                span[0].lower_ in GENERIC_NAME_WORDS | {"circuit"} and \
                span[0].lower_ not in ORG_HEADS:
            continue
        if span.label_ == "ORG" and len(span) == 1 and nxt is not None and \
                span[0].lower_ in GENERIC_NAME_WORDS | {"treasury"} and \
                span[0].lower_ not in ORG_HEADS and (
                    nxt.lower_ in MODIFIED_NOUNS or (nxt.text == "-" and not nxt.whitespace_)):
            continue  # "State-owned mines", "91-day Treasury bills", "the State agency"
        if span.label_ == "ORG" and len(span) == 1 and span[0].lower_ in TITLE_PREFIXES and \
                nxt is not None and (nxt.lower_ in ORG_TRAILING_TITLES or
                                     nxt.lower_ in PERSON_ROLES) and \
                (span.start == 0 or doc[span.start - 1].lower_ not in DETERMINERS):
            continue  # "Group Chief Executive Officer", but "the Group chairman" is the company
        out.append(span)
    return out


SPEECH_VERBS = words("speech_verbs")


def doubtful_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """Mentions the model called people that nothing else in the article supports.

    News introduces a person by full name; a lone capitalised word that is no part
    of any full name, no first name and neither follows a title nor speaks
    (`Horizon combines weather models`) is no person. A name given an acronym in
    parentheses (`Biju Janata Dal (BJD)`) or made of plural nouns with no first name
    (`Willamette Bridges`, `Rift Lancers`) is an organisation.
    """
    name_words = {t.text for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in s}
    out = []
    for span in spans:
        if span.label_ != "PERSON":
            out.append(span)
            continue
        words_ = [t for t in span if t.is_alpha]
        given = any(is_given_name(t.text) for t in words_)
        nxt = doc[span.end] if span.end < len(doc) else None
        prev = doc[span.start - 1] if span.start > 0 else None
        acronym = nxt is not None and nxt.text == "(" and span.end + 2 < len(doc) and \
            is_acronym(doc[span.end + 1]) and doc[span.end + 2].text == ")"
        if acronym or (len(words_) > 1 and not given and words_[-1].tag_ == "NNPS"):
            out.append(Span(doc, span.start, span.end, label="ORG"))
            continue
        if len(span) == 1 and not given and span.text not in name_words and \
                not (prev is not None and prev.lower_.rstrip(".") in PERSON_TITLES) and \
                not (nxt is not None and nxt.lower_ in SPEECH_VERBS) and \
                not (prev is not None and prev.lower_ in SPEECH_VERBS):
            continue
        out.append(span)
    return out


PRODUCT_NOUNS = words("product_nouns")


def products(doc: Doc) -> list[Span]:
    """Brands and products are opaque: `ORAVEXA (zelatinib)`, `the Kestrel Ridge, Northfork
    and Alpenglow brands`. Returns their spans, for the component's opaque list."""
    found: list[Span] = []
    brands: set[str] = set()
    for tok in doc[:-3]:
        if tok.is_upper and tok.is_alpha and len(tok) >= 5 and doc[tok.i + 1].text == "(" and \
                doc[tok.i + 2].is_lower and doc[tok.i + 3].text == ")":
            brands.add(tok.text)  # a drug's brand name before its generic name
    found += [Span(doc, t.i, t.i + 1, label="ORG") for t in doc if t.text in brands]
    for tok in doc:
        if tok.lower_ in PRODUCT_NOUNS and tok.is_lower and tok.i > 0:
            found += [Span(doc, start, end, label="ORG")
                      for start, end in _names_listed_before(doc, tok.i, _capitalised)]
    return found


HEADLINE_VERBS = words("headline_verbs")
WIRE_CREDITS = frozenset({"reporting", "editing", "writing", "additional"})


def _name_run(doc: Doc, start: int) -> int:
    """End of a run of two or three capitalised words (a hyphen may join two) from start."""
    end = start
    while end < len(doc) and end - start < 5:
        tok = doc[end]
        hyphen = tok.text == "-" and not tok.whitespace_ and end > start and \
            not doc[end - 1].whitespace_ and end + 1 < len(doc) and doc[end + 1].is_alpha
        if (tok.is_title and tok.is_alpha) or hyphen or (
                end > start and doc[end - 1].text == "-" and tok.is_alpha):  # "Kim Ji-ho"
            end += 1
        else:
            break
    while end > start and doc[end - 1].text == "-":
        end -= 1
    words_ = [t for t in doc[start:end] if t.is_alpha]
    return end if 2 <= len(words_) <= 3 else start


def _first_name_start(doc: Doc, start: int, end: int) -> int:
    """Where the name proper starts in a run: after the title and portfolio words that lead
    it (`Sheriff Dale Corbin`, `Minister of State for Care Rachel Hollis`)."""
    while start < end - 2 and (_role_word(doc[start]) or doc[start].lower_ in PERSON_TITLES or
                               doc[start].lower_ in GENERIC_NAME_WORDS):
        start += 1
    return start


def _role_follows(doc: Doc, end: int) -> bool:
    """`Ibrahima Toure, UNHCR's representative in Chad,`: a role in the apposition."""
    if end >= len(doc) or doc[end].text != ",":
        return False
    for tok in doc[end + 1:end + 5]:
        if tok.lower_ in PERSON_ROLES:
            return True
        if tok.text in {",", ".", ";"} or tok.lower_ in {"a", "an", "which", "who"}:
            return False
    return False


def people_in_context(doc: Doc, spans: list[Span], places: frozenset[str]) -> list[Span]:
    """Two or three capitalised words where the sentence says person.

    After a role (`board chair Anneliese Roth`, `SCHA coordinator Ousmane
    Diallo`), before a speech verb (`Caroline Hughes said`), after `said`
    (`said Rachel Hollis.`), in a wire credit (`Reporting by Somrudee Pak`), after
    `Media contact:` or before a role in apposition (`Ibrahima Toure, UNHCR's
    representative`).
    The model often gives such names no label, or ORG or GPE.
    """
    found: list[Span] = []
    i = 1
    while i < len(doc):
        tok, prev = doc[i], doc[i - 1]
        role = prev.lower_ in PERSON_ROLES or prev.lower_ == "said" or (
            prev.lower_ in {"by", "and"} and any(t.lower_ in WIRE_CREDITS
                                                 for t in doc[max(0, i - 6):i]))
        end = _name_run(doc, i) if tok.is_title else i
        if end > i:
            nxt = doc[end] if end < len(doc) else None
            speaks = nxt is not None and nxt.lower_ in SPEECH_VERBS
            after_said = prev.lower_ == "said" and nxt is not None and nxt.text in {",", "."}
            start = _first_name_start(doc, i, end)
            name = doc[start:end]
            plain = len([t for t in name if t.is_alpha]) >= 2 and not any(
                t.lower_ in ORG_HEADS or t.lower_ in CORPORATE_WORDS or t.lower_ in DATE_WORDS
                or t.lower_ in PERSON_ROLES or t.lower_ in HEADLINE_VERBS for t in name)
            known_first = is_given_name(name[0].text)
            contact = prev.text == ":" and i > 1 and doc[i - 2].lower_ in {"contact", "contacts"}
            role_then_comma = prev.text == "," and i > 1 and doc[i - 2].lower_ in PERSON_ROLES \
                and doc[i - 2].is_lower  # "said their attorney, Miriam Haddad of ..."
            if plain and name.text not in places and (role or contact or (
                    (speaks or after_said or role_then_comma or _role_follows(doc, end))
                    and known_first)):
                if end < len(doc) and doc[end].text in ROMAN_SUFFIXES:
                    end += 1
                found.append(Span(doc, start, end, label="PERSON"))
                i = end
                continue
        i += 1
    if not found:
        return spans
    taken = {t for f in found for t in range(f.start, f.end)}
    keep = [s for s in spans if not (taken.intersection(range(s.start, s.end)) and
                                     s.label_ in {"ORG", "GPE", "PERSON"} and
                                     not any(t.lower_ in ORG_HEADS for t in s))]
    return non_overlapping([*keep, *found])


SAINT_WORDS = words("saint_words")
PLACE_NAME_SUFFIXES = words("place_name_suffixes")


def _said_of_person(doc: Doc, names: set[str]) -> bool:
    """Does the article speak of any of these name words as a person anywhere?

    A run of the words counts when a title or role stands before it (`Director
    Lertchai`), or a speech verb before or after it (`said Ndiaye`, `Ndiaye told`).
    """
    i = 0
    while i < len(doc):
        if doc[i].text not in names:
            i += 1
            continue
        end = i
        while end < len(doc) and doc[end].text in names:
            end += 1
        prev = doc[i - 1] if i > 0 else None
        nxt = doc[end] if end < len(doc) else None
        if (nxt is not None and (_role_word(nxt) or nxt.lower_ in PERSON_TITLES)) or (
                prev is not None and prev.is_title and prev.text not in names and
                not prev.is_stop and prev.lower_.rstrip(".") not in PERSON_TITLES
                and not _role_word(prev)):
            i = end  # "said World Aquatics executive director", "World Aquatics said": a body
            continue
        if prev is not None and (prev.lower_.rstrip(".") in PERSON_TITLES or
                                 prev.lower_ in PERSON_TITLES or _role_word(prev) or
                                 prev.lower_ in SPEECH_VERBS):
            return True
        if nxt is not None and nxt.lower_ in SPEECH_VERBS:
            return True
        i = end
    return False


def unsupported_people(doc: Doc, spans: list[Span], places: frozenset[str]) -> list[Span]:
    """People the model found that the article never treats as people.

    `St Joseph's ward` is no person, nor `County Clare` or `Mitchell Shire` (places).
    A name with no first name that no title, role or speech verb ever attaches to
    is tested against what news does with people: it does not end in a country or
    province (`Homes England`), it is no short form of an organisation named in
    full, its first word is no organisation's (`Velantis Connect` of Velantis), and
    after three full mentions it would have been shortened to a surname
    (`Willamette Bridges`, `Kisumu Tuskers`: clubs and charities, organisations).
    """
    org_words = {t.text for s in spans if s.label_ == "ORG" for t in s}
    out: list[Span] = []
    for span in spans:
        if span.label_ != "PERSON":
            out.append(span)
            continue
        first, last = span[0], span[-1]
        prev = doc[span.start - 1] if span.start > 0 else None
        if first.lower_ in SAINT_WORDS or (prev is not None and prev.lower_ in SAINT_WORDS
                                           and prev.is_title):
            continue
        if len(span) > 2 and span[-2].text == "Red" and last.text in {"Cross", "Crescent"}:
            out.append(Span(doc, span.start, span.end, label="ORG"))  # "Kenya Red Cross"
            continue
        if len(span) > 1 and (first.lower_ in PLACE_NAME_SUFFIXES or
                              last.lower_ in PLACE_NAME_SUFFIXES):
            out.append(Span(doc, span.start, span.end, label="GPE"))
            continue
        words_ = [t for t in span if t.is_alpha]
        if len(words_) < 2 or any(is_given_name(t.text) for t in words_) or \
                _said_of_person(doc, {t.text for t in words_}):
            out.append(span)
            continue
        if any(o.text.startswith(span.text + " ") for o in spans if o.label_ == "ORG"):
            out.append(Span(doc, span.start, span.end, label="ORG"))  # its short form
            continue
        if last.text in places or first.text in org_words:
            continue
        mentions = [s for s in spans if s.text == span.text]
        surname_alone = any(t.text == last.text and not any(s.start <= t.i < s.end
                                                            for s in mentions) for t in doc)
        if len(mentions) >= 3 and not surname_alone:
            out.append(Span(doc, span.start, span.end, label="ORG"))
            continue
        out.append(span)
    return out


def people_misread_as_places(doc: Doc, spans: list[Span], places: frozenset[str]) -> list[Span]:
    """`Adaeze Okafor` tagged GPE, though the article goes on `Okafor said`.

    Two or three capitalised words that no gazetteer knows as a place and that
    carry no organisation word are a person when the article speaks of their
    last word as one.
    """
    out: list[Span] = []
    for span in spans:
        words_ = [t for t in span if t.is_alpha]
        if span.label_ in {"GPE", "ORG"} and 2 <= len(words_) <= 3 and \
                len(words_) == len(span) and all(t.is_title for t in words_) and \
                span.text not in places and not any(
                    t.text in places or t.lower_ in ORG_HEADS or t.lower_ in CORPORATE_WORDS or
                    t.lower_ in ADMIN_DESCRIPTORS or t.lower_ in PERSON_ROLES or
                    t.lower_ in GENERIC_NAME_WORDS for t in words_) and \
                _said_of_person(doc, {words_[-1].text}):
            span = Span(doc, span.start, span.end, label="PERSON")
        out.append(span)
    return out


PLAYER_ROLES = words("player_roles")


def _capitalised_run_before(doc: Doc, end: int) -> int:
    """Start of the run of one to three capitalised words (or a squad number) ending at end."""
    start = end
    while start > 0 and end - start < 3 and (
            (doc[start - 1].is_title and doc[start - 1].is_alpha) or
            (doc[start - 1].like_num and start < end)):  # "Racing 92"
        start -= 1
    while start < end and doc[start].like_num:
        start += 1
    return start


def _replace_overlapping(spans: list[Span], found: list[Span]) -> list[Span]:
    """The found spans win over any span they overlap."""
    keep = [s for s in spans if not any(s.start < f.end and f.start < s.end for f in found)]
    return non_overlapping([*keep, *found])


def clubs_before_player_roles(doc: Doc, spans: list[Span], places: frozenset[str]) -> list[Span]:
    """`Hartfield midfielder Tomasz Wiśniewski`, `Racing 92 centre Isireli Tuidraki`:
    the name before a player's position and his name is his club (a national side
    named by its country stays the place)."""
    found: list[Span] = []
    for tok in doc[1:-1]:
        if tok.lower_ not in PLAYER_ROLES or not tok.is_lower or not doc[tok.i + 1].is_title:
            continue
        start = _capitalised_run_before(doc, tok.i)
        if start == tok.i or (start == doc[start].sent.start and start == tok.i - 1):
            continue
        run = doc[start:tok.i]
        if run.text in places or any(_role_word(t) or t.lower_ in PERSON_TITLES or
                                     t.lower_ in DATE_WORDS for t in run):
            continue
        if any(s.label_ == "PERSON" and s.start <= start < s.end for s in spans):
            continue  # "Brian Odhiambo, captain ..." is no club
        found.append(Span(doc, start, tok.i, label="ORG"))
    if not found:
        return spans
    return _replace_overlapping(spans, found)


def parties_after_people(doc: Doc, spans: list[Span], places: frozenset[str]) -> list[Span]:
    """`Cllr Martin Durcan (Fianna Fáil)`: a name in parentheses right after a person's
    is the party or body the person stands for."""
    people_ends = {s.end for s in spans if s.label_ == "PERSON"}
    found: list[Span] = []
    for end in people_ends:
        if end + 2 >= len(doc) or doc[end].text != "(":
            continue
        close = end + 1
        while close < len(doc) and close - end <= 4 and doc[close].text != ")":
            close += 1
        if close >= len(doc) or doc[close].text != ")" or close == end + 1:
            continue
        inner = doc[end + 1:close]
        if inner.text in places or not all(t.is_title or t.is_upper for t in inner if t.is_alpha) \
                or any(t.like_num for t in inner):
            continue  # "(Ward 3)", "(Ohio)"
        found.append(Span(doc, inner.start, inner.end, label="ORG"))
    if not found:
        return spans
    return _replace_overlapping(spans, found)


def repeated_org_names(doc: Doc, spans: list[Span], opaque: list[Span]) -> list[Span]:
    """A multi-word organisation name found once is the same organisation wherever the
    article repeats it (`Harvest Table`, `Hartfield Town`), whatever the model said there."""
    names = {tuple(t.text for t in s) for s in spans if s.label_ == "ORG" and len(s) > 1
             and all(t.text[:1].isupper() or not t.is_alpha for t in s)}
    if not names:
        return spans
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in sorted(names, key=len, reverse=True):
        by_first.setdefault(name[0], []).append(name)
    taken = {i for s in spans for i in range(s.start, s.end)}
    blocked = {i for o in opaque for i in range(o.start, o.end)}
    found: list[Span] = []
    for tok in doc:
        for name in by_first.get(tok.text, ()):
            end = tok.i + len(name)
            if tuple(t.text for t in doc[tok.i:end]) != name:
                continue
            if end < len(doc) and doc[end].is_title and doc[end].is_alpha:
                continue  # part of a longer name
            if tok.i > 0 and doc[tok.i - 1].is_title and doc[tok.i - 1].is_alpha and \
                    tok.i - 1 != doc[tok.i - 1].sent.start:
                continue
            if not taken.intersection(range(tok.i, end)) and \
                    not blocked.intersection(range(tok.i, end)):
                found.append(Span(doc, tok.i, end, label="ORG"))
            break
    return non_overlapping([*spans, *found]) if found else spans


def towns_listed_with_places(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Keizer, Woodburn, Turner and Jefferson`, `in Bergen, Askøy and Voss`: a single
    word the model called an organisation, listed among places, is another place."""
    by_start = {s.start: s for s in spans}
    by_end = {s.end: s for s in spans}
    out: list[Span] = []
    for span in spans:
        if span.label_ == "ORG" and len(span) == 1 and span[0].is_title and span[0].is_alpha \
                and span[0].lower_ not in ORG_HEADS and span[0].lower_ not in GENERIC_NAME_WORDS:
            before = by_end.get(span.start - 1)
            after = by_start.get(span.end + 1)
            nxt = doc[span.end].lower_ if span.end < len(doc) else ""
            listed = (before is not None and before.label_ == "GPE" and (
                doc[span.start - 1].lower_ in {"and", "or"} or (
                    doc[span.start - 1].text == "," and nxt in {",", "and", "or"}))) or (
                after is not None and after.label_ == "GPE" and span.end < len(doc) and
                doc[span.end].lower_ in {",", "and", "or"})
            if listed:
                span = Span(doc, span.start, span.end, label="GPE")
        out.append(span)
    return out


def names_begun_before_and(doc: Doc, spans: list[Span], places: frozenset[str]) -> list[Span]:
    """`the Fisheries and` + `Aquaculture Infrastructure Development Fund`, `Police, Fire
    and` + `Crime Panel`: words listed before an organisation's name, that nothing else
    claims, begin that name."""
    taken = {i for s in spans for i in range(s.start, s.end)}

    def free_word(i: int) -> bool:
        tok = doc[i]
        return i >= 0 and tok.is_title and tok.is_alpha and i not in taken and \
            tok.text not in places and tok.ent_type_ not in {"NORP", "PERSON", "GPE"} and \
            tok.lower_ not in PERSON_TITLES and tok.lower_ not in DATE_WORDS

    out: list[Span] = []
    for span in spans:
        start = span.start
        if span.label_ != "ORG" or not any(t.lower_ in ORG_HEADS for t in span) or start < 3:
            out.append(span)
            continue
        if doc[start - 1].lower_ == "and" and free_word(start - 2) and \
                doc[start - 2].i != doc[start - 2].sent.start:
            start -= 2
        if start < span.start and doc[start - 1].text == "," and free_word(start - 2):
            start -= 2  # "Police, Fire and" + "Crime Panel"
        elif start == span.start and doc[start - 1].text == "," and free_word(start - 2) and \
                any(t.lower_ == "and" for t in span) and not doc[start - 3].is_title:
            start -= 2  # "Foreign, " + "Commonwealth and Development Office"
        if start < span.start and not doc[start - 1].text[:1].isupper():
            span = Span(doc, start, span.end, label="ORG")
        out.append(span)
    return non_overlapping(out)


NOT_TEAM_PLURALS = words("not_team_plurals")
CLUB_SUFFIXES = words("club_suffixes")
EVENT_HEADS = words("event_heads")


def _team_word(token: Token, places: frozenset[str]) -> bool:
    text = token.text
    return token.is_title and token.is_alpha and len(text) >= 5 and (
        (text.endswith("s") and not text.endswith(("ss", "us", "is"))) or
        (text.endswith("men") and len(text) >= 7)) and token.lower_ not in NOT_TEAM_PLURALS and \
        token.lower_ not in ORG_HEADS and token.lower_ not in EVENT_HEADS and \
        text not in places and token.ent_type_ not in {"NORP", "DATE", "MONEY"}


def team_names(doc: Doc, spans: list[Span], places: frozenset[str]) -> list[Span]:
    """Clubs named by a town and a plural nickname (`Glasgow Thistles`, `Sheffield Vipers`,
    `Kisumu Tuskers RFC`, `Saskatoon Northmen`); the nickname alone (`the Vipers`,
    `Thistles captain`) is the same club. The small model calls them people, places or
    titles of works.
    """
    found: list[Span] = []
    lower_words = {t.lower_ for t in doc if t.is_lower}  # "teachers": a word, not a nickname
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if not _team_word(tok, places) or prev.text not in places or not prev.is_title or \
                tok.lower_ in lower_words or (is_given_name(prev.text) and not any(
                    (t.text == tok.text and doc[t.i - 1].lower_ == "the") or
                    (t.text == tok.text and doc[t.i - 2].lower_ == "the" and
                     doc[t.i - 1].text == prev.text) for t in doc[2:])) or (
                    prev.i > 0 and doc[prev.i - 1].is_title and prev.i - 1 != prev.sent.start):
            continue  # not "Lorena Quiñones" (unless "the Sheffield Vipers"), "New Mexico ..."
        end = tok.i + 1
        while end < len(doc) and doc[end].text in CLUB_SUFFIXES:
            end += 1
        if end < len(doc) and doc[end].is_title and doc[end].is_alpha:
            continue  # "Lancers Grounds": part of a longer name
        found.append(Span(doc, tok.i - 1, end, label="ORG"))
    if not found:
        return spans
    nicknames = {f[1].text for f in found}
    taken = {i for f in found for i in range(f.start, f.end)}
    for t in doc:
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if t.text in nicknames and t.i not in taken and not (
                nxt is not None and nxt.is_title and nxt.is_alpha and
                nxt.text not in CLUB_SUFFIXES):
            end = t.i + 1
            while end < len(doc) and doc[end].text in CLUB_SUFFIXES:
                end += 1
            found.append(Span(doc, t.i, end, label="ORG"))
    keep = [s for s in spans if not any(s.start < f.end and f.start < s.end for f in found)
            or (s.label_ == "ORG" and any(f.start >= s.start and f.end <= s.end and
                                          len(s) > len(f) for f in found))]
    found = [f for f in found if not any(s.label_ == "ORG" and s.start <= f.start and
                                         f.end <= s.end and len(s) > len(f) for s in keep)]
    return non_overlapping([*keep, *found])


LOCAL_TITLES = frozenset({"Mayor", "Reeve", "Mayor-elect"})
CONTINENTS = words("continents")  # regions, not annotated: "in Europe and China"
PLACE_NAME_PREFIXES = words("place_name_prefixes")  # "North Huron", "Port Kembla"


def _bare_name_word(doc: Doc, i: int, taken: set[int]) -> bool:
    tok = doc[i]
    return tok.is_title and tok.is_alpha and i not in taken and i != tok.sent.start and \
        not is_given_name(tok.text) and tok.lower_ not in DATE_WORDS and \
        tok.lower_ not in CONTINENTS and \
        tok.lower_ not in GENERIC_NAME_WORDS and tok.ent_type_ not in {"NORP", "PERSON"}


def towns_the_model_missed(doc: Doc, spans: list[Span]) -> list[Span]:
    """Small towns no gazetteer lists, found where the words around them say place:
    listed with places (`in Daventry and Brackley`, `Bergen, Askøy and Voss`) or named
    before their mayor or reeve (`Chama Mayor Ernesto Valdez`) or before their state
    (`Lafayette and Fishers, Indiana`)."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    gpe_start = {s.start for s in spans if s.label_ == "GPE"}
    gpe_end = {s.end for s in spans if s.label_ == "GPE"}
    found: list[Span] = []
    for tok in doc[1:-1]:
        i = tok.i
        if not _bare_name_word(doc, i, taken) or (doc[i + 1].is_title and doc[i + 1].is_alpha
                                                  and doc[i + 1].text not in LOCAL_TITLES):
            continue
        prev, nxt = doc[i - 1], doc[i + 1]
        after_place = prev.lower_ in {"and", "or", ","} and (i - 1) in gpe_end and \
            (prev.text != "," or nxt.text in {",", "and", "or"})
        before_place = nxt.lower_ in {"and", "or", ","} and (i + 2) in gpe_start and \
            doc[i - 1].lower_ in {"in", "near", "from", "between", ",", "of"}
        before_mayor = nxt.text in LOCAL_TITLES and i + 2 < len(doc) and doc[i + 2].is_title
        before_region = nxt.text == "," and (i + 2) in gpe_start and \
            prev.lower_ in {"in", "and", "near", "from", "with", ";"}  # "and Fishers, Indiana"
        if after_place or before_place or before_mayor or before_region:
            start = i - 1 if doc[i - 1].text in PLACE_NAME_PREFIXES and \
                (i - 1) not in taken else i
            found.append(Span(doc, start, i + 1, label="GPE"))  # "North Huron Reeve ..."
    if not found:
        return spans
    spans = non_overlapping([*spans, *found])
    return towns_the_model_missed(doc, spans)  # "Lafayette and" + a town just found


RESIDENT_NOUNS = words("resident_nouns")
SETTLEMENT_NOUNS = words("settlement_nouns")
PEOPLE_OR_PLACE_NOUNS = RESIDENT_NOUNS | SETTLEMENT_NOUNS  # "residents of", "the town of"


def _names_residents(doc: Doc, span: Span) -> bool:
    """`a Belleview man`, `Wrenfield councillors`, `Chama Mayor`, `Dunn, 27, of Dunnellon`,
    `residents of Colac Bay`."""
    if span.end < len(doc):
        nxt = doc[span.end]
        if nxt.lower_ in RESIDENT_NOUNS and (nxt.is_lower or nxt.text in LOCAL_TITLES):
            return True
    start = span.start
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].is_lower and \
            doc[start - 2].lower_ in PEOPLE_OR_PLACE_NOUNS:
        return True  # "residents of Colac Bay", "the town of Isa"
    return start >= 4 and doc[start - 1].lower_ == "of" and doc[start - 2].text == "," and \
        doc[start - 3].like_num and doc[start - 4].text == ","


def places_named_by_residents(doc: Doc, spans: list[Span]) -> list[Span]:
    """A short name the model calls an organisation is a place when the article names its
    people (`a 34-year-old Belleview man`, `Wrenfield councillors`, `Murrindindi council`,
    `Chama Mayor Ernesto Valdez`, `Kayla Dunn, 27, of Dunnellon`); every mention follows."""
    towns = {s.text for s in spans if s.label_ == "ORG" and len(s) <= 3 and
             all(t.is_title and t.is_alpha for t in s) and
             not any(t.lower_ in ORG_HEADS or t.lower_ in GENERIC_NAME_WORDS - PLACE_WORDS
                     for t in s) and not (len(s) > 1 and s[-1].text.endswith("s")) and
             _names_residents(doc, s)}  # not "Taff Valley Wheelers", a club
    if not towns:
        return spans
    return [Span(doc, s.start, s.end, label="GPE") if s.label_ == "ORG" and s.text in towns
            else s for s in spans]


JOINERS = frozenset({"and", "&", "of", "for"})
LEGISLATIVE_CHAMBERS = words("legislative_chambers")


def _occurs_alone(doc: Doc, words_: tuple[str, ...], outside: Span) -> bool:
    """The words occur as a name somewhere else in the article, not inside `outside`."""
    n = len(words_)
    for i in range(len(doc) - n + 1):
        if outside.start <= i < outside.end or tuple(t.text for t in doc[i:i + n]) != words_:
            continue
        after = doc[i + n] if i + n < len(doc) else None
        before = doc[i - 1] if i > 0 else None
        if not any(t is not None and ((t.is_title and t.is_alpha) or t.lower_ in JOINERS)
                   for t in (before, after)):
            return True
    return False


def _whole_name(part: Span) -> bool:
    return len(part) >= 2 and part[0].is_title and \
        (part[-1].lower_ in ORG_HEADS or part[-1].lower_ in CORPORATE_WORDS)


def split_listed_orgs(doc: Doc, spans: list[Span], places: frozenset[str]) -> list[Span]:
    """`World Rugby and Rugby Africa`, `Sport Wales and Newport City Council`, `the House
    and Senate`: two organisations the model ran together over `and`. Split when the first
    is named alone elsewhere and the second is a whole name, when the second starts with a
    place and ends with its head, or both are chambers of a legislature; `Senate
    Appropriations and Revenue Committee` stays one."""
    out: list[Span] = []
    for span in spans:
        ands = [t.i for t in span[1:-1] if t.lower_ == "and"] if span.label_ == "ORG" else []
        if len(ands) != 1:
            out.append(span)
            continue
        first, second = doc[span.start:ands[0]], doc[ands[0] + 1:span.end]
        first_words = tuple(t.text for t in first)
        alone = _occurs_alone(doc, first_words, span)
        placed = len(first) >= 2 and second[0].text in places and _whole_name(second)
        chambers = len(span) == 3 and {first.text, second.text} <= LEGISLATIVE_CHAMBERS
        second_ok = _whole_name(second) or _occurs_alone(doc, tuple(t.text for t in second), span)
        if not ((alone and second_ok) or placed or chambers) or not first[0].is_title or \
                (span.start > 0 and doc[span.start - 1].like_num):  # "all 36 States and"
            out.append(span)
            continue
        if first.text not in places:
            out.append(Span(doc, first.start, first.end, label="ORG"))
        out.append(Span(doc, second.start, second.end, label="ORG"))
    return out


PROGRAMME_NOUNS = EVENT_HEADS | words("grant_nouns")


def names_of_programmes(doc: Doc, spans: list[Span]) -> list[Span]:
    """`its Alliance program`, `the Public Works program`, `a Small Business Innovation
    Research grant`: a name that only ever modifies a programme noun names the programme,
    which the guidelines leave unannotated (an acronym may still be the body behind it)."""
    def modifies(s: Span) -> bool:
        nxt = doc[s.end] if s.end < len(doc) else None
        return nxt is not None and nxt.is_lower and nxt.lower_ in PROGRAMME_NOUNS and \
            nxt.pos_ == "NOUN"  # not "Figures from NHS England show"

    texts: dict[str, list[bool]] = {}
    for s in spans:
        if s.label_ in {"ORG", "GPE", "PERSON"}:
            texts.setdefault(s.text, []).append(modifies(s))
    drop = {t for t, uses in texts.items() if all(uses) and not (
        len(t.split()) == 1 and t.isupper()) and doc.text.count(t) == len(uses)}
    return [s for s in spans if s.text not in drop or s.label_ not in {"ORG", "GPE", "PERSON"}
            or any(t.lower_ in ORG_HEADS for t in s)]


OFFICE_TITLES = words("office_titles")  # "Deputy County Counsel", beside the person roles


def _title_word(token: Token) -> bool:
    return _role_word(token) or token.lower_ in OFFICE_TITLES


def names_after_run_on_titles(doc: Doc, spans: list[Span], places: frozenset[str]) -> list[Span]:
    """`Marion County Commissioner Luis Carrillo`, `Deputy County Counsel Aisha Bello`,
    `Director of Services for Housing Declan Mulcahy`: the model runs a title into the
    name. The given name and surname at the end are the person; a place before the title
    (`Marion County`) stays a place, the rest of the title goes."""
    out: list[Span] = []
    for span in spans:
        n = len(span)
        if n < 3 or not all(t.is_title and t.is_alpha for t in span[-2:]) or \
                not is_given_name(span[-2].text) or is_given_name(span[-3].text) or \
                not (_title_word(span[-3]) or (n >= 4 and span[-3].is_title and any(
                    _title_word(t) for t in doc[max(0, span.start - 3):span.end - 2]))) or \
                any(t.lower_ in ORG_HEADS for t in span[-2:]):
            out.append(span)
            continue
        out.append(Span(doc, span.end - 2, span.end, label="PERSON"))
        lead = span.start
        while lead < span.end - 2 and _title_word(doc[lead]):
            lead += 1
        head_end = lead
        while head_end < span.end - 2 and not _title_word(doc[head_end]):
            head_end += 1
        if head_end > lead and head_end < span.end - 2 and (
                (doc[head_end - 1].lower_ in ADMIN_DESCRIPTORS and head_end - lead >= 2) or
                doc[lead:head_end].text in places):
            out.append(Span(doc, lead, head_end, label="GPE"))  # "Marion County"
    return non_overlapping(out)


def split_comma_lists(doc: Doc, spans: list[Span], places: frozenset[str]) -> list[Span]:
    """`Save the Children, World Vision`: names listed with commas the model ran together
    are each an organisation; `University of California, Berkeley` and `Acme Co., Ltd.`
    stay whole."""
    out: list[Span] = []
    for span in spans:
        commas = [t.i for t in span[1:-1] if t.text == ","] if span.label_ == "ORG" else []
        if not commas or any(t.lower_ in {"and", "&"} for t in span):
            out.append(span)
            continue
        bounds = [span.start, *[c + 1 for c in commas]]
        parts = [doc[a:b - 1] for a, b in zip(bounds, [*bounds[1:], span.end + 1], strict=True)]
        whole = any(not len(p) or not p[0].text[:1].isupper() or p.text in places or
                    p[0].lower_ in CORPORATE_WORDS for p in parts)
        if whole:
            out.append(span)
            continue
        out.extend(Span(doc, p.start, p.end, label="ORG") for p in parts)
    return out


def _opens_sentence(token: Token) -> bool:
    i = token.i
    while i > token.sent.start and (token.doc[i - 1].is_quote or token.doc[i - 1].is_punct):
        i -= 1
    return i == token.sent.start


def common_words_opening_sentences(doc: Doc, spans: list[Span],
                                   places: frozenset[str] = frozenset()) -> list[Span]:
    """`Hotel operators have warned`, `Education received the largest share`: a one-word
    ORG that opens a sentence, is written in lowercase elsewhere in the article and never
    stands capitalised on its own inside a sentence (`Hydrogen Materials Centre` is a longer
    name) is a common noun the capital letter misled the model on; so is an adjective the
    model calls a place (`"Entire villages ...`)."""
    lower = {t.lower_ for t in doc if t.is_lower and t.is_alpha}  # the lemmatizer may be off
    inner_caps = {t.lower_ for t in doc if t.is_title and not _opens_sentence(t) and not (
        t.i > 0 and doc[t.i - 1].is_title) and not (t.i + 1 < len(doc) and doc[t.i + 1].is_title)}
    def common(s: Span) -> bool:
        if len(s) != 1 or not s[0].is_title or not _opens_sentence(s[0]) or \
                s[0].lower_ in inner_caps:
            return False
        if s.label_ == "ORG":
            return bool(_number_forms(s[0].lower_) & lower) and s[0].lower_ not in ORG_HEADS
        return s.label_ == "GPE" and s.text not in places and (
            s[0].pos_ == "ADJ" or s[0].lower_ in lower)  # "Entire villages were cut off"
    return [s for s in spans if not common(s)]


def _number_forms(word: str) -> set[str]:
    """A noun in the singular and the plural (`hotel`, `hotels`; `utilities`, `utility`)."""
    forms = {word, word + "s", word + "es"}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith("s"):
        forms.add(word[:-1])
    return forms


POSSESSIVE_BRANDS = words("possessive_brands")  # "Moody's", "McDonald's", "Lloyd's"


def possessive_brands(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Moody's and Fitch`: for these names the `'s` is part of the name, not a possessive
    to trim, and the model often misses them."""
    found = [Span(doc, t.i, t.i + 2, label="ORG") for t in doc[:-1]
             if t.text in POSSESSIVE_BRANDS and doc[t.i + 1].text in {"'s", "’s"}]
    if not found:
        return spans
    return _replace_overlapping(spans, found)


def orgs_coordinated_with_orgs(doc: Doc, spans: list[Span], places: frozenset[str]) -> list[Span]:
    """`Moody's and Fitch`: a lone capitalised word joined by `and` to an organisation, that
    no other span takes and that is no given name, surname in the article or place, is an
    organisation too (the model calls it a person and nothing supports the person)."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    person_words = {t.text for s in spans if s.label_ == "PERSON" for t in s}
    lower = {t.lower_ for t in doc if t.is_lower}

    def lone(i: int) -> bool:
        if not 0 < i < len(doc):
            return False
        tok = doc[i]
        return tok.is_title and tok.is_alpha and len(tok) >= 3 and i not in taken and \
            bool(doc[i - 1].whitespace_) and tok.ent_type_ != "NORP" and \
            tok.text not in places and tok.text not in person_words and \
            tok.lower_ not in lower and not is_given_name(tok.text) and \
            not (i + 1 < len(doc) and doc[i + 1]._.pf_cap) and not doc[i - 1]._.pf_cap
    found = []
    for s in spans:
        if s.label_ != "ORG":
            continue
        if s.end + 1 < len(doc) and doc[s.end].lower_ == "and" and lone(s.end + 1):
            found.append(Span(doc, s.end + 1, s.end + 2, label="ORG"))
        if s.start >= 2 and doc[s.start - 1].lower_ == "and" and lone(s.start - 2):
            found.append(Span(doc, s.start - 2, s.start - 1, label="ORG"))
    return non_overlapping([*spans, *found]) if found else spans


def split_organs_of_bodies(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Audit Committee of the Board of Directors`, `Management Board of Veltrix`: an organ
    of another body that the article names on its own; the two are separate names."""
    alone = {s.text for s in spans if s.label_ == "ORG"}
    alone |= {s[0].text for s in spans if s.label_ == "ORG" and len(s) > 1 and
              s[-1].lower_ in CORPORATE_WORDS}  # "Veltrix" of "Veltrix AG"
    out: list[Span] = []
    for span in spans:
        of = next((t.i for t in span[2:-1] if t.lower_ == "of"), None) \
            if span.label_ == "ORG" else None
        if of is None or doc[of - 1].lower_ not in {"board", "committee"}:
            out.append(span)
            continue
        start = of + 1 + (doc[of + 1].lower_ == "the")
        rest = doc[start:span.end]
        if (rest.text in alone and not any(t.lower_ in GENERIC_NAME_WORDS for t in rest)) or \
                rest.text in ORGANS:
            out += [Span(doc, span.start, of, label="ORG"), Span(doc, start, span.end, label="ORG")]
        else:
            out.append(span)
    return out


DEMONYMS = words("demonyms")
WORLD_REGIONS = CONTINENTS | words("world_regions")  # "Asia", and "EMEA", "Latin America"


def drop_demonyms_and_regions(spans: list[Span]) -> list[Span]:
    """`South African wing Ruan Botha`, `Tongan-born`, `two Canadian provinces`: a
    nationality is no organisation, place or person (OntoNotes NORP); `in Asia`, `EMEA
    revenue`: continents and their parts are regions the guidelines leave unannotated."""
    return [s for s in spans if not (s.label_ in {"ORG", "GPE", "PERSON"} and (
        s.text in DEMONYMS or s.text.lower() in WORLD_REGIONS))]


def places_after_companies(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Granite Prairie Constructors Inc. of Elk River`: a name after a company's legal
    suffix and `of` is where the company is, not another organisation."""
    out = []
    for s in spans:
        if s.label_ == "ORG" and s.start >= 2 and doc[s.start - 1].lower_ == "of" and \
                doc[s.start - 2].lower_ in CORPORATE_WORDS and doc[s.start - 2].text[:1].isupper() \
                and not any(t.lower_ in ORG_HEADS or t.lower_ in CORPORATE_WORDS for t in s):
            s = Span(doc, s.start, s.end, label="GPE")
        out.append(s)
    return out


def places_joined_into_health_bodies(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Norfolk and Norwich University Hospitals NHS Foundation Trust`, `Cardiff and Vale
    University Health Board`: British health bodies are named for two places joined by
    `and`; the model starts the name at the second."""
    found = []
    for s in spans:
        health = s.label_ == "ORG" and (any(t.text == "NHS" for t in s) or (
            len(s) >= 2 and s[-2].lower_ == "health" and s[-1].lower_ == "board"))
        if health and s.start >= 2 and doc[s.start - 1].lower_ == "and" and \
                doc[s.start - 2].is_title and doc[s.start - 2].is_alpha and \
                not (s.start >= 3 and doc[s.start - 3].is_title and doc[s.start - 3].is_alpha
                     and doc[s.start - 3].lower_ not in DETERMINERS):
            found.append(Span(doc, s.start - 2, s.end, label="ORG"))
    return _replace_overlapping(spans, found) if found else spans


TITLE_WORDS_ALL = words("title_words_all")


def title_words_read_as_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """`Chief Legal Officer`, `General Partner`, `Vice-President Research`: one word inside
    a title that the model calls a person, because a title word stands before it."""
    lower = {t.lower_ for t in doc if t.is_lower}

    def inside_title(s: Span) -> bool:
        if s.label_ != "PERSON" or len(s) != 1 or s.start == 0:
            return False
        prev, tok = doc[s.start - 1], s[0]
        nxt = doc[s.end] if s.end < len(doc) else None
        if not (_title_word(prev) or prev.lower_ in PERSON_TITLES or
                prev.lower_.split("-")[-1] in PERSON_ROLES):
            return False
        return (nxt is not None and (_title_word(nxt) or nxt.lower_ in TITLE_WORDS_ALL)) or \
            tok.lower_ in lower or tok.lower_ in TITLE_WORDS_ALL or _title_word(tok)
    return [s for s in spans if not inside_title(s)]


FEATURE_AFTER = frozenset({"River", "Valley", "Basin", "Delta", "Corridor", "Mountains",
                           "Range", "Sea", "Gulf", "Coast"})
FEATURE_BEFORE = frozenset({"Lake", "Mount", "River", "Gulf"})


def drop_natural_features(doc: Doc, spans: list[Span], places: frozenset[str]) -> list[Span]:
    """`the Mississippi River crossing`, `the Tennessee Valley`, `around Lake Chad`: the place
    name is part of a river's, valley's or lake's name, a natural feature the guidelines
    leave unannotated, unless the whole is a town (`Elk River`, `Lake City`)."""
    def feature(s: Span) -> bool:
        if s.label_ != "GPE":
            return False
        nxt = doc[s.end] if s.end < len(doc) else None
        prev = doc[s.start - 1] if s.start > 0 else None
        if nxt is not None and nxt.text in FEATURE_AFTER:
            return doc[s.start:s.end + 1].text not in places
        if prev is not None and prev.text in FEATURE_BEFORE:
            return doc[s.start - 1:s.end].text not in places
        return False
    return [s for s in spans if not feature(s)]


def known_organisations(spans: list[Span], known: list[Span], opaque: list[Span]) -> list[Span]:
    """A name from the organisation gazetteer is an organisation whatever a rule made of it
    (`said World Aquatics executive director ...` is no person), unless a longer
    organisation holds it (`UNICEF Malawi`) or it stands inside an opaque name."""
    found = [k for k in known if not any(
        s.label_ == "ORG" and s.start <= k.start and k.end <= s.end for s in spans) and not any(
        o.start <= k.start and k.end <= o.end and (o.start, o.end) != (k.start, k.end)
        for o in opaque)]
    return _replace_overlapping(spans, found) if found else spans
