"""The `pressfacts_entities` component: ORG, PERSON, GPE, MONEY and PERCENT spans.

The bare model finds most names but bounds them wrongly for the guidelines
(cut at a quote or a parenthesis, `the` and `'s` kept, events and slogans
tagged as organisations). This component repairs the model's spans, adds the
organisation names that token patterns (`patterns/entities.jsonl`) find from
their head nouns, and drops what the guidelines leave unannotated.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pipeline import dates, extensions, name_rules, numbers
from pipeline.given_names import is_given_name
from pipeline.lexicon import pattern_matcher, read_lines, words
from pipeline.spans import is_quote, non_overlapping, phrase_start_before, strip_tokens

MODEL_LABELS = {"ORG": "ORG", "PERSON": "PERSON", "GPE": "GPE", "MONEY": "MONEY",
                "PERCENT": "PERCENT"}
OPAQUE_MODEL_LABELS = {"EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
DETERMINERS = words("determiners")
PERSON_TITLES = words("person_titles")
GPE_DESCRIPTORS = words("gpe_descriptors")
COMPASS = words("compass_regions")
ORG_HEADS = words("org_heads")
EVENT_HEADS = words("event_heads")
HEADLINE_VERBS = words("headline_verbs")
SPEECH_VERBS = words("speech_verbs")
CORPORATE_WORDS = words("corporate_words")
TITLE_WORDS = words("title_words")
WEEKDAYS = words("weekdays")
MONTHS = words("month_names")
POSSESSIVE_NAME_WORDS = words("possessive_name_words")
LOCATION_PREPOSITIONS = words("location_prepositions")
CURRENCY_TOKENS = numbers.currency_words()
RANGE_WORDS = {"to", "and", "-", "–"}
STOCK_EXCHANGES = words("stock_exchanges")
SHORT_FORM_HEADS = words("short_form_heads")
ADMIN_DESCRIPTORS = words("admin_descriptors")
MONEY_PREFIXES = numbers.currency_prefixes()
MAGNITUDE_WORDS = numbers.magnitude_words()
GENERIC_NAME_WORDS = words("generic_name_words")
BODY_HEADS = words("body_heads")  # a "place" with one of these in it is a body
STRONG_HEADS = frozenset(h.lower() for h in SHORT_FORM_HEADS)
ORG_LEADING_NOISE = words("org_leading_noise")  # "About Acme", "SOURCE Acme", "Holders Acme"
CITY_MODIFIER_DETERMINERS = words("city_modifier_determiners")
SUFFIX_ABBREVS = words("org_suffix_abbrevs")
TIMEZONES = frozenset(dates.word_list("timezones"))
HOLIDAYS = frozenset(dates.holiday_names())
TIE_ORDER = ("PERSON", "ORG", "GPE")  # on a tie, a place is the likelier reading
MAX_QUOTED_NAME = 14


def _is_cap(token: Token) -> bool:
    """A token that can stand inside a proper name."""
    text = token.text
    if text in {"'s", "’s"} and token.i > 0:  # "People's Government", "Hanoi People's Committee"
        return token.doc[token.i - 1].text in POSSESSIVE_NAME_WORDS
    if token.is_title or (token.is_upper and token.is_alpha) or (
            text[:1].isupper() and any(c.isalpha() for c in text[1:])):
        return not (token.is_stop and token.i == token.sent.start) and token.lower_ not in {
            "the", "a", "an", "in", "on", "at", "of", "for", "to", "and", "according",
        }
    if text in {"-", "&"} and token.i > 0 and not token.doc[token.i - 1].whitespace_:
        return not token.whitespace_
    prev = token.doc[token.i - 1] if token.i > 0 else None
    if prev is not None and prev.text == "-" and not prev.whitespace_:
        return token.is_alpha and prev.i > 0 and token.doc[prev.i - 1].text[:1].isupper()
        # "Al-Maghrib", not the "wing" of "right-wing Republican Party"
    return False


if not Token.has_extension("pf_cap"):
    Token.set_extension("pf_cap", getter=_is_cap)


def quoted_regions(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges (inside the marks) of short quotations that look like names or titles."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    for token in doc:
        if not is_quote(token) or token.text in {"'s", "’s"}:
            continue
        if token.text in {"'", "’"} and token.i > 0 and not doc[token.i - 1].whitespace_ and \
                doc[token.i - 1].is_alpha:
            continue  # an apostrophe, not a quote
        if open_at is None:
            open_at = token.i
        else:
            start, end = open_at + 1, token.i
            open_at = None
            if 0 < end - start <= MAX_QUOTED_NAME and _name_like(doc[start:end]):
                regions.append((start, end))
    return regions


def _defines_alias(doc: Doc, start: int, end: int) -> bool:
    """`Acme Corp. ("Acme" or the "Company")`: a quoted short name defined in parentheses."""
    before = [t for t in doc[max(0, start - 4):start] if not is_quote(t)]
    return bool(before) and (before[-1].text == "(" or (
        len(before) >= 2 and before[-2].lower_ == "or" and before[-1].lower_ == "the")
        or before[-1].lower_ == "or")


def _acronyms_of_common_nouns(doc: Doc) -> set[str]:
    """`annual recurring revenue (ARR)`: an acronym defined for a lowercase phrase is no name."""
    found = set()
    for tok in doc[1:-1]:
        if tok.is_upper and tok.is_alpha and doc[tok.i - 1].text == "(" and \
                doc[tok.i + 1].text == ")" and tok.i > 1 and doc[tok.i - 2].is_lower and \
                doc[tok.i - 2].text not in SUFFIX_ABBREVS and \
                doc[tok.i - 2].text not in {"'s", "’s"}:  # "Acme plc (ACM)", "Unit's (AIU)"
            found.add(tok.text)
    return found


def _headline_verb(token: Token) -> bool:
    """`Acme Partners With Beta`, `Acme Reports Fourth Quarter`: a verb, not `Capital Partners`."""
    if token.lower_ not in HEADLINE_VERBS or not token.is_title:
        return False
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is not None and nxt.text == "to" and token.i + 2 < len(doc) and \
            doc[token.i + 2].is_lower:
        return False  # "raised $35 million from Harlow Street Capital Partners to fund ..."
    return nxt is not None and (nxt.is_title or nxt.lower_ in {"with", "to", "on", "for", "in"})


def _person_name_words(doc: Doc) -> frozenset[str]:
    """The words of the multi-word person names the model found (`Hale` of `Marcus Hale`)."""
    return frozenset(t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e)


def _harmonise_labels(spans: list[Span]) -> list[Span]:
    """One name, one label: the model tags "Halifax" GPE once and ORG once; take the majority.

    PERSON after `in`/`across` is a place (`in Mali`) unless it is a person elsewhere.
    """
    votes: dict[str, dict[str, int]] = {}
    for span in spans:
        if span.label_ in {"ORG", "PERSON", "GPE"}:
            label = span.label_
            if label == "PERSON" and span.start > 0 and \
                    span.doc[span.start - 1].lower_ in LOCATION_PREPOSITIONS:
                label = "GPE"
            tally = votes.setdefault(span.text, {})
            tally[label] = tally.get(label, 0) + 1
    out = []
    for span in spans:
        tally = votes.get(span.text)
        if (tally and len(tally) > 1) or (tally and span.label_ not in tally):
            best = max(tally.items(), key=lambda kv: (kv[1], TIE_ORDER.index(kv[0])))[0]
            if best != span.label_:
                span = Span(span.doc, span.start, span.end, label=best)
        out.append(span)
    return out


def _place_before_region(spans: list[Span]) -> list[Span]:
    """`Kraków, Poland`: a name right before `, <GPE>` is a place too."""
    out = list(spans)
    for i, span in enumerate(out[:-1]):
        nxt = out[i + 1]
        doc = span.doc
        possessive = nxt.end < len(doc) and doc[nxt.end].text in {"'s", "’s"}
        if span.label_ in {"PERSON", "ORG"} and len(span) <= 2 and nxt.label_ == "GPE" and \
                nxt.start == span.end + 1 and doc[span.end].text == "," and not possessive \
                and not is_given_name(span[0].text) and \
                not any(t.lower_ in ORG_HEADS for t in span):
            out[i] = Span(doc, span.start, span.end, label="GPE")
    return out


def _merge_ranges(spans: list[Span]) -> list[Span]:
    """`$5.60 to $5.80`, `between $1.15 billion and $1.19 billion`, `9% to 12%`: one span."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        points = {t.lower_ for t in prev} & {"basis", "points", "point"} if prev is not None \
            else set()
        if prev is not None and prev.label_ == span.label_ and span.label_ in {"MONEY", "PERCENT"} \
                and span.start == prev.end + 1 and span.doc[prev.end].lower_ in RANGE_WORDS \
                and not points and not (prev.start > 0 and
                                        span.doc[prev.start - 1].lower_ == "from"):
            start = prev.start
            if span.doc[prev.end].lower_ == "and" and start > 0 and \
                    span.doc[start - 1].lower_ == "between":
                start -= 1
            out[-1] = Span(span.doc, start, span.end, label=span.label_)
        else:
            out.append(span)
    return out


