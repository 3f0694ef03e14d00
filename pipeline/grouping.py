"""The `pressfacts_groups` component: mentions of one organisation or person, grouped.

"Jiangxi Provincial Party Committee" and a later "Provincial Party Committee",
"World Health Organization" and "WHO", "Acme Corp." and "the Company",
"Xiao Hongbo" and a later "Xiao" are one entity each. Every ORG and PERSON
mention gets `span._.canonical` and `span._.group_id`; the doc gets the groups.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline import extensions
from pipeline.lexicon import words

CORPORATE = words("org_suffix_abbrevs") | {"Corporation", "Company", "Inc", "Ltd", "Group"}
SHORT_FORMS = words("short_form_heads")
CORPORATE_LOWER = words("corporate_words")


@dataclass
class _Group:
    gid: str
    mentions: list[Span] = field(default_factory=list)
    acronym: str | None = None

    @property
    def canonical(self) -> str:
        """The fullest name: the longest non-acronym mention, first seen on ties."""
        names = [m.text for m in self.mentions if m.text != self.acronym] or \
            [m.text for m in self.mentions]
        return max(names, key=len)

    def words(self) -> list[list[str]]:
        return [[t.text for t in m] for m in self.mentions]


def _initials(span: Span) -> str:
    return "".join(t.text[0] for t in span if t.text[:1].isupper())


def _is_suffix(short: list[str], full: list[str]) -> bool:
    return len(short) < len(full) and full[-len(short):] == short


@Language.factory("pressfacts_groups")
def make_groups(nlp: Language, name: str) -> Grouper:
    """Factory: grouping needs no configuration."""
    return Grouper(name)


class Grouper:
    """Group ORG mentions into organisations and PERSON mentions into people."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans[extensions.ENTITIES]) if extensions.ENTITIES in doc.spans else []
        orgs = self._group([s for s in spans if s.label_ == "ORG"], "org", self._org_match)
        people = self._group([s for s in spans if s.label_ == "PERSON"], "p", self._person_match)
        doc._.organisations = [self._as_dict(g) for g in orgs]
        doc._.people = [self._as_dict(g) for g in people]
        return doc

    def _group(self, mentions: list[Span], prefix: str, match) -> list[_Group]:
        groups: list[_Group] = []
        for mention in mentions:
            target = match(mention, groups)
            if target is None:
                target = _Group(f"{prefix}{len(groups) + 1}")
                groups.append(target)
            target.mentions.append(mention)
            if mention.text.isupper() and len(mention) == 1:
                target.acronym = target.acronym or mention.text
        for group in groups:
            for mention in group.mentions:
                mention._.group_id = group.gid
                mention._.canonical = group.canonical
        return groups

    @staticmethod
    def _org_match(mention: Span, groups: list[_Group]) -> _Group | None:
        text = mention.text
        toks = [t.text for t in mention]
        for group in reversed(groups):  # the same name, or a shorter form of it
            for other in group.mentions:
                full = [t.text for t in other]
                if other.text == text or _is_suffix(toks, full) or (
                        len(toks) < len(full) and full[:len(toks)] == toks
                        and full[-1].lower() in CORPORATE_LOWER):
                    return group
        if text.isupper() and len(mention) == 1:  # an acronym of an earlier name
            for group in reversed(groups):
                if any(_initials(o) == text or _initials(o).replace("O", "") == text
                       for o in group.mentions if len(o) > 1):
                    return group
            prev = mention.doc[mention.start - 1] if mention.start > 0 else None
            if prev is not None and prev.text == "(" and groups:
                return groups[-1]
        if len(mention) == 1 and text in SHORT_FORMS:  # "the Company", "the Bureau"
            for group in reversed(groups):
                if any(o[-1].text == text or (text == "Company" and o[-1].text in CORPORATE)
                       for o in group.mentions):
                    return group
        return None

    @staticmethod
    def _person_match(mention: Span, groups: list[_Group]) -> _Group | None:
        toks = [t.text for t in mention]
        for group in reversed(groups):
            for other in group.words():
                if other == toks or (len(toks) < len(other) and set(toks) <= set(other)):
                    return group
        return None

    @staticmethod
    def _as_dict(group: _Group) -> dict:
        canonical = group.canonical
        aliases = sorted({m.text for m in group.mentions} - {canonical})
        return {"id": group.gid, "canonical": canonical, "aliases": aliases,
                "acronym": group.acronym, "mention_spans": [(m.start, m.end) for m in
                                                            group.mentions]}