def _surname_tokens(span: Span) -> tuple[str, ...]:
    """The last name of a full name, hyphenated parts joined (`Diallo-Kessler`), particles
    kept and capitalised as a sentence would (`Van den Berg` of `Marieke van den Berg`)."""
    if len(span) >= 4 and span[-2].text == "-" and not span[-2].whitespace_:
        return tuple(t.text for t in span[-3:])
    start = len(span) - 1
    while start > 1 and span[start - 1].text in name_rules.NAME_PARTICLES:
        start -= 1
    if start < len(span) - 1:
        words_ = [t.text for t in span[start:]]
        return (words_[0].capitalize(), *words_[1:])
    return (span[-1].text,)


def _paternal_surname(span: Span) -> tuple[tuple[str, ...], ...]:
    """`Ruiz` of `Javier Ruiz Olmedo`: the first of two Spanish surnames is used alone."""
    if len(span) == 3 and all(t.is_title and t.is_alpha for t in span) and \
            is_given_name(span[0].text) and not is_given_name(span[1].text):
        return ((span[1].text,),)
    return ()


def _add_person_aliases(doc: Doc, spans: list[Span], opaque: list[Span],
                        places: frozenset[str]) -> list[Span]:
    """A later bare surname (`Castillo`, or `Xiao` for Xiao Hongbo) is the same person.

    A word of the name that is also a place (`England` of a mislabelled `Homes
    England`) is no alias, unless a speech verb makes it one (`Pendleton said`) or it is
    the surname of a given name that the article never uses as a place (`Tomás Herrera`).
    A one-word name the model called a law or product (`Delaney`) is no opaque name.
    """
    people = [s for s in spans if s.label_ == "PERSON" and len(s) > 1]
    names: set[tuple[str, ...]] = set()
    given_surnames: set[tuple[str, ...]] = set()  # of a name that begins with a given name
    for s in people:
        for name in ((s[0].text,), _surname_tokens(s), *_paternal_surname(s)):
            if name[0][:1].isupper() and all(t.isalpha() or t == "-" for t in name):
                names.add(name)
                if name != (s[0].text,) and is_given_name(s[0].text):
                    given_surnames.add(name)
    if not names:
        return spans
    place_uses = {doc[i + 1].text for i in range(len(doc) - 1)
                  if doc[i].lower_ in LOCATION_PREPOSITIONS}
    covered = {i for s in spans for i in range(s.start, s.end)}
    # "Velantis" of "Velantis Therapeutics, Inc." stays the company
    org_words = {t.text for s in spans if s.label_ == "ORG" and len(s) > 1 and
                 tuple(t.text for t in s) not in names for t in s}
    name_words = {n[0] for n in names}
    opaque = [o for o in opaque if not (len(o) == 1 and o.text in name_words)]
    found = []
    for tok in doc:
        if tok.i > 0 and doc[tok.i - 1].lower_ in LOCATION_PREPOSITIONS:
            continue  # "in Vinci" after "Leonardo da Vinci" is the town
        for name in sorted((n for n in names if n[0] == tok.text), key=len, reverse=True):
            end = tok.i + len(name)
            if tuple(t.text for t in doc[tok.i:end]) != name:
                continue
            if any(s.start < end and tok.i < s.end and not (
                    s.label_ != "PERSON" and s.start >= tok.i and s.end <= end) and
                    not (s.start == tok.i and s.end == end) for s in spans):
                break  # inside a longer name
            nxt = doc[end] if end < len(doc) else None
            prev = doc[tok.i - 1] if tok.i > 0 else None
            if (nxt is not None and nxt.is_title and nxt.is_alpha) or \
                    (prev is not None and prev.is_title and prev.is_alpha and
                     prev.i != prev.sent.start):
                break
            speaks = (nxt is not None and nxt.lower_ in SPEECH_VERBS) or \
                (prev is not None and prev.lower_ in SPEECH_VERBS)
            a_place = " ".join(name) in places and (
                name not in given_surnames or tok.text in place_uses)
            if (a_place or tok.text in org_words) and not speaks:
                break  # "Florence said" is the librarian, "in Florence" the city
            if any(o.start <= tok.i < o.end for o in opaque):
                break
            if covered.intersection(range(tok.i, end)) and not any(
                    s.start >= tok.i and s.end <= end and s.label_ != "PERSON" for s in spans):
                break
            found.append(Span(doc, tok.i, end, label="PERSON"))
            break
    if not found:
        return spans
    keep = [s for s in spans if not any(f.start <= s.start and s.end <= f.end for f in found)]
    return non_overlapping([*keep, *found])


def _body_named_as_work(ent: Span, quoted_tokens: set[int]) -> bool:
    """`Faculty of Science and Engineering` unquoted: the small model calls some bodies
    works of art; a head noun opening an `of` name or closing the name says otherwise."""
    if ent.label_ != "WORK_OF_ART" or len(ent) < 2 or ent.start in quoted_tokens:
        return False
    start = 1 if ent[0].lower_ == "the" else 0
    first, second = ent[start], ent[min(start + 1, len(ent) - 1)]
    return (first.lower_ in ORG_HEADS and first.is_title and second.lower_ == "of") or (
        ent[-1].lower_ in ORG_HEADS and ent[-1].is_title and all(
            t._.pf_cap or t.lower_ in {"of", "and", "for", "the"} for t in ent[start:]))


PLACE_PREPOSITIONS = frozenset({"in", "near", "at", "from", "across", "around", "outside"})
PLACE_APPOSITION_NOUNS = frozenset({"city", "town", "village", "hub", "capital", "province",
                                    "region", "district", "county", "port", "municipality"})


def _used_as_place(doc: Doc, word: str) -> bool:
    """`in Thornbury`, `Changzhou, a manufacturing hub in Jiangsu`, `Racine, Wisconsin`,
    a dateline: somewhere the article uses the word for a place."""
    dateline = doc._.dateline or {}
    if word in str(dateline.get("place") or ""):
        return True
    for t in doc:
        if t.text != word:
            continue
        before = doc[t.i - 1] if t.i > 0 else None
        if before is not None and before.lower_ in PLACE_PREPOSITIONS and not (
                t.i + 1 < len(doc) and doc[t.i + 1].is_title):  # not "at Setouchi Electric"
            return True
        after = doc[t.i + 1:t.i + 8]
        if len(after) >= 2 and after[0].text == ",":
            if after[1].ent_type_ == "GPE":
                return True
            for tok in after[1:]:
                if tok.text in {",", ".", ";"}:
                    break
                if tok.lower_ in PLACE_APPOSITION_NOUNS or tok.lower_ == "home":
                    return True
        if t.i + 2 < len(doc) and doc[t.i + 1].text in {"'s", "’s"} and \
                doc[t.i + 2].lower_ in PLACE_APPOSITION_NOUNS:
            return True  # "Changzhou's city government"
    return False


def _followed_by_acronym(doc: Doc, end: int) -> bool:
    """`World Food Programme (WFP)`: a name given an acronym is an organisation."""
    return end + 2 < len(doc) and doc[end].text == "(" and doc[end + 1].is_upper and \
        doc[end + 1].is_alpha and doc[end + 2].text == ")"


def _hyphen_joined(token: Token) -> bool:
    """The second half of a hyphenated word (`Ji-ho`), which trimming must not cut."""
    doc = token.doc
    return token.i > 1 and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_ \
        and not doc[token.i - 1].whitespace_


def _defined_in_parens(doc: Doc, span: Span) -> bool:
    return span.start > 1 and doc[span.start - 1].text in {"\"", "“"} and \
        doc[span.start - 2].text == "("


def _name_like(span: Span) -> bool:
    """Title-case content words and no finite verb: a name or a title, not speech."""
    content = [t for t in span if t.is_alpha and not t.is_stop]
    if not content:
        return False
    if any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in span):
        return False
    capped = sum(1 for t in content if t.is_title or t.is_upper or t.text[:1].isupper())
    return capped / len(content) >= 0.6


@Language.factory(
    "pressfacts_entities",
    default_config={"patterns": "entities.jsonl"},
)
def make_entity_spans(nlp: Language, name: str, patterns: str) -> EntitySpans:
    """Factory: the component is configured by the name of its pattern file."""
    return EntitySpans(nlp, name, patterns)


class EntitySpans:
    """Repair, add and filter name spans; store them in `doc.spans["pf_entities"]`."""

    def __init__(self, nlp: Language, name: str, patterns: str) -> None:
        self.name = name
        self.matcher, entries = pattern_matcher(nlp.vocab, patterns)
        self.labels = {match_id: (e["label"], e["id"]) for match_id, e in entries.items()}
        self.places = frozenset(read_lines("places.txt"))
        # "Xinhua" and "University" are towns too; a news agency or a short form wins
        self.cities = frozenset(read_lines("cities.txt")) - words("wire_services") - \
            SHORT_FORM_HEADS
        self.gazetteer = PhraseMatcher(nlp.vocab)
        self.gazetteer.add("GPE", list(nlp.tokenizer.pipe(sorted(self.places))))
        self.known_places = self.places | self.cities
        self.city_matcher = PhraseMatcher(nlp.vocab)
        self.city_matcher.add("GPE", list(nlp.tokenizer.pipe(sorted(self.cities))))
        # well-known organisations the small model misses or cuts ("Fitch", "Global Fund to
        # Fight AIDS, Tuberculosis and Malaria"); matched case-sensitively
        self.known_orgs = PhraseMatcher(nlp.vocab)
        self.known_orgs.add("ORG", list(nlp.tokenizer.pipe(read_lines("organisations.txt"))))
        self.wires = PhraseMatcher(nlp.vocab)
        self.wires.add("WIRE", [nlp.make_doc(w) for w in words("wire_services")])
        self.currencies = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.currencies.add("CUR", [nlp.make_doc(c) for c in sorted(CURRENCY_TOKENS)])
        self.qualifiers = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.qualifiers.add("Q", [nlp.make_doc(p) for p in numbers.qualifier_phrases()])

    def __call__(self, doc: Doc) -> Doc:
        quoted = quoted_regions(doc)
        aliases_defined = [r for r in quoted if _defines_alias(doc, *r)]
        opaque = [doc[s:e] for s, e in quoted if (s, e) not in aliases_defined]
        rule_orgs: list[Span] = [Span(doc, s, e, label="ORG") for s, e in aliases_defined]
        known_orgs = non_overlapping(sorted(
            (Span(doc, s, e, label="ORG") for _, s, e in self.known_orgs(doc)),
            key=lambda k: k.start - k.end))
        known_keys = {(k.start, k.end) for k in known_orgs}
        for match_id, start, end in self.matcher(doc):
            label, pattern_id = self.labels[match_id]
            if label == "OPAQUE" and (start, end) in known_keys:
                continue  # "World Food Programme" is an agency, not a programme
            elif label == "OPAQUE" and pattern_id == "facility" and end < len(doc) and \
                    doc[end].is_title:
                continue  # "Florida Highway Patrol" goes on: an organisation, not a road
            elif label == "OPAQUE" and pattern_id == "region-name":  # "Northwest China"
                if doc[start + 1:end].text in self.places and \
                        doc[start:end].text not in self.places:  # "Northern Ireland" is one
                    opaque.append(Span(doc, start, end, label="ORG"))
            elif label == "OPAQUE":
                if not (pattern_id == "region" and doc[start:end].text in self.places):
                    opaque.append(Span(doc, start, end, label="ORG"))  # "South Korea" is a GPE
            elif pattern_id == "stock-exchange":
                rule_orgs.append(Span(doc, start + 1, start + 2, label="ORG"))
            elif pattern_id == "head-before-title":  # "Board Chair Thomas Whitcombe"
                rule_orgs.append(Span(doc, start, start + 1, label="ORG"))
            elif pattern_id == "acronym-before-title":  # "AER Chair Helen Tsang"
                if doc[start].text not in self.known_places:
                    rule_orgs.append(Span(doc, start, start + 1, label="ORG"))
            elif pattern_id == "short-form-modified":  # "the entire Board", "this Company"
                if not (end < len(doc) and doc[end].lower_ == "of") and \
                        not (end < len(doc) and doc[end].is_title and doc[end].is_alpha):
                    rule_orgs.append(Span(doc, end - 1, end, label="ORG"))
            elif pattern_id == "party-state":  # "Sen. Dwayne Kittle, R-Florence"
                rule_orgs.append(Span(doc, start + 2, end, label="GPE"))
            elif pattern_id == "acronym-place":  # "IDA Ireland", "NHS England", "PIB Delhi"
                if doc[end - 1].text in self.known_places:
                    rule_orgs.append(Span(doc, start, end, label="ORG"))
            elif self._plausible(doc, start, end, pattern_id):
                rule_orgs.append(name_rules.cut_before_person(Span(doc, start, end, label=label)))
        alias_regions = set(aliases_defined)
        quoted_tokens = {i for s, e in quoted for i in range(s, e)}
        works_named_like_bodies = [e for e in doc.ents if _body_named_as_work(e, quoted_tokens)]
        rule_orgs += [Span(doc, e.start, e.end, label="ORG") for e in works_named_like_bodies]
        opaque += [e for e in doc.ents if e.label_ in OPAQUE_MODEL_LABELS and not any(
            s <= e.start and e.end <= t for s, t in alias_regions)  # ("Lakeshore" or ...)
            and e.text.lower() not in HOLIDAYS  # "before Thanksgiving" is a date
            and e not in works_named_like_bodies
            and not any(k.start <= e.start and e.end <= k.end for k in known_orgs)]
        opaque += name_rules.products(doc)
        for start, end in quoted:
            if doc[end - 1].lower_ in ORG_HEADS:  # a quoted organisation name
                rule_orgs.append(Span(doc, start, end, label="ORG"))
        rule_orgs += [Span(doc, s, e, label="ORG") for _, s, e in self.wires(doc)]
        rule_orgs += known_orgs

        dateline_places = self._dateline_places(doc)
        candidates: list[Span] = list(dateline_places)
        for span in sorted(rule_orgs, key=lambda s: s.start - s.end):
            candidates.extend(self._repair(span))
        places = [Span(doc, s, e, label="GPE") for _, s, e in self.gazetteer(doc)
                  if doc[s].is_title or doc[s].is_upper]
        model_spans = {(e.start, e.end) for e in doc.ents}
        # a gazetteer name beats a shorter model span inside it ("South Korea" over "Korea")
        candidates += [p for p in places if (p.start, p.end) not in model_spans and any(
            e.start >= p.start and e.end <= p.end and (e.start, e.end) != (p.start, p.end)
            for e in doc.ents)]
        for ent in doc.ents:
            label = MODEL_LABELS.get(ent.label_)
            if label:
                candidates.extend(self._repair(Span(doc, ent.start, ent.end, label=label)))
        candidates += self._money_from_numbers(doc)
        not_orgs = _acronyms_of_common_nouns(doc)
        person_words = _person_name_words(doc)
        candidates = [self._as_person(self._as_place(c, person_words))
                      for c in self._split_place_pairs(candidates)]
        candidates += places
        candidates += self._cities_in_context(doc)
        kept = [s for s in candidates if (self._keep(s, opaque) or (
            (s.start, s.end) in known_keys and not any(  # but "World Athletics Championships"
                o.start <= s.start and s.end <= o.end and len(o) > len(s) for o in opaque)))
                and s.text not in not_orgs]
        opaque += name_rules.opaque_acronyms(doc, opaque)
        kept = [s for s in kept if not any(o.start <= s.start and s.end <= o.end and
                                           len(o) == 1 for o in opaque)]
        spans = non_overlapping(kept)
        spans = name_rules.extend_official_names(doc, spans, self.known_places)
        spans = name_rules.based_places(doc, spans)
        spans = name_rules.trim_org_titles(doc, name_rules.drop_portfolios(doc, spans))
        spans = name_rules.drop_generic_before_titles(doc, spans)
        spans = name_rules.drop_headline_only_names(doc, spans)
        spans = self._add_aliases(doc, spans, opaque, dateline_places)
        spans = name_rules.places_before_admin_words(doc, spans, opaque)
        spans = name_rules.places_listed_after_admin_words(doc, spans)
        spans = _merge_ranges(_harmonise_labels(_place_before_region(spans)))
        spans = name_rules.repair_people(doc, spans)
        spans = name_rules.names_after_run_on_titles(doc, spans, self.known_places)
        spans = name_rules.doubtful_people(doc, spans)
        spans = name_rules.people_in_context(doc, spans, self.known_places)
        spans = name_rules.people_misread_as_places(doc, spans, self.known_places)
        spans = _add_person_aliases(doc, spans, opaque, self.known_places)
        spans = name_rules.unsupported_people(doc, spans, self.places)
        spans = name_rules.clubs_before_player_roles(doc, spans, self.known_places)
        spans = name_rules.team_names(doc, spans, self.known_places)
        spans = name_rules.parties_after_people(doc, spans, self.known_places)
        spans = name_rules.repeated_org_names(doc, spans, opaque)
        spans = name_rules.towns_listed_with_places(doc, spans)
        spans = name_rules.towns_the_model_missed(doc, spans)
        spans = name_rules.places_named_by_residents(doc, spans)
        spans = name_rules.split_listed_orgs(doc, spans, self.known_places)
        spans = name_rules.split_comma_lists(doc, spans, self.known_places)
        spans = name_rules.names_begun_before_and(doc, spans, self.known_places)
        spans = name_rules.names_of_programmes(doc, spans)
        spans = name_rules.common_words_opening_sentences(doc, spans, self.known_places)
        spans = name_rules.drop_demonyms_and_regions(spans)
        spans = name_rules.acronyms_of_bodies(doc, spans)
        spans = name_rules.possessive_brands(doc, spans)
        spans = name_rules.drop_natural_features(doc, spans, self.known_places)
        spans = name_rules.title_words_read_as_people(doc, spans)
        spans = name_rules.places_joined_into_health_bodies(doc, spans)
        spans = name_rules.places_after_companies(doc, spans)
        spans = name_rules.split_organs_of_bodies(doc, spans)
        spans = name_rules.orgs_coordinated_with_orgs(doc, spans, self.known_places)
        spans = name_rules.propagate_acronyms(doc, spans, opaque)
        spans = name_rules.known_organisations(spans, known_orgs, opaque)
        for span in spans:
            self._set_value(span)
        doc.spans[extensions.ENTITIES] = spans
        doc.spans[extensions.OPAQUE] = opaque
        return doc

    def _as_place(self, span: Span, person_words: frozenset[str]) -> Span:
        """A PERSON or ORG the model gave for a country, province or city (`Niger`, `Halifax`).

        A city name that is also part of a person's name in the article (`Hale`
        after `Marcus Hale`) stays a person.
        """
        if span.label_ not in {"PERSON", "ORG"} or span[-1].lower_ in ORG_HEADS:
            return span
        if span.text in self.places or (
                span.text in self.cities and not (len(span) == 1 and span.text in person_words)):
            return Span(span.doc, span.start, span.end, label="GPE")
        return span

    def _money_from_numbers(self, doc: Doc) -> list[Span]:
        """`CHF 9.5 million`, `12,000 taka`, `200 million soles`: an amount the model called a
        number, with the currency word before or after it."""
        before: dict[int, int] = {}
        after: dict[int, int] = {}
        for _, s, e in self.currencies(doc):
            if doc[s:e].text.lower() in MONEY_PREFIXES:  # "won 46" is a verb
                before[e] = s
            after[s] = max(after.get(s, s), e)
        found = []
        for ent in doc.ents:
            if ent.label_ not in {"CARDINAL", "MONEY"}:
                continue
            start, end = ent.start, ent.end
            while end < len(doc) and doc[end].lower_ in MAGNITUDE_WORDS:
                end += 1
            if start in before:
                start = before[start]
            elif end in after:
                end = after[end]
            else:
                continue
            found.extend(t for t in [self._trim(Span(doc, start, end, label="MONEY"))]
                         if t is not None)
        return found

    def _split_place_pairs(self, spans: list[Span]) -> list[Span]:
        """`opening offices in Marion and Vincennes`: two towns, not one organisation;
        `Racine, Wisconsin`: two places, not one."""
        out = []
        for span in spans:
            conj = next((t.i for t in span if t.lower_ in {"and", "/"} or
                         (t.text == "," and span.label_ == "GPE")), None)
            if conj is not None and span.label_ in {"ORG", "PERSON", "GPE"}:
                left, right = span.doc[span.start:conj], span.doc[conj + 1:span.end]
                comma = span.doc[conj].text == ","  # "Racine, Wisconsin": a town, its state
                if len(left) and len(right) and (left.text in self.known_places or comma) and \
                        right.text in self.known_places:
                    out += [Span(span.doc, left.start, left.end, label="GPE"),
                            Span(span.doc, right.start, right.end, label="GPE")]
                    continue
            out.append(span)
        return out

    def _cities_in_context(self, doc: Doc) -> list[Span]:
        """Towns the model missed, where the words around them say place.

        `to Ypsilanti`, `a Norwich primary school`, `its Meridian campus`,
        `Halifax-based`. A city name alone is too ambiguous to add anywhere.
        """
        found = []
        # a model NORP/LOC/FAC ("our Meridian team") may be a town; other labels win
        entity_tokens = {i for e in doc.ents if e.label_ not in {"NORP", "LOC", "FAC"}
                         for i in range(e.start, e.end)}
        for _, start, end in self.city_matcher(doc):
            if not doc[start].is_title or start == doc[start].sent.start or \
                    entity_tokens.intersection(range(start, end)) or \
                    doc[start].lower_ in MONTHS or doc[start].lower_ in WEEKDAYS:
                continue
            prev = doc[start - 1]
            nxt = doc[end] if end < len(doc) else None
            if nxt is not None and nxt.is_title:
                continue  # part of a longer name: "Bedford Park"
            after_place_word = prev.lower_ in LOCATION_PREPOSITIONS or prev.lower_ == "at"
            as_modifier = prev.lower_ in CITY_MODIFIER_DETERMINERS and nxt is not None and \
                nxt.is_lower and nxt.pos_ == "NOUN"
            based = nxt is not None and nxt.text == "-" and end + 1 < len(doc) and \
                doc[end + 1].lower_ == "based"
            if after_place_word or as_modifier or based:
                found.append(Span(doc, start, end, label="GPE"))
        return found

    def _as_person(self, span: Span) -> Span:
        """`Investor Contact: Marcus Hale`: the model's ORG or GPE that is a first name and a
        surname (`Aminata Diallo-Kessler`, `Laila Moreno`)."""
        words_ = [t for t in span if t.text != "-"]
        if span.label_ not in {"ORG", "GPE"} or not 2 <= len(words_) <= 3 or \
                not all(t.is_title and t.is_alpha for t in words_) or \
                not is_given_name(span[0].text) or span.text in self.known_places or \
                span[-1].lower_ in ADMIN_DESCRIPTORS:
            return span  # "Allen County" is no Allen
        if any(t.lower_ in ORG_HEADS or t.lower_ in CORPORATE_WORDS or t.lower_ in EVENT_HEADS
               or t.text in self.places for t in span):
            return span
        return Span(span.doc, span.start, span.end, label="PERSON")

    @staticmethod
    def _dateline_places(doc: Doc) -> list[Span]:
        """`SAN JOSE, Calif.,` in a dateline: each comma-separated place is a GPE."""
        dateline = doc._.dateline
        if not dateline or not dateline.get("place"):
            return []
        span = doc.char_span(dateline["start"], dateline["start"] + len(dateline["place"]),
                             alignment_mode="expand")
        if span is None:
            return []
        places = []
        start = span.start
        for tok in [*span, None]:
            if tok is None or tok.text in {",", "/"} or tok.lower_ in {"and", "&"}:
                end = span.end if tok is None else tok.i
                if end > start:
                    places.append(Span(doc, start, end, label="GPE"))
                start = end + 1
        return places

    def _plausible(self, doc: Doc, start: int, end: int, pattern_id: str) -> bool:
        """Reject rule matches that join two names or misread a title or a phrase."""
        span = doc[start:end]
        of = next((t.i for t in span[1:] if t.lower_ == "of"), None)
        if of is not None and doc[of - 1].lower_ in name_rules.NO_OF_PLACE_HEADS and \
                doc[of + 1:end].text in self.known_places and \
                doc[start].lower_ not in GENERIC_NAME_WORDS:
            return False  # "Whitcomb-Lyle Foundation of Huntsville", not "Community Foundation
            # of Greater Dayton"
        if pattern_id == "acronym-in-parens":
            return (start > 0 and (doc[start - 1].text[:1].isupper() or
                                   doc[start - 1].text in SUFFIX_ABBREVS)) or (
                start > 1 and doc[start - 1].text in {"'s", "’s"})
        if pattern_id == "party-name":  # not "Labour Day", "the Labour Party" is longer
            return not (end < len(doc) and doc[end].is_title and doc[end].is_alpha) and \
                not (start > 0 and doc[start - 1].is_title and doc[start - 1].is_alpha
                     and start - 1 != doc[start - 1].sent.start)
        if pattern_id == "short-form" and end < len(doc) and doc[end].lower_ in {"of", "for"}:
            return False
        of = next((t.i for t in span if t.lower_ == "of"), None)
        if of is not None and of > start and doc[of - 1].text in SUFFIX_ABBREVS:
            return False  # "Samsung Electronics Co., Ltd. of South Korea": the name ends first
        if pattern_id in {"cap-and-head", "cap-and-head-of", "corp-and-co-ltd",
                          "corp-and-suffix"}:
            conj = next(t.i for t in span if t.lower_ in {"and", "&"})
            if doc[start].text in SUFFIX_ABBREVS:
                return False  # "Ltd. and Utkal Electro Mobility Ltd."
            if start > 1 and doc[start - 1].lower_ in {"of", "for"} and \
                    doc[start - 2].lower_ in ORG_HEADS and doc[start - 2].is_title:
                return False  # "Faculty of [Engineering and St. Columba Hospital]"
            if doc[conj].text == "&":
                return True  # "Ridgewell Bank & Trust", "Ropes & Gray LLP": one name
            left = doc[start:conj].text
            if doc.text.count(left) > 1 and conj - start == 1 and doc[start].is_title and \
                    not doc[start].is_lower:
                return False  # "LumaGrid and Orrin ...": the left name stands alone elsewhere
            generic = [t.lower_ in ORG_HEADS or t.lower_ in GENERIC_NAME_WORDS
                       for t in doc[conj + 1:end]]
            if len(generic) > 1 and all(generic) and not (end < len(doc) and doc[end]._.pf_cap):
                return True  # "Nicola Valley Hospital and Health Centre": the second has no name
            if conj - start > 1 and any(t.lower_ in ORG_HEADS or t.lower_ in CORPORATE_WORDS
                                        for t in doc[start:conj]):
                return False  # two names joined by "and"; "Securities and Exchange" is one
        if pattern_id == "cap-head-of-and":
            conj = next(t.i for t in span if t.lower_ in {"and", "&"})
            if end < len(doc) and doc[end].is_lower and doc[end].pos_ == "NOUN":
                return False  # "... Department of Education and Australian universities"
            if (doc[end - 1].lower_ in STRONG_HEADS or doc[conj + 1].lower_ in STRONG_HEADS) \
                    and any(t.lower_ in ORG_HEADS for t in doc[start:conj]):
                return False  # "School of Medicine and Pacific Lutheran University"
        return True

    def _add_aliases(self, doc: Doc, spans: list[Span], opaque: list[Span],
                     dateline_places: list[Span]) -> list[Span]:
        """Later short mentions of a company name: "Calvera" after "Calvera Semiconductor Inc."."""
        aliases: set[tuple[str, ...]] = set()
        corporate: set[tuple[str, ...]] = set()  # first words of names with a legal suffix
        lower = {t.lower_ for t in doc if t.is_lower}
        lower |= {t.text.lower() for e in doc.ents if e.label_ in {"GPE", "LOC", "NORP", "FAC"}
                  for t in e}  # the model's places are no coined names either
        for span in spans:
            if span.label_ != "ORG":
                continue
            toks = [t.text for t in span]
            core = list(toks)
            while core and (core[-1].lower() in CORPORATE_WORDS or core[-1] == ","):
                core.pop()
            if _defined_in_parens(doc, span):
                aliases.add(tuple(toks))
            if len(span) > 1 and span[-1].lower_ in ORG_HEADS and self._coined(span[0], lower):
                aliases.add((toks[0],))  # "Orrin" after "Orrin Energy Cooperative"
            if len(core) == len(toks) or not core:
                continue
            corporate.add((core[0],))  # "Thornbury" of "Thornbury Diagnostics N.V."
            for n in range(1, len(core) + 1):
                alias = tuple(core[:n])
                if alias[0][:1].isupper() and alias[0].lower() not in DETERMINERS:
                    aliases.add(alias)
        if not aliases:
            return spans
        places = {s.text for s in dateline_places}
        aliases = {a for a in aliases if " ".join(a) not in places
                   and " ".join(a) not in self.places and a[0].split("-")[0] not in self.places
                   and not (len(a) == 1 and a[0] in self.cities and (
                       a not in corporate or _used_as_place(doc, a[0])))}  # "Xiamen Port"
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for alias in sorted(aliases, key=len, reverse=True):
            by_first.setdefault(alias[0], []).append(alias)
        found: list[Span] = []
        i = 0
        while i < len(doc):
            for alias in by_first.get(doc[i].text, ()):
                if tuple(t.text for t in doc[i:i + len(alias)]) == alias and not (
                        i + len(alias) < len(doc) and doc[i + len(alias)].text[:1].isupper()
                        and doc[i + len(alias)].is_alpha):
                    found.append(Span(doc, i, i + len(alias), label="ORG"))
                    i += len(alias) - 1
                    break
            i += 1
        found = [f for f in found if not any(o.start <= f.start and f.end <= o.end for o in opaque)
                 and not any(s.label_ == "GPE" and len(s) > len(f) and s.start <= f.start and
                             f.end <= s.end for s in spans)]  # "Kembla" of "Port Kembla"
        keep = [s for s in spans if s.label_ == "ORG" or not any(
            s.start < f.end and f.start < s.end for f in found)]
        return non_overlapping([*keep, *found])

    def _coined(self, token: Token, lower_words: set[str]) -> bool:
        """A word that can only be this organisation's name: `Orrin`, `Veltrix`, not `National`.

        It is capitalised, never written in lowercase in the article, and no place,
        given name or generic name word.
        """
        text = token.text
        return len(text) >= 4 and token.is_alpha and text[0].isupper() and \
            not token.is_upper and text.lower() not in lower_words and \
            not text.endswith("s") and \
            text not in self.known_places and \
            text.lower() not in GENERIC_NAME_WORDS and not is_given_name(text) and \
            token.ent_type_ != "NORP"

    def _repair(self, span: Span) -> list[Span]:
        """Trim one span to guideline boundaries; may split it in two or more."""
        doc = span.doc
        parts: list[Span] = []
        start = span.start
        for tok in span:  # possessive chains, parentheticals and line breaks split the span
            if "\n" in tok.text:
                parts.append(Span(doc, start, tok.i, label=span.label))
                start = tok.i + 1
                if span.end - start == 1 and not doc[start].is_upper:
                    start = span.end  # "About Acme\n\nFounded in ...": a stray word
            elif tok.text in {"'s", "’s"} and tok.i + 1 < span.end and \
                    doc[tok.i - 1].text not in POSSESSIVE_NAME_WORDS:
                parts.append(Span(doc, start, tok.i, label=span.label))
                start = tok.i + 1
            elif span.label_ == "ORG" and _headline_verb(tok) and tok.i > span.start:
                parts.append(Span(doc, start, tok.i, label=span.label))
                start = span.end
                break
            elif tok.lower_ in {"v", "vs", "vs."} and tok.i > span.start:  # fixtures
                parts.append(Span(doc, start, tok.i, label=span.label))
                start = tok.i + 1
            elif tok.text == "(":
                parts.append(Span(doc, start, tok.i, label=span.label))
                close = next((t.i for t in doc[tok.i:span.end] if t.text == ")"), None)
                inner = doc[tok.i + 1:close] if close else None
                if inner is not None and len(inner) == 1 and name_rules.is_acronym(inner[0]):
                    parts.append(Span(doc, inner.start, inner.end, label=span.label))
                start = span.end if close is None else close + 1
                break
        if start < span.end:
            parts.append(Span(doc, start, span.end, label=span.label))
        repaired: list[Span] = []
        for part in parts:
            trimmed = self._trim(part)
            if trimmed is not None:
                repaired.append(trimmed)
        return repaired

    def _trim(self, span: Span) -> Span | None:
        label = span.label_
        if label in {"MONEY", "PERCENT"}:
            trimmed = strip_tokens(span, leading=DETERMINERS | {"record", "combined", "total"})
            if trimmed is None:
                return None
            doc = span.doc
            start, end = trimmed.start, trimmed.end
            while start > 0 and doc[start - 1].lower_ in CURRENCY_TOKENS:
                start -= 1  # the model often leaves out "$" or "KSh"
            if end < len(doc) and doc[end].lower_ in CURRENCY_TOKENS and label == "MONEY":
                end += 1
            trimmed = Span(doc, start, end, label=label)
            if label == "MONEY" and any(t.lower_ in {"cent", "percent", "%"} for t in trimmed):
                trimmed = Span(doc, start, end, label="PERCENT")
            return self._extend_qualifier(trimmed)
        if not len(span):
            return None
        if label == "PERSON" and span[-1].lower_ in ORG_HEADS and len(span) > 1:
            label = "ORG"  # "General Statistics Office": no title to strip off a body
            span = Span(span.doc, span.start, span.end, label=label)
        if label == "ORG" and span[0].lower_ in PERSON_TITLES and len(span) > 1 and \
                not any(t.lower_ in ORG_HEADS for t in span):
            label = "PERSON"  # "Midfielder Connor Hale"
            span = Span(span.doc, span.start, span.end, label=label)
        leading = DETERMINERS | (PERSON_TITLES if label == "PERSON" else frozenset()) | (
            ORG_LEADING_NOISE if label == "ORG" else frozenset())
        trimmed = strip_tokens(span, leading=leading)
        if trimmed is None:
            return None
        end = trimmed.end
        while end - 1 > trimmed.start and not _hyphen_joined(span.doc[end - 1]) and (
                span.doc[end - 1].lower_ in WEEKDAYS or span.doc[end - 1].lower_ in MONTHS
                or (span.doc[end - 1].is_lower and span.doc[end - 1].text not in SUFFIX_ABBREVS)
                or span.doc[end - 1].is_punct
                or (label == "ORG" and _headline_verb(span.doc[end - 1]))):
            end -= 1
        trimmed = Span(span.doc, trimmed.start, end, label=label)
        if label == "PERSON" and trimmed[-1].lower_ in ORG_HEADS:
            return Span(span.doc, trimmed.start, trimmed.end, label="ORG")  # "St John Ambulance"
        if label == "PERSON":  # titles may stack: "Deputy Director Xiao"
            while len(trimmed) > 1 and trimmed[0].lower_ in PERSON_TITLES:
                trimmed = Span(span.doc, trimmed.start + 1, trimmed.end, label=label)
        if label == "GPE" and any(t.lower_ in BODY_HEADS and t.is_title for t in trimmed[1:]):
            return Span(span.doc, trimmed.start, trimmed.end, label="ORG")  # "Yakima School
            # District" is a body, not a place
        if label == "GPE":
            end = trimmed.end
            while end - 1 > trimmed.start and span.doc[end - 1].lower_ in GPE_DESCRIPTORS \
                    and span.doc[end - 1].is_lower:
                end -= 1
            trimmed = Span(span.doc, trimmed.start, end, label=label)
        return trimmed

    def _extend_qualifier(self, span: Span) -> Span:
        """MONEY/PERCENT take the same qualifier words as counts ("over 99 percent")."""
        return Span(span.doc, phrase_start_before(self.qualifiers, span, 4), span.end,
                    label=span.label)

    def _keep(self, span: Span, opaque: list[Span]) -> bool:
        """Drop what the guidelines do not annotate."""
        label = span.label_
        text_lower = span.text.lower()
        if any(o.start <= span.start and span.end <= o.end and
               not (o.start == span.start and o.end == span.end and label == "ORG"
                    and span[-1].lower_ in ORG_HEADS)
               for o in opaque):
            return False
        if label in {"ORG", "PERSON", "GPE"}:
            if not any(t.text[:1].isupper() for t in span) or text_lower in TIMEZONES:
                return False
            if text_lower in COMPASS or span[-1].lower_ in EVENT_HEADS:
                return False  # "World Food Programme" comes from the gazetteer
        if label == "MONEY" and span[-1].lower_ in {"pounds", "pound"} and \
                span.end < len(span.doc) and span.doc[span.end].lower_ == "of":
            return False  # weight, not sterling
        if label == "ORG" and len(span) == 1 and (span[0].pos_ == "VERB" or
                                                  span[0].lower_ in CURRENCY_TOKENS):
            return False  # "CHF 9.5 million": a currency code
        if span.start > 1 and span.doc[span.start - 1].text == ":" and \
                span.doc[span.start - 2].text in STOCK_EXCHANGES:
            return False  # the ticker in "(NYSE: KRB)" is an identifier
        followed_by_officer = span.end < len(span.doc) and span.doc[span.end].lower_ == "officer" \
            and span[-1].lower_ not in ORG_HEADS  # "Chief Operating Officer", not "a Police
        # Department officer"
        return not (label == "ORG" and (span[0].lower_ in TITLE_WORDS - {"head"}
                                        or followed_by_officer))

    def _set_value(self, span: Span) -> None:
        if span.label_ == "MONEY":
            span._.money = numbers.parse_money(span.text)
        elif span.label_ == "PERCENT":
            span._.quantity = numbers.parse_percent(span.text)
